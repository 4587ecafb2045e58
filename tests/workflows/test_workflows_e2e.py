"""The GitOps workflows end to end, as far as they run off GitHub.

Both workflow files are parsed and the `run:` steps that call `interviews` are executed,
in order and with bash as GitHub runs them, in a temporary git repository (a clone, so
`origin/main` exists, holding `interviews/` and `reconciler.toml`) against the emulator
served over real HTTP. `${{ }}` expressions in a step's `env:` are replaced by local
values: the secrets of a service user and an API key, as the README recommends for CI.
Steps that use GitHub-only features (`uses:` actions: checkout, github-script,
upload-artifact, upload-sarif) and the install step are skipped, not faked: the package
under test is already importable.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from reconciler.emulator import Emulator
from reconciler.emulator.gateway import GatewayConfig
from reconciler.emulator.server import EmulatorServer
from reconciler.emulator.server import serve
from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
EMAIL = "ci-bot@acme.test"
PASSWORD = "e2e-workflow-password-3a7c"
API_KEY = "e2e-workflow-anon-key-3a7c"
COMMENT_LIMIT = 65_000
EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


@dataclass(frozen=True)
class RunStep:
    """A `run:` step of a workflow: its name, shell script and step-level env."""

    name: str
    script: str
    env: dict[str, str]


def interviews_steps(workflow_file: str) -> list[RunStep]:
    """The workflow's `run:` steps that call `interviews`, in order."""
    workflow: dict[str, Any] = yaml.safe_load((WORKFLOWS / workflow_file).read_text("utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    return [
        RunStep(
            step.get("name", ""), step["run"], {k: str(v) for k, v in step.get("env", {}).items()}
        )
        for step in steps
        if "run" in step and step["run"].lstrip().startswith("interviews ")
    ]


@dataclass
class Runner:
    """Runs workflow steps in `workdir`, with `interviews` on PATH and the emulator's URL."""

    workdir: Path
    bin_dir: Path
    expressions: dict[str, str]

    def env_of(self, step: RunStep) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JOBMOJITO_", "IAC_"))}
        env["PATH"] = f"{self.bin_dir}{os.pathsep}{env.get('PATH', '')}"
        env["PYTHONPATH"] = str(REPO_ROOT)
        env.update({name: self.evaluate(value) for name, value in step.env.items()})
        return env

    def evaluate(self, value: str) -> str:
        # An expression this test does not know fails loudly instead of running as text.
        return EXPRESSION.sub(lambda match: self.expressions[match.group(1)], value)

    def run(self, step: RunStep) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.script],
            cwd=self.workdir, env=self.env_of(step), capture_output=True, text=True, check=False,
        )  # fmt: skip

    def run_workflow(self, workflow_file: str) -> dict[str, subprocess.CompletedProcess[str]]:
        return {step.name: self.run(step) for step in interviews_steps(workflow_file)}


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    emulator = Emulator(gateway=GatewayConfig(apikey=API_KEY, logins={EMAIL: PASSWORD}))
    running = serve(emulator, port=0)
    yield running
    running.shutdown()
    running.server_close()
    emulator.close()


@pytest.fixture
def runner(tmp_path: Path, server: EmulatorServer) -> Runner:
    """A clone of an 'upstream' repository with the example specs on main."""
    upstream = GitRepo(tmp_path / "upstream")
    shutil.copytree(REPO_ROOT / "interviews", upstream.root / "interviews")
    (upstream.root / "reconciler.toml").write_text('[reconciler]\nnamespace = "acme"\n')
    upstream.commit("Add the interviews")
    upstream.git("clone", "-q", str(upstream.root), str(tmp_path / "work"))
    return Runner(
        workdir=tmp_path / "work",
        bin_dir=_interviews_shim(tmp_path / "bin"),
        expressions={
            "secrets.JOBMOJITO_TOKEN": "",  # an unset secret reaches the step empty
            "secrets.JOBMOJITO_EMAIL": EMAIL,
            "secrets.JOBMOJITO_PASSWORD": PASSWORD,
            "secrets.JOBMOJITO_API_KEY": API_KEY,
            "vars.JOBMOJITO_API_URL": server.url,
            "vars.JOBMOJITO_AUTH_URL": "",
            "github.base_ref": "main",
        },
    )


