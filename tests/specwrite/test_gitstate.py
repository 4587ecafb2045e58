"""uncommitted: the spec files git could not restore as they are now."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.specwrite.gitstate import uncommitted
from tests.gitrepo import GitRepo


def _repo(root: Path) -> tuple[GitRepo, Path, Path]:
    repo = GitRepo(root)
    kept, other = root / "specs" / "kept.yaml", root / "specs" / "other.yaml"
    kept.parent.mkdir()
    kept.write_text("name: Kept\n", encoding="utf-8")
    other.write_text("name: Other\n", encoding="utf-8")
    repo.commit("specs")
    return repo, kept, other


def test_committed_files_are_not_reported(tmp_path: Path) -> None:
    _, kept, other = _repo(tmp_path)
    assert uncommitted([kept, other]) == ()


def test_edited_files_are_reported_staged_or_not(tmp_path: Path) -> None:
    repo, kept, other = _repo(tmp_path)
    kept.write_text("name: Edited\n", encoding="utf-8")
    assert uncommitted([kept, other]) == (kept,)
    repo.git("add", "specs/kept.yaml")
    assert uncommitted([kept, other]) == (kept,)


def test_an_untracked_file_is_reported(tmp_path: Path) -> None:
    _, kept, _ = _repo(tmp_path)
    new = kept.parent / "new.yaml"
    new.write_text("name: New\n", encoding="utf-8")
    assert uncommitted([new, kept]) == (new,)


def test_a_file_outside_git_is_not_reported(tmp_path: Path) -> None:
    loose = tmp_path / "loose.yaml"
    loose.write_text("name: Loose\n", encoding="utf-8")
    assert uncommitted([loose]) == ()


def test_a_relative_path_is_read_from_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, kept, _ = _repo(tmp_path)
    kept.write_text("name: Edited\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    relative = kept.relative_to(tmp_path)
    assert uncommitted([relative]) == (relative,)
