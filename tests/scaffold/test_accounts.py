"""Many accounts in one repository: `interviews init accounts/<name>` per account, and the
account workflows plan and apply each folder with its own credentials, here against two
emulated accounts served over HTTP.

The workflows' own steps run as GitHub would run them (tests/scaffold/steps.py): the step
that lists the account folders, then the action's steps for each account, with the
expressions of the workflow (`matrix.account`, the account environment's secrets) filled in.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator.server import EmulatorServer
from reconciler.emulator.server import serve
from tests.gitrepo import GitRepo
from tests.scaffold.steps import EXPRESSION
from tests.scaffold.steps import action_steps
from tests.scaffold.steps import interviews_shim
from tests.scaffold.steps import run_step
from tests.scaffold.steps import workflow_step

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)

TOKENS = {"eu": "eu-account-token-5d1e", "us": "us-account-token-9b7f"}
ACTION = Path(".github/actions/interviews-as-code/action.yml")
PLAN_WORKFLOW = Path(".github/workflows/interviews-accounts-plan.yml")
APPLY_WORKFLOW = Path(".github/workflows/interviews-accounts-apply.yml")


@pytest.fixture
def servers() -> Iterator[dict[str, EmulatorServer]]:
    running = {name: serve(Emulator(token=token), port=0) for name, token in TOKENS.items()}
    yield running
    for server in running.values():
        server.shutdown()
        server.server_close()
        server.emulator.close()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    """A clone of a repository scaffolded with two account folders, eu and us, on main."""
    upstream = GitRepo(tmp_path / "upstream")
    monkeypatch.chdir(upstream.root)
    assert main(["init", "accounts/eu", "--namespace", "eu"]) == 0
    assert main(["init", "accounts/us"]) == 0
    upstream.commit("Two accounts")
    upstream.git("clone", "-q", str(upstream.root), str(tmp_path / "work"))
    return GitRepo(tmp_path / "work")


def _uses_step(workflow_file: Path, job: str) -> dict[str, Any]:
    workflow: dict[str, Any] = yaml.safe_load(workflow_file.read_text("utf-8"))
    steps: list[dict[str, Any]] = workflow["jobs"][job]["steps"]
    [step] = [step for step in steps if step.get("uses", "").startswith("./")]
    return step


def _run_action(
    work: GitRepo,
    workflow_file: Path,
    job: str,
    account: str,
    server: EmulatorServer,
    names: tuple[str, ...],
    base_ref: str,
    namespace: str = "",
) -> dict[str, Any]:
    """Run the action's steps `names` as the workflow's matrix job for `account` does."""
    uses = _uses_step(work.root / workflow_file, job)
    matrix = {"matrix.account": account}
    inputs = {
        f"inputs.{name}": EXPRESSION.sub(lambda m: matrix[m.group(1)], str(value))
        for name, value in uses["with"].items()
    }
    temp = work.root.parent / f"runner-temp-{job}-{account}"
    expressions = {
        "inputs.namespace": namespace,
        **inputs,
        "secrets.JOBMOJITO_TOKEN": TOKENS[account],  # the account environment's secret
        "secrets.JOBMOJITO_EMAIL": "",
        "secrets.JOBMOJITO_PASSWORD": "",
        "secrets.JOBMOJITO_API_KEY": "",
        "vars.JOBMOJITO_API_URL": server.url,
        "vars.JOBMOJITO_AUTH_URL": "",
        "github.base_ref": base_ref,
        "runner.temp": str(temp),
    }
    bin_dir = work.root.parent / "bin"
    if not bin_dir.exists():
        interviews_shim(bin_dir)
    results = {}
    for step in action_steps(work.root / ACTION, *names):
        result = run_step(step, work.root, bin_dir, expressions, uses["env"])
        assert TOKENS[account] not in result.stdout + result.stderr
        results[step.name] = result
    return {"results": results, "temp": temp}


def test_the_account_workflows_find_every_account_folder(work: GitRepo) -> None:
    output = work.root.parent / "github-output"
    output.touch()
    for workflow in (PLAN_WORKFLOW, APPLY_WORKFLOW):
        step = workflow_step(work.root / workflow, "accounts", "List the account folders")
        output.write_text("")
        result = run_step(step, work.root, work.root, {}, {"GITHUB_OUTPUT": str(output)})
        assert result.returncode == 0, result.stderr
        assert output.read_text() == 'accounts=["eu", "us"]\n'


def test_each_account_is_planned_and_applied_with_its_own_credentials(
    work: GitRepo, servers: dict[str, EmulatorServer]
) -> None:
    work.git("checkout", "-q", "-b", "eu-location")
    work.edit("accounts/eu/interviews/example-onboarding-specialist.yaml", "Remote", "Remote, EU")
    work.commit("The EU example is remote within the EU")

    for account in ("eu", "us"):
        run = _run_action(work, PLAN_WORKFLOW, "plan", account, servers[account],
                          ("Validate", "Lint", "Plan"), base_ref="main")  # fmt: skip
        outcomes = {name: result.returncode for name, result in run["results"].items()}
        assert outcomes == {"Validate": 0, "Lint": 0, "Plan": 0}, run["results"]["Plan"].stderr
        plan = json.loads((run["temp"] / "interviews-plan" / "plan.json").read_text("utf-8"))
        assert plan["summary"]["create"] == 1
        assert [change["key"] for change in plan["changes"]] == ["example-onboarding-specialist"]
        markdown = (run["temp"] / "interviews-plan" / "plan.md").read_text("utf-8")
        assert markdown.startswith("## interviews-as-code plan\n")

    work.git("checkout", "-q", "main")
    work.git("merge", "-q", "--ff-only", "eu-location")
    for account in ("eu", "us"):
        run = _run_action(work, APPLY_WORKFLOW, "apply", account, servers[account],
                          ("Validate", "Doctor", "Apply"), base_ref="")  # fmt: skip
        outcomes = {name: result.returncode for name, result in run["results"].items()}
        assert outcomes == {"Validate": 0, "Doctor": 0, "Apply": 0}, run["results"]["Apply"].stderr
        audit = (run["temp"] / "interviews-audit" / "audit.jsonl").read_text("utf-8")
        [line] = [json.loads(line) for line in audit.splitlines()]
        assert (line["key"], line["outcome"]) == ("example-onboarding-specialist", "done")

    for account in ("eu", "us"):
        run = _run_action(work, PLAN_WORKFLOW, "plan", account, servers[account],
                          ("Plan",), base_ref="")  # fmt: skip
        assert run["results"]["Plan"].returncode == 0
        plan = json.loads((run["temp"] / "interviews-plan" / "plan.json").read_text("utf-8"))
        assert plan["changes"] == []


def test_the_namespace_input_wins_over_the_account_folders_settings(
    work: GitRepo, servers: dict[str, EmulatorServer]
) -> None:
    run = _run_action(work, PLAN_WORKFLOW, "plan", "eu", servers["eu"], ("Plan",),
                      base_ref="", namespace="eustaging")  # fmt: skip

    assert run["results"]["Plan"].returncode == 0, run["results"]["Plan"].stderr
    markdown = (run["temp"] / "interviews-plan" / "plan.md").read_text("utf-8")
    assert "Namespace eustaging, checksum" in markdown
