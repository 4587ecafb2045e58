"""`plan --refresh-only` over HTTP: only drift is written back into the spec files; a local
edit is kept and said so; a file with uncommitted changes is refused unless --force."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reconciler.emulator import Emulator
from reconciler.plan.sync import base_of
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.cli.emulated import writes
from tests.gitrepo import GitRepo
from tests.specwrite.seeding import call

__all__ = ["emulator"]

FILE = "interviews/barista.yaml"
SPEC = """\
# Our barista screen.
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
    question: How do you dial in an espresso?
"""
DONE = "Rewrote 1 spec file(s) from JobMojito; review with git diff.\n"
EDITED = "edited in the spec since the last apply; apply sends it to JobMojito"


@pytest.fixture
def applied(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> Emulator:
    Path("interviews").mkdir()
    Path(FILE).write_text(SPEC, encoding="utf-8")
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    return emulator


def _live_id(emulator: Emulator) -> str:
    (live_id,) = emulator.interview_ids()
    return live_id


def _update(emulator: Emulator, **values: Any) -> None:
    """An edit in the JobMojito app."""
    call(emulator, "job-interview-update", {"position_id": _live_id(emulator), **values})


def _reword(emulator: Emulator, index: int, text: str) -> None:
    questions = emulator.raw_definition(_live_id(emulator))["questions"]
    questions[index]["question"] = text
    _update(emulator, questions=questions)


def _edit(old: str, new: str) -> None:
    text = Path(FILE).read_text(encoding="utf-8")
    assert old in text
    Path(FILE).write_text(text.replace(old, new), encoding="utf-8")


def _spec() -> str:
    return Path(FILE).read_text(encoding="utf-8")


def test_a_local_edit_beside_drift_is_kept(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _update(applied, name="Barista!", description="Changed in the app.")
    _edit("description: Weekend baristas.", "description: Weekend and holiday baristas.")
    before = writes(applied)
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert (code, writes(applied)) == (0, before)
    assert out == f"rewrote {FILE}: name\nkept {FILE}: description ({EDITED})\n{DONE}"
    assert _spec() == SPEC.replace("name: Barista", "name: Barista!").replace(
        "Weekend baristas.", "Weekend and holiday baristas."
    )


def test_a_field_edited_on_both_sides_keeps_the_spec_value(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _update(applied, name="Barista (app)")
    _edit("name: Barista", "name: Barista (spec)")
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert code == 0
    assert out == (
        f"kept {FILE}: name ({EDITED})\nNo spec file rewritten: no value drifted in JobMojito.\n"
    )
    assert _spec() == SPEC.replace("name: Barista", "name: Barista (spec)")


def test_a_template_edited_on_both_sides_is_kept_under_its_spec_name(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _update(applied, interview_template_id="7a1c0001-0000-4000-8000-000000000002")  # Marcus
    _edit("template: Ava", "template: Emma (voice)")
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert code == 0
    assert out.startswith(f"kept {FILE}: template ({EDITED})\n")
    assert _spec() == SPEC.replace("template: Ava", "template: Emma (voice)")


def test_questions_edited_in_the_spec_are_kept_whole(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _reword(applied, 1, "How do you dial in a new blend?")
    _update(applied, location="Lisbon")
    _edit("Have you worked weekends before?", "Have you worked on weekends?")
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert code == 0
    assert out == f"rewrote {FILE}: location\nkept {FILE}: questions ({EDITED})\n{DONE}"
    assert _spec() == SPEC.replace("Porto", "Lisbon").replace(
        "Have you worked weekends before?", "Have you worked on weekends?"
    )


def test_drifted_questions_are_written_when_the_spec_kept_them(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _reword(applied, 1, "How do you dial in a new blend?")
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert (code, out) == (0, f"rewrote {FILE}: questions\n{DONE}")
    assert "How do you dial in a new blend?" in _spec()
    assert "# Our barista screen.\n" in _spec()


def test_without_a_record_of_the_fields_last_applied_nothing_is_guessed(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """A marker written before it recorded each field, and a spec edited since: no field
    can be told to be drift, so none is written."""
    tags = applied.raw_definition(_live_id(applied))["tags"]
    older = [base_of(tag) if tag.startswith("iac-sync:") else tag for tag in tags]
    _update(applied, name="Barista!", tags=older)
    _edit("description: Weekend baristas.", "description: Weekend and holiday baristas.")
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert code == 0
    assert out.startswith(f"kept {FILE}: name, description (no record of the values last ")
    assert out.endswith("No spec file rewritten: no value drifted in JobMojito.\n")
    assert _spec() == SPEC.replace("Weekend baristas.", "Weekend and holiday baristas.")


def test_with_an_older_marker_and_the_spec_as_applied_drift_is_written(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    tags = applied.raw_definition(_live_id(applied))["tags"]
    older = [base_of(tag) if tag.startswith("iac-sync:") else tag for tag in tags]
    _update(applied, name="Barista!", tags=older)
    assert run(capsys, "plan", "--refresh-only")[1] == f"rewrote {FILE}: name\n{DONE}"


@pytest.fixture
def committed(applied: Emulator) -> GitRepo:
    repo = GitRepo(Path.cwd())
    repo.commit("Barista screen")
    _update(applied, name="Barista!")
    return repo


def test_a_spec_with_uncommitted_changes_is_refused(
    committed: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit("# Our barista screen.", "# Our barista screen, being edited.")
    edited = _spec()
    code, out, err = run(capsys, "plan", "--refresh-only")
    assert (code, out) == (1, "")
    assert [line for line in err.splitlines() if not line.startswith(("listing", "reading"))] == [
        err.splitlines()[-1]
    ]  # progress, then one error line
    assert err.splitlines()[-1].startswith(f"error: {FILE}: uncommitted changes in git; ")
    assert "--force" in err
    assert _spec() == edited


def test_force_rewrites_a_spec_with_uncommitted_changes(
    committed: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    _edit("# Our barista screen.", "# Our barista screen, being edited.")
    code, out, _ = run(capsys, "plan", "--refresh-only", "--force")
    assert (code, out) == (0, f"rewrote {FILE}: name\n{DONE}")
    expected = SPEC.replace("Barista", "Barista!").replace("screen.", "screen, being edited.")
    assert _spec() == expected


def test_a_committed_spec_is_rewritten_and_the_diff_is_the_drift(
    committed: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "plan", "--refresh-only")[0] == 0
    diff = committed.git("diff", "--unified=0", "--no-color", "--", FILE)
    changed = [line for line in diff.splitlines() if line.startswith(("+", "-"))]
    assert changed == [f"--- a/{FILE}", f"+++ b/{FILE}", "-name: Barista", "+name: Barista!"]


def test_an_untracked_spec_is_refused(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    GitRepo(Path.cwd())
    _update(applied, name="Barista!")
    code, _, err = run(capsys, "plan", "--refresh-only")
    assert code == 1
    assert err.splitlines()[-1].startswith(f"error: {FILE}: uncommitted changes in git; ")
    assert _spec() == SPEC


def test_rewritten_questions_keep_their_layout(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("interviews").mkdir()
    follows_first = SPEC.replace(
        "  - key: espresso\n    question:",
        "  - key: espresso\n    follows: weekends\n    question:",
    )
    Path(FILE).write_text(follows_first, encoding="utf-8")
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    _reword(emulator, 1, "How do you dial in a new blend?")
    code, out, _ = run(capsys, "plan", "--refresh-only")
    assert (code, out) == (0, f"rewrote {FILE}: questions\n{DONE}")
    assert _spec() == follows_first.replace(
        "How do you dial in an espresso?", "How do you dial in a new blend?"
    )
