"""History, the I/O part: read commits and file versions with the `git` command.

Only plumbing-stable formats are parsed (`log --format` with separator bytes,
`diff-tree --name-status -z`). Paths are relative to the repository root.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from reconciler.errors import ConfigError
from reconciler.errors import LoadError

_FIELD: Final = "\x1f"
_RECORD: Final = "\x1e"
_FORMAT: Final = _FIELD.join(("%H", "%an", "%ae", "%aI", "%s")) + _RECORD


@dataclass(frozen=True)
class Commit:
    """One commit as the audit view shows it."""

    sha: str
    author: str
    email: str
    date: str  # ISO 8601 with the author's offset
    subject: str


@dataclass(frozen=True)
class FileChange:
    """A spec file a commit touched: `before`/`after` paths, None when added/deleted."""

    before: str | None
    after: str | None


@dataclass(frozen=True)
class Repository:
    """A git work tree and the folder inside it whose history is read."""

    root: Path
    folder: str  # relative to root, "" for the root itself

    def git(self, *args: str) -> str:
        return _run(self.root, args)


def _run(cwd: Path, args: tuple[str, ...]) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as exc:
        raise LoadError("git is not installed or not on PATH; history needs it") from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise LoadError(f"git {args[0]} failed: {detail[-1] if detail else done.returncode}")
    # Decoded by hand: text mode would turn a carriage return in an author or subject into
    # a line break, and the output would no longer show what the commit holds.
    return done.stdout.decode("utf-8", "replace")


def open_repository(folder: Path) -> Repository:
    """The repository that holds `folder`; LoadError when it is not inside one."""
    if not folder.is_dir():
        raise LoadError(f"{folder}: no such folder")
    try:
        root = _run(folder, ("rev-parse", "--show-toplevel")).strip()
        prefix = _run(folder, ("rev-parse", "--show-prefix")).strip()
    except LoadError as exc:
        raise LoadError(f"{folder}: not inside a git repository ({exc})") from exc
    return Repository(Path(root), prefix.rstrip("/"))


def commits(repo: Repository, since: str | None) -> tuple[Commit, ...]:
    """Non-merge commits touching the folder, oldest first; after `since` when given."""
    if since is not None:
        _check_revision(repo, since)
    revisions = [f"{since}..HEAD"] if since is not None else ["HEAD"]
    output = repo.git(
        "log", "--no-merges", "--reverse", f"--format={_FORMAT}", *revisions, "--",
        repo.folder or ".",
    )  # fmt: skip
    records = (record.strip("\n") for record in output.split(_RECORD))
    return tuple(Commit(*record.split(_FIELD)) for record in records if record)


def _check_revision(repo: Repository, revision: str) -> None:
    check_commit(repo, revision, "--since")


def check_commit(repo: Repository, revision: str, option: str, hint: str = "") -> None:
    """ConfigError naming `option` unless `revision` names a commit in `repo`."""
    try:
        repo.git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    except LoadError as exc:
        message = f"{option} {revision}: not a commit in this repository"
        raise ConfigError(f"{message}; {hint}" if hint else message) from exc


def changed_files(repo: Repository, sha: str) -> tuple[FileChange, ...]:
    """The YAML files under the folder that commit `sha` added, modified, renamed or deleted."""
    output = repo.git(
        "diff-tree", "-r", "-z", "--root", "--no-commit-id", "--name-status", "-M", sha, "--",
        repo.folder or ".",
    )  # fmt: skip
    fields = output.split("\0")
    changes: list[FileChange] = []
    index = 0
    before: str | None
    after: str | None
    while index < len(fields) - 1:
        status = fields[index]
        if status.startswith(("R", "C")):
            before, after = fields[index + 1], fields[index + 2]
            index += 3
        else:
            path = fields[index + 1]
            before = None if status == "A" else path
            after = None if status == "D" else path
            index += 2
        changes.append(FileChange(before, after))
    return tuple(change for change in changes if _is_spec(change))


def _is_spec(change: FileChange) -> bool:
    return any(
        path is not None and path.endswith((".yaml", ".yml"))
        for path in (change.before, change.after)
    )


def file_at(repo: Repository, revision: str, path: str) -> str:
    """The text of `path` (relative to the root) as of `revision`."""
    return repo.git("show", f"{revision}:{path}")
