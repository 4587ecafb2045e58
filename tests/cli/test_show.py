"""`interviews show KEY`: spec and live side by side, differences marked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.specwrite.seeding import call

__all__ = ["emulator"]

REPO = Path(__file__).resolve().parents[2]
KEY = "customer-support-specialist"


@pytest.fixture
def applied(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> Emulator:
    Path("interviews").mkdir()
    shutil.copy(REPO / f"interviews/{KEY}.yaml", f"interviews/{KEY}.yaml")
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    (live_id,) = emulator.interview_ids()
    call(emulator, "job-interview-update", {"position_id": live_id, "name": "Renamed"})
    return emulator


def test_show_json_marks_exactly_the_differences(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", KEY, "--format", "json")
    assert code == 0
    found = json.loads(out)
    assert found["live_id"] == applied.interview_ids()[0]
    differing = [row for row in found["fields"] if row["differs"]]
    assert differing == [
        {"name": "name", "spec": "Customer Support Specialist - Screening", "live": "Renamed",
         "differs": True},
    ]  # fmt: skip
    assert len(found["questions"]) == 9
    assert not any(row["differs"] for row in found["questions"])


def test_show_text_columns(applied: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", KEY)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{KEY}  (live id {applied.interview_ids()[0]})"
    assert lines[2].split() == ["FIELD", "SPEC", "LIVE"]
    name_line = next(line for line in lines if line.startswith("name "))
    assert name_line.endswith(" *")
    assert '"Renamed"' in name_line
    status_line = next(line for line in lines if line.startswith("status "))
    assert status_line.split() == ["status", '"active"', '"active"']


def test_show_unknown_key(applied: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "nope")
    assert (code, err) == (
        1, 'error: no spec file has the key "nope"; `interviews validate -v` lists them\n'
    )  # fmt: skip


def _add_question_in_the_app(emulator: Emulator, text: str) -> None:
    (live_id,) = emulator.interview_ids()
    questions = emulator.raw_definition(live_id)["questions"]
    kept = [{"id": q["id"], "question": q["question"]} for q in questions]
    body = {"position_id": live_id, "questions": [*kept, {"question": text}]}
    call(emulator, "job-interview-update", body)


def test_show_text_wraps_whole_values_and_numbers_questions_from_one(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _add_question_in_the_app(applied, "Anything else you would like to tell us today?")

    code, out, _ = run(capsys, "show", KEY)

    lines = out.splitlines()
    assert code == 0
    assert max(len(line) for line in lines) <= 120
    start = lines.index(next(line for line in lines if line.startswith("4 prioritising-queue")))
    assert [line.split("  ", 1)[1].strip().split("  ")[0] for line in lines[start : start + 4]] == [
        '"You start your shift with 40 open',
        "tickets, three of them marked urgent.",
        "Walk me through how you decide what to",
        'work on first."',
    ]
    assert lines[-2].split() == [
        "10", "(made", "in", "JobMojito)", "null",
        '"Anything', "else", "you", "would", "like", "to", "tell", "us", "*",
    ]  # fmt: skip
    assert lines[-1].strip() == 'today?"'
