"""Drift: changes made in JobMojito after an apply are told apart from spec changes, and
`plan --refresh-only` writes them back into the spec without touching the account."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.cli.emulated import writes
from tests.specwrite.seeding import call

__all__ = ["emulator"]

SPEC = """\
# yaml-language-server: $schema=../schemas/interview.schema.json
# Our barista screen. This comment must survive a refresh.
name: Barista
location: Porto
mojito_language_code: en
template: Ava
status: active
description: Weekend baristas.
questions:
  - key: weekends
    question: Have you worked weekends before?
  - key: espresso
    question: How do you dial in an espresso?  # keep it practical
  - key: questions
    question: Any questions for us?
"""


def _live(emulator: Emulator) -> tuple[str, list[dict[str, Any]]]:
    (live_id,) = emulator.interview_ids()
    return live_id, emulator.raw_definition(live_id)["questions"]


def _rename(emulator: Emulator) -> None:
    call(emulator, "job-interview-update", {"position_id": _live(emulator)[0], "name": "Barista!"})


def _reword(emulator: Emulator) -> None:
    live_id, questions = _live(emulator)
    questions[1]["question"] = "How do you dial in a new espresso blend?"
    call(emulator, "job-interview-update", {"position_id": live_id, "questions": questions})


def _reorder(emulator: Emulator) -> None:
    live_id, questions = _live(emulator)
    reordered = [questions[1], questions[0], questions[2]]
    call(emulator, "job-interview-update", {"position_id": live_id, "questions": reordered})


def _draft(emulator: Emulator) -> None:
    call(
        emulator, "job-interview-set-state", {"position_id": _live(emulator)[0], "status": "draft"}
    )


def _field_drift(change: dict[str, Any]) -> list[tuple[str, bool]]:
    return [(field["field"], field["drift"]) for field in change["fields"]]


def _question_drift(change: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    return [(q["op"], q["key"], _field_drift(q)) for q in change["questions"]]


DRIFTS: dict[str, tuple[Callable[[Emulator], None], Callable[[dict[str, Any]], Any], Any]] = {
    "field": (_rename, _field_drift, [("name", True)]),
    "question text": (_reword, _question_drift, [("changed", "espresso", [("question", True)])]),
    "question order": (_reorder, _question_drift, [("moved", "weekends", [])]),
    "status": (_draft, _field_drift, [("status", True)]),
}


@pytest.fixture
def applied(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> Emulator:
    Path("interviews").mkdir()
    Path("interviews/barista.yaml").write_text(SPEC, encoding="utf-8")
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    return emulator


@pytest.mark.parametrize("name", DRIFTS)
def test_plan_reports_drift_and_refresh_only_writes_it_back(
    name: str, applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    make_drift, read, expected = DRIFTS[name]
    make_drift(applied)
    code, out, _ = run(capsys, "plan", "--format", "json", "--detailed-exitcode")
    assert code == 2
    (change,) = json.loads(out)["changes"]
    assert change["drift"] is True
    assert read(change) == expected
    assert "the interview was changed in JobMojito since the last apply" in change["reason"] or (
        change["kind"] == "set_state"
    )
    before = writes(applied)
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert code == 0
    assert out.startswith("rewrote interviews/barista.yaml: ")
    assert writes(applied) == before
    text = Path("interviews/barista.yaml").read_text(encoding="utf-8")
    assert "# Our barista screen. This comment must survive a refresh.\n" in text
    _accept(applied, capsys)


def _accept(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    """The spec holds the live content: apply only records it as last applied (one
    tags-only update), and the plan after it is empty."""
    code, out, _ = run(capsys, "plan", "--format", "json", "--detailed-exitcode")
    assert code == 2
    (change,) = json.loads(out)["changes"]
    assert (change["kind"], change["fields"], change["questions"]) == ("update", [], [])
    before = len(emulator.requests)
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    sent = [r for r in emulator.requests[before:] if r.method == "POST"]
    assert [(r.path, sorted(r.body)) for r in sent] == [
        ("/job-interview-update", ["position_id", "tags"])
    ]
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_spec_changes_are_not_drift(applied: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    spec = Path("interviews/barista.yaml")
    spec.write_text(spec.read_text().replace("name: Barista", "name: Barista (weekends)"))
    code, out, _ = run(capsys, "plan", "--format", "json")
    assert code == 0
    (change,) = json.loads(out)["changes"]
    assert (change["drift"], _field_drift(change)) == (False, [("name", False)])


def test_refresh_edits_only_the_drifted_entries(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _rename(applied)
    _draft(applied)
    assert run(capsys, "plan", "--refresh-only")[1] == (
        "rewrote interviews/barista.yaml: name, status\n"
        "Rewrote 1 spec file(s) from JobMojito; review with git diff.\n"
    )
    expected = SPEC.replace("name: Barista", "name: Barista!").replace("active", "draft")
    assert Path("interviews/barista.yaml").read_text(encoding="utf-8") == expected


def _planned(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """The one change of the plan, as its JSON document tells it."""
    code, out, _ = run(capsys, "plan", "--format", "json")
    assert code == 0
    (change,) = json.loads(out)["changes"]
    assert isinstance(change, dict)
    return change


def _refresh_rename(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    _rename(emulator)
    assert run(capsys, "plan", "--refresh-only")[0] == 0


def _spec_edit(old: str, new: str) -> None:
    spec = Path("interviews/barista.yaml")
    text = spec.read_text(encoding="utf-8")
    assert old in text
    spec.write_text(text.replace(old, new), encoding="utf-8")


def test_a_spec_edit_beside_drift_is_not_drift(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _rename(applied)
    _spec_edit("description: Weekend baristas.", "description: Weekend and holiday baristas.")
    change = _planned(capsys)
    assert change["drift"] is True
    assert _field_drift(change) == [("name", True), ("description", False)]


def test_a_spec_edit_after_drift_was_taken_in_is_a_spec_change(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """Drift written back but not applied yet: the marker still records the old content,
    and only the live values that differ from it are drift."""
    _refresh_rename(applied, capsys)
    _spec_edit("description: Weekend baristas.", "description: Weekend and holiday baristas.")
    change = _planned(capsys)
    assert (change["drift"], _field_drift(change)) == (False, [("description", False)])
    assert "JobMojito" not in run(capsys, "plan")[1]


def test_after_drift_is_applied_back_later_drift_and_edits_are_told_apart(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _refresh_rename(applied, capsys)
    _accept(applied, capsys)
    # The spec goes back to the name it had before the drift: a spec change now, as the
    # live name is the one last applied.
    _spec_edit("name: Barista!", "name: Barista")
    change = _planned(capsys)
    assert (change["drift"], _field_drift(change)) == (False, [("name", False)])
    _spec_edit("name: Barista", "name: Barista!")
    _draft(applied)
    change = _planned(capsys)
    assert (change["drift"], _field_drift(change)) == (True, [("status", True)])


def test_a_question_edit_beside_question_drift_is_not_told_as_drift(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """The questions are one recorded part: when both the spec and JobMojito changed them,
    no question change can be told to be drift."""
    _reword(applied)
    _spec_edit("Any questions for us?", "Anything you want to ask us?")
    change = _planned(capsys)
    assert change["drift"] is True
    assert _question_drift(change) == [
        ("changed", "espresso", [("question", False)]),
        ("changed", "questions", [("question", False)]),
    ]
