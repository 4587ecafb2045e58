"""End to end over real HTTP: plan on an empty account lists only creates; after the plan's
steps are made by hand through the emulator's API (as apply would), the next plan is empty."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator.server import EmulatorServer
from reconciler.emulator.server import serve

TOKEN = "e2e-http-token-0b7d"
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[EmulatorServer]:
    shutil.copytree(REPO / "interviews", tmp_path / "interviews")
    monkeypatch.chdir(tmp_path)
    with serve(Emulator(token=TOKEN), port=0) as running:
        monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
        monkeypatch.setenv("JOBMOJITO_API_URL", running.url)
        monkeypatch.setenv("IAC_NAMESPACE", "e2e")
        yield running


def plan_document(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["plan", "--detailed-exitcode", "--out", "plan.json"])
    capsys.readouterr()
    return code, json.loads(Path("plan.json").read_text(encoding="utf-8"))


def make_steps_by_hand(url: str, document: dict[str, Any]) -> None:
    """Send each step's body as it is in the plan, filling in ids like apply does."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=url, headers=headers) as http:
        for change in document["changes"]:
            created = None
            for step in change["steps"]:
                body = dict(step["body"])
                if not step["action"].startswith("job-interview-create"):
                    body["position_id"] = step["target_id"] or created
                answer = http.post(f"/{step['action']}", json=body)
                assert answer.status_code == 200, answer.text
                created = answer.json().get("interview_def_set_id", created)


def test_plan_then_hand_made_steps_then_empty_plan(
    server: EmulatorServer, capsys: pytest.CaptureFixture[str]
) -> None:
    code, document = plan_document(capsys)
    assert code == 2
    assert {change["kind"] for change in document["changes"]} == {"create"}
    make_steps_by_hand(server.url, document)
    assert plan_document(capsys)[0] == 0

    support = Path("interviews/customer-support-specialist.yaml")
    text = support.read_text(encoding="utf-8").replace("duration: 90", "duration: 75")
    support.write_text(text.replace("status: active", "status: draft", 1), encoding="utf-8")
    Path("interviews/sql-skills-assessment.yaml").unlink()
    code, document = plan_document(capsys)
    assert code == 2
    assert sorted(c["kind"] for c in document["changes"]) == ["archive", "update"]
    make_steps_by_hand(server.url, document)
    assert plan_document(capsys)[0] == 0
