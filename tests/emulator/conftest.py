"""Fixtures: an in-memory emulator and an httpx client bound to it in-process."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from reconciler.emulator import Emulator

BASE_URL = "http://emulator.test"


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = Emulator()
    yield emu
    emu.close()


@pytest.fixture
def client(emulator: Emulator) -> Iterator[httpx.Client]:
    headers = {"Authorization": "Bearer test-token"}
    with httpx.Client(transport=emulator.transport(), base_url=BASE_URL, headers=headers) as http:
        yield http
