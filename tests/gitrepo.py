"""A throwaway git repository for tests: real git, fixed identity, no user configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitRepo:
    """`git init` in `root` (made if missing); `commit` stages everything and commits it.

    With `dated`, commit number n (from 0) is dated 2024-05-0{n+1} 10:00 +02:00, for
    output that shows dates.
    """

    def __init__(self, root: Path, *, dated: bool = False) -> None:
        self.root = root
        self.dated = dated
        self.commits = 0
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
        if self.dated:
            date = f"2024-05-0{self.commits + 1}T10:00:00+02:00"
            env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
        identity = ["-c", "user.name=Ann Example", "-c", "user.email=ann@example.com"]
        done = subprocess.run(
            ["git", *identity, *args], cwd=self.root, env=env, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
        return done.stdout

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        self.commits += 1
        return self.git("rev-parse", "HEAD").strip()

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace `old` (which must be there) by `new` in the file `name`."""
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
