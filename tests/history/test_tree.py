"""Spec files at a revision: links followed inside the repository, reported when they lead
out, so `plan --base` reads what the working tree reads."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from reconciler.basediff import load_specs_at
from reconciler.errors import InvalidSpecError
from reconciler.history.git import open_repository
from reconciler.history.tree import spec_files_at
from reconciler.spec.loader import check_specs
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

SPEC = """\
name: {name}
template: Ava
location: Remote
description: First-line support
mojito_language_code: en
questions:
  - key: why
    question: Why this team?
"""
OUTSIDE = "symlink points outside the repository"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "interviews").mkdir()
    (repo.root / "interviews" / "a.yaml").write_text(SPEC.format(name="A"), encoding="utf-8")
    (tmp_path / "secret.yaml").write_text(SPEC.format(name="runner-secret"), encoding="utf-8")
    monkeypatch.chdir(repo.root)
    return repo


def _keys_both_ways(repo: GitRepo) -> tuple[list[str], list[str]]:
    """Keys read from the working tree, and from the commit just made."""
    tree = sorted(interview.key for interview in check_specs(Path("interviews"))[0])
    base = load_specs_at(open_repository(repo.root / "interviews"), "HEAD")
    return tree, sorted(interview.key for interview in base)


def test_links_inside_the_repository_are_followed_as_in_the_working_tree(repo: GitRepo) -> None:
    (repo.root / "shared" / "team").mkdir(parents=True)
    (repo.root / "shared" / "team" / "b.yaml").write_text(SPEC.format(name="B"), "utf-8")
    (repo.root / "shared" / "c.yaml").write_text(SPEC.format(name="C"), encoding="utf-8")
    os.symlink("../shared/team", repo.root / "interviews" / "team")
    os.symlink("../shared/c.yaml", repo.root / "interviews" / "c.yaml")
    os.symlink(repo.root / "shared" / "c.yaml", repo.root / "interviews" / "d.yaml")
    os.symlink("a.yaml", repo.root / "interviews" / "again.yaml")
    repo.commit("Links inside")

    found = spec_files_at(open_repository(repo.root / "interviews"), "HEAD")

    assert found.files == (
        ("interviews/a.yaml", "interviews/a.yaml"),
        ("interviews/c.yaml", "shared/c.yaml"),
        ("interviews/team/b.yaml", "shared/team/b.yaml"),
    )
    assert (found.outside, found.loops) == ((), ())
    assert _keys_both_ways(repo) == (["a", "b", "c"], ["a", "b", "c"])


@pytest.mark.parametrize("target", ["../../secret.yaml", "ABSOLUTE", "../.."])
def test_a_link_out_of_the_repository_is_a_problem_in_both(
    repo: GitRepo, tmp_path: Path, target: str
) -> None:
    absolute = str(tmp_path / "secret.yaml")
    name = "team" if target == "../.." else "leak.yaml"
    os.symlink(absolute if target == "ABSOLUTE" else target, repo.root / "interviews" / name)
    repo.commit("A link out")

    with pytest.raises(InvalidSpecError) as caught:
        load_specs_at(open_repository(repo.root / "interviews"), "HEAD")

    assert [(p.file, p.message) for p in caught.value.problems] == [
        (f"HEAD:interviews/{name}", OUTSIDE)
    ]
    assert "runner-secret" not in str(caught.value.problems)
    tree_problems = check_specs(Path("interviews"))[1]
    assert [(p.file, p.message) for p in tree_problems] == [(f"interviews/{name}", OUTSIDE)]


def test_a_link_loop_is_reported_not_followed(repo: GitRepo) -> None:
    os.symlink("y.yaml", repo.root / "interviews" / "x.yaml")
    os.symlink("x.yaml", repo.root / "interviews" / "y.yaml")
    os.symlink(".", repo.root / "interviews" / "self")
    repo.commit("Loops")

    found = spec_files_at(open_repository(repo.root / "interviews"), "HEAD")

    assert found.files == (("interviews/a.yaml", "interviews/a.yaml"),)
    assert found.loops == ("interviews/self", "interviews/x.yaml", "interviews/y.yaml")
    with pytest.raises(InvalidSpecError) as caught:
        load_specs_at(open_repository(repo.root / "interviews"), "HEAD")
    assert str(caught.value.problems[0]) == (
        "HEAD:interviews/self:1:1: symlink loop: this link leads back to itself or to a "
        "folder above it (remove the link or point it elsewhere)"
    )