def _interviews_shim(bin_dir: Path) -> Path:
    """An `interviews` command that runs this checkout's package with this interpreter."""
    bin_dir.mkdir()
    shim = bin_dir / "interviews"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m reconciler "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def _outcomes(results: dict[str, subprocess.CompletedProcess[str]]) -> dict[str, int]:
    return {name: result.returncode for name, result in results.items()}


def _plan_document(workdir: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((workdir / "plan.json").read_text("utf-8"))
    schema = json.loads((REPO_ROOT / "schemas" / "plan.schema.json").read_text("utf-8"))
    jsonschema.validate(document, schema)
    return document


def test_the_workflows_run_commands_we_can_run() -> None:
    assert [step.name for step in interviews_steps("interviews-plan.yml")] == [
        "Validate", "Lint", "Plan",
    ]  # fmt: skip
    assert [step.name for step in interviews_steps("interviews-apply.yml")] == [
        "Validate", "Doctor", "Apply",
    ]  # fmt: skip


def test_pull_request_plan_then_apply_on_merge(runner: Runner) -> None:
    work = GitRepo(runner.workdir)
    work.git("checkout", "-q", "-b", "move-sql-to-hamburg")
    work.edit("interviews/sql-skills-assessment.yaml", "Berlin, Germany", "Hamburg, Germany")
    work.commit("Move the SQL assessment to Hamburg")

    planned = runner.run_workflow("interviews-plan.yml")

    assert _outcomes(planned) == {"Validate": 0, "Lint": 0, "Plan": 0}, planned["Plan"].stderr
    comment = (runner.workdir / "plan.md").read_text("utf-8")
    assert comment.startswith("## interviews-as-code plan\n")
    assert len(comment) < COMMENT_LIMIT
    assert "Already pending before this change (not from this pull request)" in comment
    document = _plan_document(runner.workdir)
    assert document["summary"]["create"] == 5
    # Nothing was ever applied: the four specs already on main are pending, not this PR's.
    assert document["preexisting"] == [
        "customer-support-specialist", "returns-policy-verification",
        "senior-backend-engineer", "vertriebsmitarbeiter-innendienst",
    ]  # fmt: skip
    json.loads((runner.workdir / "lint.sarif").read_text("utf-8"))

    work.git("checkout", "-q", "main")
    work.git("merge", "-q", "--ff-only", "move-sql-to-hamburg")
    applied = runner.run_workflow("interviews-apply.yml")

    assert _outcomes(applied) == {"Validate": 0, "Doctor": 0, "Apply": 0}, applied["Apply"].stderr
    audit = (runner.workdir / "audit.jsonl").read_text("utf-8").splitlines()
    assert len(audit) == 5
    assert {json.loads(line)["outcome"] for line in audit} == {"done"}
    for result in (*planned.values(), *applied.values()):
        assert PASSWORD not in result.stdout + result.stderr
        assert API_KEY not in result.stdout + result.stderr

    replanned = runner.run_workflow("interviews-plan.yml")

    assert _outcomes(replanned) == {"Validate": 0, "Lint": 0, "Plan": 0}
    assert _plan_document(runner.workdir)["changes"] == []
    assert "No changes." in (runner.workdir / "plan.md").read_text("utf-8")


def test_the_readme_ci_section_quotes_the_commands_the_workflows_run() -> None:
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    section = readme.split("<!-- ci:start -->")[1].split("<!-- ci:end -->")[0]
    prose = " ".join(section.split())
    steps = [*interviews_steps("interviews-plan.yml"), *interviews_steps("interviews-apply.yml")]
    quoted = [step.script.split(" --out ")[0] for step in steps if step.name in ("Plan", "Apply")]
    assert len(quoted) == 2
    for command in quoted:
        assert f"`{command}" in prose, command
