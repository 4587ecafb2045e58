"""The audit log: one JSON line per mutation (DESIGN.md section 8). Appends, never rewrites.

Lines carry what changed and who asked, never the token. Who asked: the CI's actor in CI;
run locally, the git user (`git config user.email`), else the account `user@host`; never
the token: the applier passes only plan data, ids and error messages the client has redacted.
"""

from __future__ import annotations

import getpass
import json
import os
import platform
import subprocess
import threading
from collections.abc import Mapping
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import Any


class AuditLog:
    """Appends JSON lines to a file; safe to share between threads."""

    def __init__(self, path: Path, *, env: Mapping[str, str] | None = None) -> None:
        self.path = path
        source = os.environ if env is None else env
        self._context = {"actor": _actor(source), "commit": _commit(source)}
        self._lock = threading.Lock()

    def record(self, **entry: Any) -> None:
        line = {"time": datetime.now(UTC).isoformat(timespec="milliseconds"), **self._context}
        line.update(entry)
        text = json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()


_CI_ACTORS = ("GITHUB_ACTOR", "GITLAB_USER_LOGIN", "BUILDKITE_BUILD_CREATOR")


def _actor(env: Mapping[str, str]) -> str | None:
    for name in _CI_ACTORS:
        if env.get(name):
            return env[name]
    return _git_user() or _os_user(env)


def _git_user() -> str | None:
    try:
        found = subprocess.run(
            ["git", "config", "user.email"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None if found.returncode == 0 else None


def _os_user(env: Mapping[str, str]) -> str | None:
    user = env.get("USER") or env.get("USERNAME")
    if not user:
        try:
            user = getpass.getuser()
        except (OSError, KeyError):  # no login name and no password-file entry
            return None
    return f"{user}@{platform.node()}"


def _commit(env: Mapping[str, str]) -> str | None:
    for name in ("GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT"):
        if env.get(name):
            return env[name]
    try:
        found = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return found.stdout.strip() or None if found.returncode == 0 else None
