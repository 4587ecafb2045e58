"""The apply workflow runs the read-only doctor before apply, with apply's credentials."""

from __future__ import annotations

from tests.workflows.test_workflows_e2e import interviews_steps


def test_the_apply_workflow_runs_the_read_only_doctor_right_before_apply() -> None:
    steps = interviews_steps("interviews-apply.yml")
    names = [step.name for step in steps]
    doctor, apply = steps[names.index("Doctor")], steps[names.index("Apply")]
    assert names.index("Doctor") == names.index("Apply") - 1
    assert doctor.script.strip() == "interviews doctor"  # never --write-check in CI
    assert doctor.env == apply.env  # the credentials apply gets, and only from env
    assert doctor.env["JOBMOJITO_TOKEN"] == "${{ secrets.JOBMOJITO_TOKEN }}"
