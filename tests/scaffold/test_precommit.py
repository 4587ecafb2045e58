"""The pre-commit hooks of this repository (.pre-commit-hooks.yaml), used from a scaffolded
repository through `pre-commit try-repo`. try-repo installs the hooks from a commit, so the
test uses a clone of this repository's HEAD: commit before running it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from reconciler.cli import main
from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo

# What pip prints when the package index cannot be reached: the test cannot run here.
OFFLINE = ("Could not find a version", "Failed to establish a new connection", "No matching")


def _pre_commit() -> str | None:
    beside_python = Path(sys.executable).parent / "pre-commit"
    return str(beside_python) if beside_python.is_file() else shutil.which("pre-commit")


def test_the_hooks_check_the_specs_folder() -> None:
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert [(hook["id"], hook["entry"]) for hook in hooks] == [
        ("interviews-validate", "interviews validate"),
        ("interviews-lint", "interviews lint"),
    ]
    for hook in hooks:
        assert (hook["language"], hook["files"], hook["pass_filenames"]) == (
            "python", r"^interviews/.*\.ya?ml$", False,
        )  # fmt: skip


def test_try_repo_runs_the_hooks_in_a_scaffolded_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    binary = _pre_commit()
    if binary is None or shutil.which("git") is None:
        pytest.skip("needs pre-commit and git")
    source = tmp_path / "interviews-as-code"
    subprocess.run(["git", "clone", "-q", str(REPO_ROOT), str(source)], check=True)
    scaffold = GitRepo(tmp_path / "hiring")
    monkeypatch.chdir(scaffold.root)
    assert main(["init"]) == 0
    scaffold.git("add", "-A")  # pre-commit's --all-files means the files git tracks
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home")}

    def try_repo(hook: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [binary, "try-repo", str(source), hook, "--all-files"],
            cwd=scaffold.root, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip

    validated = try_repo("interviews-validate")
    if validated.returncode != 0 and any(s in validated.stdout for s in OFFLINE):
        pytest.skip("the package index is out of reach: pre-commit cannot install the hook")
    assert validated.returncode == 0, validated.stdout
    assert "interviews validate" in validated.stdout
    assert "Passed" in validated.stdout
    linted = try_repo("interviews-lint")
    assert linted.returncode == 0, linted.stdout
    assert "Passed" in linted.stdout

    scaffold.edit(
        "interviews/example-onboarding-specialist.yaml", "status: draft", "status: drafty"
    )
    scaffold.git("add", "-A")
    broken = try_repo("interviews-validate")

    assert broken.returncode == 1
    assert (
        'interviews/example-onboarding-specialist.yaml:9:9: "status" must be one of draft, '
        'active, archived; not "drafty" (did you mean "draft"?)'
    ) in broken.stdout
