"""The workflows hold a production token and write to pull requests: actions pinned to
commits, no credentials left in the checkout, least permissions per job, the token only
after the tool is installed, and apply only from main through a protected environment."""

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

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(?:\.\d+)*$")


def _load(path: Path) -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def _zizmor() -> str | None:
    beside_python = Path(sys.executable).parent / "zizmor"
    return str(beside_python) if beside_python.is_file() else shutil.which("zizmor")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_commit_with_its_version_beside_it(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_checkouts_keep_no_credentials_and_jobs_get_only_their_own_permissions(
    path: Path,
) -> None:
    workflow = _load(path)
    assert workflow["permissions"] == {}
    for job in workflow["jobs"].values():
        assert job["permissions"]["contents"] == "read"
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_the_tool_is_installed_before_any_step_holds_a_secret(path: Path) -> None:
    for job in _load(path)["jobs"].values():
        steps = job["steps"]
        holds_secret = [
            index
            for index, step in enumerate(steps)
            if "secrets." in str(step.get("env", {})) + str(step.get("with", {}))
        ]
        installs = [
            index for index, step in enumerate(steps) if "pip install" in step.get("run", "")
        ]
        assert not holds_secret or max(installs) < min(holds_secret)


def test_apply_runs_only_on_main_in_the_production_environment() -> None:
    workflow = _load(REPO_ROOT / ".github" / "workflows" / "interviews-apply.yml")
    assert set(workflow[True]) == {"push", "workflow_dispatch"}
    assert workflow[True]["push"]["branches"] == ["main"]
    job = workflow["jobs"]["apply"]
    assert job["if"] == "github.ref == 'refs/heads/main'"
    assert job["environment"] == "production"
    assert job["permissions"] == {"contents": "read"}


def test_zizmor_finds_nothing_of_medium_severity_or_above() -> None:
    binary = _zizmor()
    if binary is None:
        pytest.skip("zizmor not installed (dev extra)")
    result = subprocess.run(
        [binary, "--offline", "--min-severity", "medium", "--no-progress", "--format", "plain",
         str(REPO_ROOT / ".github" / "workflows")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout
