"""`interviews pull KEY`: generated questions become managed, without a recreate."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run

__all__ = ["emulator"]

REPO = Path(__file__).resolve().parents[2]
KEY = "senior-backend-engineer"
SPEC = Path(f"interviews/{KEY}.yaml")


@pytest.fixture
def generated(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> Emulator:
    Path("interviews").mkdir()
    shutil.copy(REPO / SPEC, SPEC)
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    return emulator


def test_pull_writes_questions_then_plan_updates_in_place_and_converges(
    generated: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    before = SPEC.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "pull", KEY)
    assert code == 0
    (live_id,) = generated.interview_ids()
    count = len(generated.raw_definition(live_id)["questions"])
    assert out == f"rewrote {SPEC}: {count} question(s) pulled; review with git diff\n"
    text = SPEC.read_text(encoding="utf-8")
    head = before[: before.index("generate:")]
    assert text.startswith(head)  # comments and every other entry kept
    assert "generate:" not in text
    assert "\nquestions:\n  - key: " in text
    assert run(capsys, "validate")[0] == 0
    code, out, _ = run(capsys, "plan", "--format", "json", "--detailed-exitcode")
    assert code == 2
    (change,) = json.loads(out)["changes"]
    assert (change["kind"], change["fields"]) == ("update", [])
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    assert generated.interview_ids() == (live_id,)
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_pull_adds_the_description_a_questions_spec_needs(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("interviews").mkdir()
    SPEC.write_text(
        "name: Ops lead\nlocation: Remote\nmojito_language_code: en\ntemplate: Ava\n"
        "generate:\n  interview_length: 2\n# after generate\n",
        encoding="utf-8",
    )
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    assert run(capsys, "pull", KEY)[0] == 0
    text = SPEC.read_text(encoding="utf-8")
    assert text.startswith(
        "name: Ops lead\nlocation: Remote\nmojito_language_code: en\ntemplate: Ava\n"
        "description: Ops lead in Remote.\nquestions:\n  - key: "
    )
    assert text.endswith("# after generate\n")
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_pull_refuses_unknown_keys_and_specs_without_generate(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("interviews").mkdir()
    shutil.copy(REPO / "interviews/sql-skills-assessment.yaml", "interviews/sql.yaml")
    code, _, err = run(capsys, "pull", "nope")
    assert (code, err) == (
        1, 'error: no spec file has the key "nope"; `interviews validate -v` lists them\n'
    )  # fmt: skip
    code, _, err = run(capsys, "pull", "sql")
    assert (code, err) == (
        1,
        "error: interviews/sql.yaml: sql has no generate: block; "
        "its questions are managed in the file already\n",
    )
    shutil.copy(REPO / SPEC, SPEC)
    code, _, err = run(capsys, "pull", KEY)
    assert (code, err) == (
        1,
        f'error: "{KEY}" is not in JobMojito yet (no interview carries its marker in '
        'namespace "acme"); run `interviews apply` first\n',
    )
