"""A local stand-in for the JobMojito API (DESIGN.md section 11).

`Emulator.handle` is a plain request -> response function over a SQLite store (or memory);
`server.serve` puts it on loopback HTTP. Imports only httpx and the standard library, so
it can stand in for the API anywhere.
"""

from __future__ import annotations

from reconciler.emulator.catalog import DEFAULT_TOKEN
from reconciler.emulator.core import Emulator
from reconciler.emulator.core import LoggedRequest
from reconciler.emulator.faults import FAULT_KINDS
from reconciler.emulator.faults import FaultConfig
from reconciler.emulator.quirks import QUIRK_NAMES
from reconciler.emulator.quirks import Quirks
from reconciler.emulator.quirks import parse_quirks

__all__ = [
    "DEFAULT_TOKEN",
    "FAULT_KINDS",
    "QUIRK_NAMES",
    "Emulator",
    "FaultConfig",
    "LoggedRequest",
    "Quirks",
    "parse_quirks",
]
