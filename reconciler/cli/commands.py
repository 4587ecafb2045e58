"""Imports every command module so that each registers itself on the Typer app.

One line per command; keep the list in the order `interviews --help` shows them.
"""

from __future__ import annotations

from reconciler.cli import (
    history,  # noqa: F401
    lint,  # noqa: F401
    validate,  # noqa: F401
    version,  # noqa: F401
)
