"""Spec files are read only inside the repository: a link out of it is a located problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reconciler.cli import main
from reconciler.spec.files import find_spec_files
from reconciler.spec.files import repository_root
from tests.spec.helpers import VALID

SECRET = "name: runner-secret-7c1e\n"
OUTSIDE = (
    "symlink points outside the repository "
    "(spec files are read only inside the repository; copy the file in instead)"
)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/repo, a repository (it holds `.git`) with interviews/ and a spec; a
    secret file sits beside it, outside."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "interviews").mkdir()
    (root / "interviews" / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(SECRET, encoding="utf-8")
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "b.yaml").write_text(SECRET, encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _messages(path: Path) -> list[str]:
    return [str(problem) for problem in find_spec_files(path)[1]]


def test_a_file_linked_out_of_the_repository_is_not_read(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink(repo.parent / "secret.yaml", repo / "interviews" / "leak.yaml")
    files, problems = find_spec_files(Path("interviews"))
    assert files == (Path("interviews/a.yaml"),)
    assert [str(problem) for problem in problems] == [f"interviews/leak.yaml:1:1: {OUTSIDE}"]
    assert main(["validate", "interviews"]) == 1
    captured = capsys.readouterr()
    assert f"interviews/leak.yaml:1:1: {OUTSIDE}" in captured.out
    assert "runner-secret" not in captured.out + captured.err


def test_a_folder_linked_out_of_the_repository_is_not_read(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.symlink(repo.parent / "private", repo / "interviews" / "team")
    assert _messages(Path("interviews")) == [f"interviews/team:1:1: {OUTSIDE}"]
    assert main(["lint", "interviews"]) == 1
    captured = capsys.readouterr()
    assert f"interviews/team:1:1: {OUTSIDE}" in captured.err
    assert "runner-secret" not in captured.out + captured.err


def test_a_relative_link_climbing_out_is_caught(repo: Path) -> None:
    os.symlink("../../secret.yaml", repo / "interviews" / "up.yaml")
    assert _messages(Path("interviews")) == [f"interviews/up.yaml:1:1: {OUTSIDE}"]


def test_the_named_spec_path_itself_may_not_lead_out(repo: Path) -> None:
    os.symlink(repo.parent / "private", repo / "elsewhere")
    assert _messages(Path("elsewhere")) == [f"elsewhere:1:1: {OUTSIDE}"]
    os.symlink(repo.parent / "secret.yaml", repo / "one.yaml")
    assert find_spec_files(Path("one.yaml"))[0] == ()
    assert _messages(Path("one.yaml")) == [f"one.yaml:1:1: {OUTSIDE}"]


def test_links_inside_the_repository_are_followed(repo: Path) -> None:
    (repo / "shared").mkdir()
    (repo / "shared" / "c.yaml").write_text(VALID, encoding="utf-8")
    os.symlink(repo / "shared", repo / "interviews" / "team")
    os.symlink("../shared/c.yaml", repo / "interviews" / "c.yaml")
    files, problems = find_spec_files(Path("interviews"))
    assert (files, problems) == ((Path("interviews/a.yaml"), Path("interviews/c.yaml")), ())


def test_outside_git_the_named_folder_is_the_boundary(tmp_path: Path) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text(VALID, encoding="utf-8")
    (tmp_path / "other.yaml").write_text(SECRET, encoding="utf-8")
    os.symlink(tmp_path / "other.yaml", tmp_path / "specs" / "b.yaml")
    assert repository_root(tmp_path / "specs") == os.path.realpath(tmp_path / "specs")
    assert repository_root(tmp_path / "specs" / "a.yaml") == os.path.realpath(tmp_path / "specs")
    files, problems = find_spec_files(tmp_path / "specs")
    assert files == (tmp_path / "specs" / "a.yaml",)
    assert [problem.message for problem in problems] == ["symlink points outside the repository"]


def test_a_worktree_git_file_marks_the_repository(tmp_path: Path) -> None:
    (tmp_path / "wt" / "interviews").mkdir(parents=True)
    (tmp_path / "wt" / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")
    assert repository_root(tmp_path / "wt" / "interviews") == os.path.realpath(tmp_path / "wt")
