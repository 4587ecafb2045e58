"""Accounts for the benchmarks: spec folders, and emulator files seeded with them.

Seeding is set-up, not measurement: the tool itself applies the specs (so the markers are
exactly what a real apply writes) against an emulator served in this process at 0 ms.
I/O: spec files, the SQLite account file, loopback HTTP.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Final

from benchmarks.cli import require
from benchmarks.cli import run_cli
from benchmarks.served import TOKEN
from benchmarks.specs import write_specs
from reconciler.emulator import Emulator
from reconciler.emulator.server import serve

SEED_PARALLELISM: Final = "16"


class Accounts:
    """Spec folders and seeded account files under one temporary folder, made once each."""

    def __init__(self, folder: Path, questions: int) -> None:
        self.folder = folder
        self.questions = questions

    def specs(self, count: int) -> Path:
        """A folder of `count` specs (made on first use)."""
        specs = self.folder / f"specs-{count}"
        if not specs.exists():
            write_specs(specs, range(count), self.questions)
        return specs

    def seeded(self, count: int) -> tuple[Path, Path]:
        """The spec folder and an account file where all of them are applied."""
        specs, account = self.specs(count), self.folder / f"account-{count}.db"
        if not account.exists():
            emulator = Emulator(account, token=TOKEN)
            try:
                with serve(emulator, port=0) as server:
                    args = ["apply", str(specs), "--auto-approve"]
                    env = {"IAC_PARALLELISM": SEED_PARALLELISM}
                    require(run_cli(args, api_url=server.url, env=env), 0, "seeding apply")
            finally:
                emulator.close()
        return specs, account

    def fresh_copy(self, count: int, name: str) -> tuple[Path, Path]:
        """A private spec folder of `count` specs and an empty account file, for a run
        that writes."""
        specs, account = self.folder / f"specs-{name}", self.folder / f"account-{name}.db"
        shutil.rmtree(specs, ignore_errors=True)
        account.unlink(missing_ok=True)
        write_specs(specs, range(count), self.questions)
        return specs, account
