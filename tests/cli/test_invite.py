"""`interviews invite KEY` against the emulator: the outcome, and clear refusals."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.cli.emulated import writes

__all__ = ["emulator"]

REPO = Path(__file__).resolve().parents[2]
ACTIVE = "customer-support-specialist"
DRAFT = "sql-skills-assessment"
CANDIDATE = ("--name", "Ana Silva", "--email", "ana@example.com", "--country", "pt")


@pytest.fixture
def applied(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> Emulator:
    Path("interviews").mkdir()
    for key in (ACTIVE, DRAFT):
        shutil.copy(REPO / f"interviews/{key}.yaml", f"interviews/{key}.yaml")
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    return emulator


def test_invite_prints_the_outcome(applied: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    Path("cv.txt").write_text("Five years in support.", encoding="utf-8")
    code, out, _ = run(capsys, "invite", ACTIVE, *CANDIDATE, "--resume", "cv.txt")
    assert code == 0
    assert out.startswith("status: ai_accept\ninterview_url: http://127.0.0.1:8787/i/")
    body = applied.requests[-1].body
    assert body["candidate_country_code"] == "PT"
    assert body["candidate_resume"] == "Five years in support."
    assert body["position_def_set_id"] in applied.interview_ids()
    assert sorted(path.name for path in Path.cwd().iterdir()) == [
        "cv.txt", "interviews", "reconciler.toml",
    ]  # fmt: skip


def test_invite_json(applied: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "invite", ACTIVE, *CANDIDATE, "--resume-text", "CV", "--external-id", "c-1",
        "--json",
    )  # fmt: skip
    assert code == 0
    answer = json.loads(out)
    assert sorted(answer) == ["interview_url", "profile_interview_id", "reason", "status"]
    assert answer["status"] == "ai_accept"
    assert applied.requests[-1].body["candidate_external_id"] == "c-1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (ACTIVE, "--name", "Ana", "--email", "ana.example.com", "--country", "PT"),
            'error: "ana.example.com" is not an email address\n',
        ),
        (
            ("nope", *CANDIDATE),
            'error: no spec file has the key "nope"; `interviews validate -v` lists them\n',
        ),
        (
            (DRAFT, *CANDIDATE),
            f'error: "{DRAFT}" is draft, not active: candidates can only be invited to an '
            "active interview (set status: active in its spec and apply)\n",
        ),
        (
            (ACTIVE, "--name", "Ana", "--email", "a@b.pt", "--country", "Portugal"),
            'error: country "Portugal" is not a two-letter ISO code (such as PT)\n',
        ),
    ],
)
def test_invite_refusals_are_clear_and_send_nothing(
    applied: Emulator, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = writes(applied)
    code, _, err = run(capsys, "invite", *args, "--resume-text", "CV")
    assert (code, err) == (1, message)
    assert writes(applied) == before


def test_the_resume_is_needed_once(applied: Emulator, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "invite", ACTIVE, *CANDIDATE)
    assert (code, err) == (1, "error: give the resume once: --resume FILE or --resume-text TEXT\n")
