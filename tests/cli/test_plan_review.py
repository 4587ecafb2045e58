"""What a reviewer reads in `interviews plan`, end to end against the emulator: creates
list their questions, each fact is said once, questions are numbered from 1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.specwrite.seeding import TOKEN
from tests.specwrite.seeding import call

SUPPORT = Path("interviews/customer-support-specialist.yaml")
GERMAN = Path("interviews/vertriebsmitarbeiter-innendienst.yaml")


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    yield emu
    emu.close()


def _section(out: str, key: str) -> list[str]:
    """The lines of one change in a text plan."""
    block = next(block for block in out.split("\n\n") if f" {key}  " in block.split("\n")[0])
    return block.split("\n")


def test_a_create_lists_each_question_with_its_key_parent_options_and_duration(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "plan")

    lines = _section(out, "customer-support-specialist")
    assert code == 0
    start = lines.index(
        '      + question 3 (key "upset-customer-learning"): "Looking back, what would you do '
        'differently in that conversation today?"'
    )
    assert lines[start + 1 : start + 3] == [
        '          follows: "upset-customer"',
        "          duration: 60",
    ]
    assert lines[start + 5 : start + 10] == [
        '      + question 5 (key "english-level"): "How would you describe your written English?"',
        "          is_multiple_choice: true",
        '          question_alternatives: ["Native", "Fluent", "Professional working proficiency", '
        '"Basic"]',
        "          is_without_scoring: true",
        '      + question 6 (key "tools"): "Which helpdesk or ticketing tools have you used, and '
        'for what?"',
    ]


def test_a_state_change_says_its_status_once(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    GERMAN.write_text(GERMAN.read_text(encoding="utf-8").replace("status: active", "status: draft"))

    lines = _section(run(capsys, "plan")[1], "vertriebsmitarbeiter-innendienst")

    assert [line for line in lines if "draft" in line and not line.lstrip().startswith("!")] == [
        "      status active -> draft"
    ]


def test_adding_protect_says_so_and_the_plan_after_apply_is_empty(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    SUPPORT.write_text(SUPPORT.read_text(encoding="utf-8") + "protect: true\n")

    lines = _section(run(capsys, "plan")[1], "customer-support-specialist")

    assert lines[1:] == [
        "      protect: true added: from now on apply refuses to archive or recreate it"
    ]
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_a_question_added_in_the_app_is_labelled_so(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    live_id = next(
        i for i in emulator.interview_ids() if emulator.raw_definition(i)["name"].startswith("Cust")
    )
    questions = emulator.raw_definition(live_id)["questions"]
    kept = [{"id": q["id"], "question": q["question"]} for q in questions]
    added = {"question": "Added in the app?"}
    call(emulator, "job-interview-update", {"position_id": live_id, "questions": [*kept, added]})

    lines = _section(run(capsys, "plan")[1], "customer-support-specialist")

    assert '      - question 10 (made in JobMojito): "Added in the app?"' in lines
