"""`interviews plan` and `interviews apply` end to end against the in-process emulator."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.specwrite.seeding import TOKEN

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    """An empty account behind every command, run from a repository copy in tmp_path."""
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    yield emu
    emu.close()


def test_plan_apply_plan(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "plan", "--detailed-exitcode")
    assert code == 2
    assert "Plan: 5 to create, 0 to update, 0 to recreate, 0 to change state, 0 to archive." in out
    code, out, _ = run(capsys, "apply", "--auto-approve")
    assert code == 0
    assert "Apply: 5 step(s) done, 0 failed, 0 not attempted." in out
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_apply_off_a_terminal_needs_auto_approve(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "apply")
    assert code == 1
    assert err.endswith("error: apply needs --auto-approve when not run on a terminal\n")
    assert emulator.interview_ids() == ()


def test_json_plan_validates_against_the_plan_schema(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "plan", "--format", "json", "--out", "plan.json")
    assert code == 0
    schema = json.loads((REPO / "schemas" / "plan.schema.json").read_text())
    jsonschema.validate(json.loads(out), schema)
    assert Path("plan.json").read_text() == out


def test_markdown_plan_starts_with_its_heading(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "plan", "--format", "markdown")
    assert code == 0
    assert out.startswith("## interviews-as-code plan")


def _rename_live(emulator: Emulator, new_name: str) -> str:
    live_id = emulator.interview_ids()[0]
    request = httpx.Request(
        "POST",
        "http://127.0.0.1:8787/job-interview-update",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json={"position_id": live_id, "name": new_name},
    )
    assert emulator.handle(request).status_code == 200
    return live_id


def test_saved_plan_is_refused_when_live_or_spec_moved(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    spec = Path("interviews/customer-support-specialist.yaml")
    spec.write_text(spec.read_text().replace("duration: 90", "duration: 75", 1))
    assert run(capsys, "plan", "--out", "plan.json")[0] == 0
    live_id = _rename_live(emulator, "Renamed in the app")
    code, _, err = run(capsys, "apply", "plan.json", "--auto-approve")
    assert code == 1
    assert f"live interview {live_id} changed" in err
    assert run(capsys, "plan", "--out", "plan.json")[0] == 0
    spec.write_text(spec.read_text().replace("duration: 75", "duration: 80", 1))
    code, _, err = run(capsys, "apply", "plan.json", "--auto-approve")
    assert code == 1
    assert "spec of customer-support-specialist changed" in err
    assert run(capsys, "plan", "--out", "plan.json")[0] == 0
    assert run(capsys, "apply", "plan.json", "--auto-approve")[0] == 0
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_an_altered_plan_file_is_refused(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "plan", "--out", "plan.json")[0] == 0
    document = json.loads(Path("plan.json").read_text())
    document["changes"][0]["steps"][0]["body"]["name"] = "Injected"
    Path("plan.json").write_text(json.dumps(document))
    code, _, err = run(capsys, "apply", "plan.json", "--auto-approve")
    assert code == 1
    assert err == "error: plan.json: the plan file was altered after it was written (checksum)\n"


def _write_many(count: int, *, protect_first: bool = False) -> None:
    shutil.rmtree("interviews")
    Path("interviews").mkdir()
    source = (REPO / "interviews" / "sql-skills-assessment.yaml").read_text()
    for index in range(count):
        text = source
        if protect_first and index == 0:
            text += "protect: true\n"
        Path(f"interviews/k{index}.yaml").write_text(text)


THRESHOLD_REFUSAL = (
    "the plan archives or recreates 4 of 10 managed interviews (40%), over the 30% limit; "
    "if that is intended, plan and apply with --force"
)
PROTECT_REFUSAL = (
    "k0: protect: true forbids archiving this interview (--force does not override it); "
    "restore the spec or its earlier values, or remove protect: true from it in a change of "
    "its own first"
)


def _plan_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, "plan", "--format", "json", *args)
    document = json.loads(out)
    schema = json.loads((REPO / "schemas" / "plan.schema.json").read_text())
    jsonschema.validate(document, schema)
    return code, document


def test_threshold_fails_the_plan_and_the_apply_unless_forced(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_many(10)
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    for index in range(4):
        Path(f"interviews/k{index}.yaml").unlink()

    code, out, err = run(capsys, "plan", "--detailed-exitcode")
    assert code == 1
    assert "Plan: 0 to create, 0 to update, 0 to recreate, 0 to change state, 4 to archive." in out
    assert err.endswith(f"error: apply will refuse this plan: {THRESHOLD_REFUSAL}\n")
    assert _plan_json(capsys)[1]["refusals"] == [THRESHOLD_REFUSAL]
    code, _, err = run(capsys, "apply", "--auto-approve")
    assert code == 1
    assert err.splitlines()[-1] == f"error: {THRESHOLD_REFUSAL}"

    assert run(capsys, "plan", "--force", "--detailed-exitcode")[0] == 2
    code, document = _plan_json(capsys, "--force", "--out", "plan.json")
    assert (code, document["refusals"]) == (0, [])
    assert run(capsys, "apply", "plan.json", "--auto-approve", "--force")[0] == 0
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_protect_fails_the_plan_and_is_never_overridden(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_many(2, protect_first=True)
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    Path("interviews/k0.yaml").unlink()

    for force in ((), ("--force",)):
        code, out, err = run(capsys, "plan", "--detailed-exitcode", *force)
        assert code == 1
        assert "1 to archive." in out
        assert err.endswith(f"error: apply will refuse this plan: {PROTECT_REFUSAL}\n")
        code, document = _plan_json(capsys, *force)
        assert (code, document["refusals"]) == (1, [PROTECT_REFUSAL])
    code, _, err = run(capsys, "apply", "--auto-approve", "--force")
    assert code == 1
    assert err.splitlines()[-1] == f"error: {PROTECT_REFUSAL}"
    statuses = {emulator.raw_definition(i)["status"] for i in emulator.interview_ids()}
    assert "archived" not in statuses
