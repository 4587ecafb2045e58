"""Candidate impact in `interviews plan`, end to end against the emulator: the counts come
from the list items, where the emulator counts each interview's results."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.specwrite.seeding import TOKEN

REPO = Path(__file__).resolve().parents[2]
SUPPORT = Path("interviews/customer-support-specialist.yaml")
GERMAN = Path("interviews/vertriebsmitarbeiter-innendienst.yaml")
SQL = Path("interviews/sql-skills-assessment.yaml")


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    """The example specs applied to an emulated account."""
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    yield emu
    emu.close()


def _applied(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """Apply the examples; the live id of each interview by name."""
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    return {
        str(emulator.raw_definition(live_id)["name"]): live_id
        for live_id in emulator.interview_ids()
    }


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_links_results_and_questions_are_counted_in_the_text_plan(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _applied(emulator, capsys)
    emulator.seed_results(ids["Customer Support Specialist - Screening"], 3, "2026-11-20")
    emulator.seed_results(ids["Vertriebsmitarbeiter (m/w/d) im Innendienst"], 1, "2026-11-21")
    _edit(GERMAN, "status: active", "status: draft")
    _edit(
        SUPPORT,
        "  - key: tools\n    question: Which helpdesk",
        "  - key: crm\n    question: Which CRM",
    )
    _edit(SQL, "mojito_language_code: en", "mojito_language_code: fr")
    emulator.seed_results(ids["Data Analyst - SQL and Reasoning Assessment"], 2, None)

    code, out, _ = run(capsys, "plan")

    assert code == 0
    assert (
        "      ! set to draft: links already sent to candidates stop working until it is "
        "active; 1 candidate has taken it (most recently 2026-11-21)\n"
    ) in out
    assert (
        "      ! candidates will be asked different questions (1 added, 1 removed): results "
        "already in were scored on the old set; 3 candidates have taken it (most recently "
        "2026-11-20)\n"
    ) in out
    sql_id = ids["Data Analyst - SQL and Reasoning Assessment"]
    assert (
        f"      ! results stay on the old interview ({sql_id}); the new one starts without "
        "any; 2 candidates have taken it\n"
    ) in out


def test_the_markdown_plan_puts_impact_first_and_json_carries_it(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _applied(emulator, capsys)
    emulator.seed_results(ids["Vertriebsmitarbeiter (m/w/d) im Innendienst"], 2, None)
    GERMAN.unlink()

    markdown = run(capsys, "plan", "--format", "markdown")[1]
    document = json.loads(run(capsys, "plan", "--format", "json")[1])

    section = markdown.split("<b>vertriebsmitarbeiter-innendienst</b>", 1)[1]
    first = section.split("\n\n")[1]
    assert first.startswith(
        "- **!** links already sent to candidates stop working; 2 candidates have taken it"
    )
    schema = json.loads((REPO / "schemas" / "plan.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(document, schema)
    (change,) = document["changes"]
    assert [(i["kind"], i["candidates"]) for i in change["impact"]] == [
        ("links", 2),
        ("hidden", 2),
    ]


def test_a_saved_plan_stays_valid_when_more_candidates_take_the_interview(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = _applied(emulator, capsys)
    german = ids["Vertriebsmitarbeiter (m/w/d) im Innendienst"]
    emulator.seed_results(german, 1, "2026-11-21")
    _edit(GERMAN, "status: active", "status: draft")
    assert run(capsys, "plan", "--out", "plan.json")[0] == 0
    emulator.seed_results(german, 4, "2026-11-22")

    code, out, err = run(capsys, "apply", "plan.json", "--auto-approve")

    assert code == 0
    assert "error" not in err
    assert "5 candidates have taken it (most recently 2026-11-22)" in out
    assert emulator.raw_definition(german)["status"] == "draft"
