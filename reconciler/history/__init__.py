"""`interviews history`: the audit view of interview content, from git history alone.

For every commit that touched the spec folder: who, when, the message, and which
interviews and questions it changed (word-level diffs of question text). Reads git
(history.git) and parses each file version with the spec loader; the diffing itself is
pure (history.diff).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reconciler.errors import InvalidSpecError
from reconciler.errors import LoadError
from reconciler.history.diff import InterviewChange
from reconciler.history.diff import diff_interview
from reconciler.history.git import Commit
from reconciler.history.git import FileChange
from reconciler.history.git import Repository
from reconciler.history.git import changed_files
from reconciler.history.git import commits
from reconciler.history.git import file_at
from reconciler.history.git import open_repository
from reconciler.spec.loader import check_specs
from reconciler.spec.loader import load_spec_text
from reconciler.spec.model import DesiredInterview

Parser = Callable[[str, str], DesiredInterview]


@dataclass(frozen=True)
class CommitChanges:
    """One commit and what it changed; `invalid` names files that did not parse there."""

    commit: Commit
    interviews: tuple[InterviewChange, ...]
    invalid: tuple[str, ...] = ()


def interview_history(
    folder: Path,
    key: str | None = None,
    since: str | None = None,
    parse: Parser = load_spec_text,
) -> tuple[CommitChanges, ...]:
    """Commits (oldest first) that changed interviews under `folder`, or only `key`'s.

    LoadError when no interview has ever had `key` (in git or in the working tree), so a
    mistyped key is not taken for an interview nobody changed."""
    repo = open_repository(folder)
    history = []
    for commit in commits(repo, since):
        changes, invalid = _commit_changes(repo, commit, parse)
        if key is not None:
            changes, invalid = tuple(c for c in changes if c.key == key), ()
        if changes or invalid:
            history.append(CommitChanges(commit, changes, invalid))
    if key is not None and not history:
        _check_key_known(repo, folder, key, parse)
    return tuple(history)


def _check_key_known(repo: Repository, folder: Path, key: str, parse: Parser) -> None:
    known = _keys_ever(repo, folder, parse)
    if key in known:
        return
    near = difflib.get_close_matches(key, sorted(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(near)}?" if near else ""
    raise LoadError(
        f"no interview has the key {key!r} in {folder} or its git history{hint} "
        "(without a key, history lists every interview)"
    )


def _keys_ever(repo: Repository, folder: Path, parse: Parser) -> set[str]:
    """Every key an interview under `folder` has had: committed, or in the working tree."""
    interviews, _ = check_specs(folder)
    known = {interview.key for interview in interviews}
    for commit in commits(repo, None):
        changes, _ = _commit_changes(repo, commit, parse)
        known.update(change.key for change in changes)
    return known


def _commit_changes(
    repo: Repository, commit: Commit, parse: Parser
) -> tuple[tuple[InterviewChange, ...], tuple[str, ...]]:
    changes: list[InterviewChange] = []
    invalid: list[str] = []
    for file in changed_files(repo, commit.sha):
        try:
            before = _version(repo, f"{commit.sha}^", file.before, parse)
            after = _version(repo, commit.sha, file.after, parse)
        except InvalidSpecError:
            invalid.append(_name(file))
            continue
        change = diff_interview(before, after)
        if change is not None:
            changes.append(change)
    return tuple(changes), tuple(invalid)


def _version(
    repo: Repository, revision: str, path: str | None, parse: Parser
) -> DesiredInterview | None:
    return None if path is None else parse(file_at(repo, revision, path), path)


def _name(file: FileChange) -> str:
    name = file.after if file.after is not None else file.before
    assert name is not None
    return name
