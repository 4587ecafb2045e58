"""Which spec files hold changes git has not recorded: the files a rewrite must not touch
unasked, since their edits would be mixed into (or lost in) the rewrite's diff."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from reconciler.errors import OperationError


def uncommitted(paths: Sequence[Path]) -> tuple[Path, ...]:
    """Those of `paths` that differ from git's HEAD (staged or not) or are untracked.

    A file outside any git work tree (or with git not installed) has nothing git could
    restore: it is not reported.
    """
    return tuple(path for path in paths if _dirty(path))


def _dirty(path: Path) -> bool:
    folder = path.resolve().parent
    command = ["git", "status", "--porcelain", "-z", "--untracked-files=all", "--", path.name]
    try:
        done = subprocess.run(
            command, cwd=folder, capture_output=True, text=True, timeout=30, check=False
        )
    except subprocess.TimeoutExpired:
        raise OperationError(
            f"{path}: git status did not answer within 30 s, so uncommitted changes cannot be "
            "ruled out; retry, or pass --force to rewrite the file anyway"
        ) from None
    except OSError:  # git is not installed
        return False
    return done.returncode == 0 and bool(done.stdout)
