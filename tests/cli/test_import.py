"""`interviews import` against the emulator: the acceptance round trip and file safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.specwrite.seeding import seed_account

__all__ = ["emulator"]


def test_import_adopt_validate_plan_apply_plan(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    ids = seed_account(emulator)
    code, out, _ = run(capsys, "import", "--adopt")
    assert code == 0
    assert sorted(path.name for path in Path("interviews").iterdir()) == [
        "barista-weekend-shifts.yaml",
        "data-analyst-ai-questions.yaml",
        "old-night-porter.yaml",
        "returns-policy-check.yaml",
    ]
    assert out.endswith("Imported 4 interview(s); 0 file(s) kept.\n")
    assert f"import_id: {ids['generated']}\n" in Path(
        "interviews/data-analyst-ai-questions.yaml"
    ).read_text(encoding="utf-8")
    assert run(capsys, "validate")[0] == 0
    code, out, _ = run(capsys, "plan", "--detailed-exitcode", "--format", "json")
    assert code == 2
    changes = json.loads(out)["changes"]
    assert {change["kind"] for change in changes} == {"adopt"}
    assert all(change["fields"] == [] for change in changes)
    stamped = {f["field"] for change in changes for q in change["questions"] for f in q["fields"]}
    assert stamped == {"key"}
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_existing_files_are_kept_unless_overwrite(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_account(emulator)
    Path("interviews").mkdir()
    mine = Path("interviews/old-night-porter.yaml")
    mine.write_text("# mine\n", encoding="utf-8")
    code, out, _ = run(capsys, "import", "--status", "archived")
    assert code == 0
    assert out == (
        "kept interviews/old-night-porter.yaml: it exists (use --overwrite to replace it)\n"
        "Imported 0 interview(s); 1 file(s) kept.\n"
    )
    assert mine.read_text(encoding="utf-8") == "# mine\n"
    assert run(capsys, "import", "--status", "archived", "--overwrite")[0] == 0
    assert mine.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_filters_and_managed_interviews_are_left_out(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_account(emulator)
    assert run(capsys, "import", "--adopt", "--filter", "barista")[0] == 0
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    code, out, _ = run(capsys, "import", "--out", "more", "--type", "assessment")
    assert code == 0
    assert out == (
        "Imported 0 interview(s); 0 file(s) kept.\n"
        "Left out 1 interview(s) that carry a marker (use --all).\n"
    )
    code, out, _ = run(capsys, "import", "--out", "more", "--type", "assessment", "--all")
    assert out.startswith("wrote more/barista-weekend-shifts.yaml  (Barista: Weekend Shifts, ")
    text = Path("more/barista-weekend-shifts.yaml").read_text(encoding="utf-8")
    assert "import_id" not in text
    assert text.startswith("# yaml-language-server: $schema=../schemas/interview.schema.json\n")
