"""Who the audit log names as the actor: the CI's user in CI, the git user locally."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

import pytest

from reconciler.apply.audit import AuditLog
from tests.gitrepo import GitRepo


@pytest.fixture(autouse=True)
def _no_user_git_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_SYSTEM", os.devnull)


def _actor(log: Path, env: dict[str, str]) -> object:
    AuditLog(log, env=env).record(key="backend", outcome="done")
    return json.loads(log.read_text(encoding="utf-8").splitlines()[-1])["actor"]


def test_in_ci_the_actor_is_the_ci_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.git("config", "user.email", "ann@example.com")
    monkeypatch.chdir(repo.root)
    assert _actor(tmp_path / "audit.jsonl", {"GITHUB_ACTOR": "octocat", "USER": "runner"}) == (
        "octocat"
    )


def test_locally_the_actor_is_the_git_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    repo = GitRepo(tmp_path / "repo")
    repo.git("config", "user.email", "ann@example.com")
    monkeypatch.chdir(repo.root)
    assert _actor(tmp_path / "audit.jsonl", {"USER": "ann"}) == "ann@example.com"


def test_without_a_git_user_the_actor_is_the_account_at_this_host(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # not a repository, and no user configuration
    assert _actor(tmp_path / "audit.jsonl", {"USER": "ann"}) == f"ann@{platform.node()}"
