"""`interviews import` against the emulator: the acceptance round trip and file safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.gitrepo import GitRepo
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
        "returns-policy-check.yaml",
    ]
    assert out.endswith(
        "Imported 3 interview(s); 0 file(s) kept.\n"
        "Left out 1 archived interview(s) (use --include-archived).\n"
    )
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


def test_archived_interviews_only_when_asked(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    seed_account(emulator)
    code, out, _ = run(capsys, "import", "--include-archived")
    assert code == 0
    assert Path("interviews/old-night-porter.yaml").exists()
    assert out.endswith("Imported 4 interview(s); 0 file(s) kept.\n")


def test_the_schema_reference_resolves_inside_the_repository(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    GitRepo(Path.cwd())
    Path("hiring").mkdir()
    seed_account(emulator)
    code, out, _ = run(capsys, "import", "--out", "hiring/interviews")
    assert code == 0
    assert out.startswith(
        "wrote schemas/interview.schema.json: the spec schema the files' $schema comments "
        "point to\n"
    )
    spec = Path("hiring/interviews/barista-weekend-shifts.yaml")
    header = spec.read_text(encoding="utf-8").splitlines()[0]
    assert header == "# yaml-language-server: $schema=../../schemas/interview.schema.json"
    reference = header.split("$schema=")[1]
    assert json.loads((spec.parent / reference).read_text(encoding="utf-8"))["title"].startswith(
        "JobMojito interview spec"
    )


def test_an_existing_schema_is_never_replaced(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    GitRepo(Path.cwd())
    Path("schemas").mkdir()
    Path("schemas/interview.schema.json").write_text("{}\n", encoding="utf-8")
    seed_account(emulator)
    code, out, _ = run(capsys, "import")
    assert code == 0
    assert "schemas/interview.schema.json" not in out
    assert Path("schemas/interview.schema.json").read_text(encoding="utf-8") == "{}\n"
