"""Imports every command module so that each registers itself on the Typer app.

`interviews --help` lists commands in import order, so the order below is the order a
team meets them (check, plan, apply, then the day-two and helper commands) rather than
alphabetical; one import per line keeps merges of new commands simple.
"""
# ruff: noqa: I001

from __future__ import annotations

from reconciler.cli import validate  # noqa: F401
from reconciler.cli import lint  # noqa: F401
from reconciler.cli import plan  # noqa: F401
from reconciler.cli import apply  # noqa: F401
from reconciler.cli import import_cmd  # noqa: F401
from reconciler.cli import pull  # noqa: F401
from reconciler.cli import show  # noqa: F401
from reconciler.cli import invite  # noqa: F401
from reconciler.cli import history  # noqa: F401
from reconciler.cli import templates  # noqa: F401
from reconciler.cli import emulator  # noqa: F401
from reconciler.cli import version  # noqa: F401
