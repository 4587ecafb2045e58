"""Which module registers each command on the Typer app, and importing them.

A command's module (and what it imports: the HTTP client, the emulator, the linter ...)
is imported only when that command runs, so `interviews validate` does not pay for the
rest at every start; `interviews --help`, or anything that is not a command name, imports
them all. `interviews --help` lists commands in import order, so the order below is the
order a team meets them (check, plan, apply, then the day-two and helper commands).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Final

MODULES: Final[Mapping[str, str]] = {
    "init": "init",
    "validate": "validate",
    "lint": "lint",
    "plan": "plan",
    "apply": "apply",
    "doctor": "doctor",
    "import": "import_cmd",
    "pull": "pull",
    "show": "show",
    "invite": "invite",
    "history": "history",
    "templates": "templates",
    "emulator": "emulator",
    "version": "version",
}


def register(args: Sequence[str]) -> None:
    """Import the module of the command `args` name, or every command module."""
    wanted = MODULES.get(args[0]) if args else None
    for module in [wanted] if wanted is not None else MODULES.values():
        importlib.import_module(f"reconciler.cli.{module}")
