"""An in-process emulator with a real client in front of it, for applier tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.api import JobMojitoClient
from reconciler.config import Settings
from reconciler.config import load_settings
from reconciler.emulator import Emulator

TOKEN = "test-token-7f3a9c"
REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "interviews"


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = Emulator(token=TOKEN)
    yield emu
    emu.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    env = {"JOBMOJITO_TOKEN": TOKEN, "JOBMOJITO_API_URL": "http://127.0.0.1:8787"}
    return load_settings(tmp_path, namespace="acme", env=env, parallelism=4, max_rps=10_000)


@pytest.fixture
def client(emulator: Emulator, settings: Settings) -> Iterator[JobMojitoClient]:
    transport = emulator.transport()
    with JobMojitoClient(settings, transport=transport, sleep=lambda _: None) as api:
        yield api
