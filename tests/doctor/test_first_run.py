"""The first run against a real account, as the README and the apply workflow tell it:
doctor first, then plan, review and apply."""

from __future__ import annotations

from tests.conftest import REPO_ROOT
from tests.workflows.test_workflows_e2e import interviews_steps


def test_the_apply_workflow_runs_the_read_only_doctor_right_before_apply() -> None:
    steps = interviews_steps("interviews-apply.yml")
    names = [step.name for step in steps]
    doctor, apply = steps[names.index("Doctor")], steps[names.index("Apply")]
    assert names.index("Doctor") == names.index("Apply") - 1
    assert doctor.script.strip() == "interviews doctor"  # never --write-check in CI
    assert doctor.env == apply.env  # the credentials apply gets, and only from env
    assert doctor.env["JOBMOJITO_TOKEN"] == "${{ secrets.JOBMOJITO_TOKEN }}"


def test_the_readme_first_run_starts_with_the_write_check_then_plan_then_apply() -> None:
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    section = readme.split("## First run against a real account\n")[1].split("\n## ")[0]
    commands = [
        line.split("#")[0].strip()
        for line in section.splitlines()
        if line.strip().startswith("interviews ")
    ]
    assert commands == [
        "interviews doctor --write-check",
        "interviews plan interviews/ --out plan.json",
        "interviews apply plan.json",
    ]
