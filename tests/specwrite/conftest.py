"""An emulator seeded with hand-made interviews of every shape, and a client for it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.api import JobMojitoClient
from reconciler.config import load_settings
from reconciler.emulator import Emulator
from tests.specwrite.seeding import TOKEN


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = Emulator(token=TOKEN)
    yield emu
    emu.close()


@pytest.fixture
def client(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[JobMojitoClient]:
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    settings = load_settings(tmp_path, api_url="http://127.0.0.1:8787", require_namespace=False)
    transport = emulator.transport()
    with JobMojitoClient(settings, transport=transport, sleep=lambda _: None) as api:
        yield api
