"""load_while_discovering: specs load while the account is read; spec problems come first."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.config import Settings
from reconciler.config import load_settings
from reconciler.emulator import Emulator
from reconciler.errors import AuthError
from reconciler.errors import InvalidSpecError
from reconciler.plan.discovery import DiscoveryCancelled
from reconciler.plan.discovery import discover
from reconciler.workflow import load_while_discovering

TOKEN = "workflow-token-51ab"
EXAMPLES = Path(__file__).resolve().parents[1] / "interviews"


def _settings(tmp_path: Path) -> Settings:
    env = {"JOBMOJITO_TOKEN": TOKEN, "JOBMOJITO_API_URL": "http://127.0.0.1:8787"}
    return load_settings(tmp_path, env=env, namespace="acme", max_rps=10_000)


def _client(tmp_path: Path, emulator: Emulator) -> JobMojitoClient:
    http = httpx.Client(transport=emulator.transport())
    return JobMojitoClient(_settings(tmp_path), http=http)


def _specs(tmp_path: Path) -> Path:
    folder = tmp_path / "interviews"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_the_specs_and_the_account_come_back_together(tmp_path: Path) -> None:
    emulator = Emulator(token=TOKEN)
    desired, account = load_while_discovering(_specs(tmp_path), _client(tmp_path, emulator))
    assert len(desired) == 5
    assert account.interviews == ()
    assert account.templates


def test_a_spec_problem_wins_over_a_failing_api(tmp_path: Path) -> None:
    folder = _specs(tmp_path)
    (folder / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    emulator = Emulator(token="another-token")  # every request is refused with 401

    with pytest.raises(InvalidSpecError) as caught:
        load_while_discovering(folder, _client(tmp_path, emulator))

    assert [problem.file.endswith("broken.yaml") for problem in caught.value.problems] == [True]


def test_valid_specs_and_a_failing_api_raise_the_api_error(tmp_path: Path) -> None:
    emulator = Emulator(token="another-token")
    with pytest.raises(AuthError):
        load_while_discovering(_specs(tmp_path), _client(tmp_path, emulator))


def test_a_cancelled_discovery_reads_no_interview(tmp_path: Path) -> None:
    emulator = Emulator(token=TOKEN)
    cancel = threading.Event()
    cancel.set()

    with pytest.raises(DiscoveryCancelled):
        discover(_client(tmp_path, emulator), cancel=cancel)

    paths = {request.path for request in emulator.requests}
    assert "/job-interview-get" not in paths
    assert "/merchant-avatar-list" not in paths
