"""A CLI fixture for the day-two commands: an emulator behind every command, run from an
empty repository in tmp_path (namespace acme), plus `run` to call the CLI."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.cli import main
from reconciler.cli import options
from reconciler.config import Settings
from reconciler.emulator import Emulator
from tests.specwrite.seeding import TOKEN

REPO = Path(__file__).resolve().parents[2]
Handler = Callable[[httpx.Request], httpx.Response]


def serve_every_command(monkeypatch: pytest.MonkeyPatch, handler: Handler) -> None:
    """Every command's API client talks to `handler` (an emulator's, or a fake's)."""

    def open_client(settings: Settings) -> JobMojitoClient:
        transport = httpx.MockTransport(handler)
        return JobMojitoClient(settings, transport=transport, sleep=lambda _: None)

    monkeypatch.setattr(options, "open_client", open_client)


def emulated_repository(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, token: str, *, examples: bool
) -> Emulator:
    """Run from a repository in tmp_path (namespace acme, optionally holding a copy of the
    example specs) with an empty emulated account behind every command."""
    emu = Emulator(token=token)
    if examples:
        shutil.copytree(REPO / "interviews", tmp_path / "interviews")
    (tmp_path / "reconciler.toml").write_text('[reconciler]\nnamespace = "acme"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", token)
    monkeypatch.setenv("JOBMOJITO_API_URL", "http://127.0.0.1:8787")
    serve_every_command(monkeypatch, emu.handle)
    return emu


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=False)
    yield emu
    emu.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI; (exit code, stdout, stderr). The token never shows."""
    code = main(list(args))
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err
    return code, captured.out, captured.err


def writes(emulator: Emulator) -> list[str]:
    """Paths of the write requests the emulator received."""
    return [request.path for request in emulator.requests if request.method == "POST"]
