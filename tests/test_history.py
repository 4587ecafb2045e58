"""`history` on a temporary git repository built by the test (fixed authors and dates)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reconciler.cli import main
from reconciler.errors import ConfigError
from reconciler.errors import LoadError
from reconciler.history import interview_history
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

SPEC = """\
name: Support agent
template: Ava
location: {location}
description: First-line support
mojito_language_code: en
questions:
{questions}"""


def _spec(location: str, *questions: tuple[str, str]) -> str:
    lines = "".join(f"  - key: {key}\n    question: {text}\n" for key, text in questions)
    return SPEC.format(location=location, questions=lines)


class Repo(GitRepo):
    """A throwaway repository whose commits write the given files; each gets the next
    fixed date."""

    def __init__(self, root: Path) -> None:
        super().__init__(root, dated=True)

    def commit_files(self, message: str, files: dict[str, str | None]) -> str:
        for name, text in files.items():
            path = self.root / name
            if text is None:
                path.unlink()
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
        return self.commit(message)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    repo = Repo(tmp_path)
    repo.commit_files(
        "Add support",
        {
            "interviews/support.yaml": _spec(
                "Remote", ("why", "Why do you want this job?"), ("stack", "Which tools do you use?")
            )
        },
    )
    repo.commit_files("Unrelated", {"README.md": "hello\n"})
    repo.commit_files(
        "Reword and reorder",
        {
            "interviews/support.yaml": _spec(
                "Berlin", ("stack", "Which tools do you use?"), ("why", "Why do you want our job?")
            )
        },
    )
    repo.commit_files(
        "Add sales, drop a question",
        {
            "interviews/support.yaml": _spec("Berlin", ("why", "Why do you want our job?")),
            "interviews/sales.yaml": _spec("Paris", ("pitch", "Pitch us a product.")),
        },
    )
    repo.commit_files("Remove sales", {"interviews/sales.yaml": None})
    return repo  # fmt: skip


def test_history_per_commit_oldest_first(repo: Repo) -> None:
    history = interview_history(repo.root / "interviews")
    assert [entry.commit.subject for entry in history] == [
        "Add support", "Reword and reorder", "Add sales, drop a question", "Remove sales"
    ]  # fmt: skip
    reword = history[1].interviews[0]
    assert (reword.key, reword.kind) == ("support", "changed")
    assert [(f.name, f.before, f.after) for f in reword.fields] == [
        ("location", "Remote", "Berlin")
    ]
    assert [(q.key, q.kind) for q in reword.questions] == [("stack", "moved"), ("why", "changed")]
    kinds = [(c.key, c.kind) for c in history[2].interviews]
    assert sorted(kinds) == [("sales", "added"), ("support", "changed")]
    assert [(c.key, c.kind) for c in history[3].interviews] == [("sales", "removed")]


def test_key_and_since_filter(repo: Repo) -> None:
    first = repo.git("rev-list", "--max-parents=0", "HEAD").strip()
    history = interview_history(repo.root / "interviews", key="sales", since=first)
    assert [entry.commit.subject for entry in history] == [
        "Add sales, drop a question", "Remove sales"
    ]  # fmt: skip


def test_text_output_with_word_diffs(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(repo.root / "interviews")
    assert main(["history", "support", "--path", folder]) == 0
    out = capsys.readouterr().out
    sha = repo.git("log", "--format=%H", "--grep=Reword").strip()[:12]
    assert (
        f"commit {sha}  Ann Example <ann@example.com>  2024-05-03T10:00:00+02:00\n"
        "    Reword and reorder\n"
        "  support (changed, interviews/support.yaml)\n"
        '    location: "Remote" -> "Berlin"\n'
        "    question stack: moved\n"
        "    question why: changed\n"
        "      Why do you want [-this-]{+our+} job?\n"
    ) in out
    assert "    question stack: removed\n      [-Which tools do you use?-]\n" in out


def test_markdown_and_json_output(repo: Repo, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(repo.root / "interviews")
    assert main(["history", "support", "--path", folder, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "- question `why` changed: Why do you want ~~this~~ **our** job?\n" in markdown
    assert main(["history", "sales", "--path", folder, "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [entry["message"] for entry in document] == ["Add sales, drop a question",
                                                        "Remove sales"]  # fmt: skip
    assert document[0]["interviews"][0]["questions"] == [
        {"key": "pitch", "kind": "added", "text": [["insert", "Pitch us a product."]],
         "fields": []}
    ]  # fmt: skip


def test_invalid_versions_are_named_not_fatal(repo: Repo) -> None:
    repo.commit_files("Break it", {"interviews/support.yaml": "name: [\n"})
    last = interview_history(repo.root / "interviews")[-1]
    assert (last.commit.subject, last.interviews, last.invalid) == (
        "Break it", (), ("interviews/support.yaml",)
    )  # fmt: skip


def test_unknown_since_and_folders_outside_git(
    repo: Repo, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with pytest.raises(ConfigError, match=r"^--since v9: not a commit in this repository$"):
        interview_history(repo.root / "interviews", since="v9")
    outside = tmp_path_factory.mktemp("plain")
    with pytest.raises(LoadError, match="not inside a git repository"):
        interview_history(outside)


def test_an_unknown_key_is_an_error_naming_near_matches(
    repo: Repo, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(repo.root / "interviews")
    assert main(["history", "suport", "--path", folder]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"error: no interview has the key 'suport' in {folder} or its git history; did you "
        "mean support? (without a key, history lists every interview)\n"
    )


def test_a_known_key_without_changes_since_is_empty_not_an_error(repo: Repo) -> None:
    last = repo.git("rev-parse", "HEAD").strip()
    assert interview_history(repo.root / "interviews", key="support", since=last) == ()
    assert interview_history(repo.root / "interviews", key="sales", since=last) == ()
