"""The emulator fixtures of the emulator's own tests: an in-process emulator and a client."""

from __future__ import annotations

from tests.emulator.conftest import client
from tests.emulator.conftest import emulator

__all__ = ["client", "emulator"]
