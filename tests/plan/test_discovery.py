"""Discovery reads the whole account for a plan, and only what it needs for a few keys."""

from __future__ import annotations

import shutil
from pathlib import Path

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.config import load_settings
from reconciler.emulator import Emulator
from reconciler.plan.discovery import discover
from reconciler.plan.discovery import discover_keys
from reconciler.spec.loader import load_specs
from reconciler.workflow import plan_from_specs

TOKEN = "discovery-token-6c1d"
EXAMPLES = Path(__file__).resolve().parents[2] / "interviews"


def _applied(tmp_path: Path) -> tuple[Emulator, JobMojitoClient, Path]:
    emulator = Emulator(token=TOKEN)
    env = {"JOBMOJITO_TOKEN": TOKEN, "JOBMOJITO_API_URL": "http://127.0.0.1:8787"}
    settings = load_settings(tmp_path, env=env, namespace="acme", max_rps=10_000)
    client = JobMojitoClient(settings, transport=emulator.transport())
    folder = tmp_path / "interviews"
    shutil.copytree(EXAMPLES, folder)
    assert apply_plan(plan_from_specs(folder, client, settings), client).ok
    emulator.requests.clear()
    return emulator, client, folder


def _reads(emulator: Emulator) -> int:
    return sum(1 for request in emulator.requests if request.path == "/job-interview-get")


def test_discover_reads_every_listed_interview(tmp_path: Path) -> None:
    emulator, client, _ = _applied(tmp_path)
    account = discover(client)
    assert len(account.interviews) == 5
    assert _reads(emulator) == 5
    # what a plan checks before a create, known from the list without decoding anything
    kinds = {live.summary["type"] for live in account.interviews}
    assert kinds == {"interview", "assessment"}


def test_a_few_keys_read_only_the_interviews_named_like_their_specs(tmp_path: Path) -> None:
    emulator, client, folder = _applied(tmp_path)
    support = next(s for s in load_specs(folder) if s.key == "customer-support-specialist")
    account = discover_keys(client, [support], "acme")
    assert [live.definition["name"] for live in account.interviews] == [support.values["name"]]
    assert _reads(emulator) == 1


def test_a_key_renamed_in_the_app_falls_back_to_the_whole_account(tmp_path: Path) -> None:
    emulator, client, folder = _applied(tmp_path)
    support = next(s for s in load_specs(folder) if s.key == "customer-support-specialist")
    live_id = discover_keys(client, [support], "acme").interviews[0].id
    client.update_interview({"position_id": live_id, "name": "Renamed in the app"})
    emulator.requests.clear()
    account = discover_keys(client, [support], "acme")
    assert live_id in {live.id for live in account.interviews}
    assert _reads(emulator) == 5
