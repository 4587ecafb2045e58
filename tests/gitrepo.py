"""A throwaway git repository for tests: real git, fixed identity, no user configuration."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


class GitRepo:
    """`git init` in `root` (made if missing); `commit` stages everything and commits it."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
        identity = ["-c", "user.name=Ann Example", "-c", "user.email=ann@example.com"]
        done = subprocess.run(
            ["git", *identity, *args], cwd=self.root, env=env, capture_output=True, text=True,
            check=True,
        )  # fmt: skip
        return done.stdout

    def commit(self, message: str) -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        return self.git("rev-parse", "HEAD").strip()

    def edit(self, name: str, old: str, new: str) -> None:
        """Replace `old` (which must be there) by `new` in the file `name`."""
        path = self.root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
