"""Identity on ordinary days, over HTTP against the emulator: tags tidied in the app, a
recreate whose new interview then loses its tags, import_id beside a marker, busy
interviews, a renamed spec file.

Under every case: never more than one current (not archived) interview per name made by
us, and either convergence (an empty plan) or a stop with exit 1 that names the cause.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.specwrite.seeding import call

__all__ = ["emulator"]

SPEC = """\
name: Support screen
location: Remote
mojito_language_code: en
template: Ava
status: active
description: A short screen.
tags: [support]
questions:
  - key: intro
    question: Tell me about yourself.
  - key: tools
    question: Which tools do you use?
"""
NAME = "Support screen"


def _write(name: str, text: str = SPEC) -> Path:
    folder = Path("interviews")
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _current(emulator: Emulator) -> list[str]:
    """Ids of the interviews that are neither archived nor deleted."""
    return [
        live_id
        for live_id in emulator.interview_ids()
        if emulator.raw_definition(live_id)["status"] not in ("archived", "deleted")
    ]


def _assert_no_duplicate(emulator: Emulator) -> None:
    names = Counter(emulator.raw_definition(live_id)["name"] for live_id in _current(emulator))
    assert all(count == 1 for count in names.values()), names


def _set_tags(emulator: Emulator, live_id: str, tags: list[str]) -> None:
    """What a recruiter does in the JobMojito app: edit the tags."""
    call(emulator, "job-interview-update", {"position_id": live_id, "tags": tags})


def _plan(capsys: pytest.CaptureFixture[str], *, refused: bool = False) -> dict[str, Any]:
    """The plan document; `plan` exits 1 exactly when apply would refuse the plan."""
    code, out, err = run(capsys, "plan", "--format", "json")
    assert code == (1 if refused else 0), err
    assert ("error: apply will refuse this plan: " in err) is refused
    document: dict[str, Any] = json.loads(out)
    return document


def _converged(capsys: pytest.CaptureFixture[str]) -> bool:
    return run(capsys, "plan", "--detailed-exitcode")[0] == 0


def _apply(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    return run(capsys, "apply", "--auto-approve")


def _first_apply(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> str:
    _write("support.yaml")
    assert _apply(capsys)[0] == 0
    (live_id,) = emulator.interview_ids()
    return live_id


def test_tags_tidied_in_the_app_block_the_create_until_import_id(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    live_id = _first_apply(emulator, capsys)
    _set_tags(emulator, live_id, ["support"])  # the markers went with the tidy-up
    (change,) = _plan(capsys, refused=True)["changes"]
    assert change["kind"] == "create"
    assert f"import_id: {live_id}" in change["blocked"]
    code, _, err = _apply(capsys)
    assert code == 1
    assert any(
        line.startswith("error: support: a live interview named ") for line in err.splitlines()
    )
    assert "Traceback" not in err
    assert f"add import_id: {live_id}" in err
    assert emulator.interview_ids() == (live_id,)  # nothing was created
    _write("support.yaml", SPEC + f"import_id: {live_id}\n")
    assert _apply(capsys)[0] == 0
    assert _converged(capsys)
    assert emulator.interview_ids() == (live_id,)
    assert "iac:acme/support" in emulator.raw_definition(live_id)["tags"]


def test_allow_duplicate_name_creates_beside_the_namesake(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    live_id = _first_apply(emulator, capsys)
    _set_tags(emulator, live_id, [])
    _write("support.yaml", SPEC + "allow_duplicate_name: true\n")
    assert _apply(capsys)[0] == 0
    assert len(_current(emulator)) == 2  # asked for in the spec
    assert _converged(capsys)


def test_a_recreate_retires_the_predecessor_so_stripped_tags_never_revive_it(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    old_id = _first_apply(emulator, capsys)
    _write("support.yaml", SPEC.replace("mojito_language_code: en", "mojito_language_code: fr"))
    code, out, _ = _apply(capsys)
    assert code == 0, out
    (new_id,) = _current(emulator)
    assert new_id != old_id
    old = emulator.raw_definition(old_id)
    assert old["status"] == "archived"
    assert old["tags"] == ["support", "iac-retired:acme/support"]
    assert _converged(capsys)
    _set_tags(emulator, new_id, ["support"])
    plan = _plan(capsys, refused=True)
    assert [c["kind"] for c in plan["changes"]] == ["create"]  # not a revival of old_id
    assert new_id in plan["changes"][0]["blocked"]
    assert _apply(capsys)[0] == 1
    _assert_no_duplicate(emulator)
    _write(
        "support.yaml",
        SPEC.replace("mojito_language_code: en", "mojito_language_code: fr")
        + f"import_id: {new_id}\n",
    )
    assert _apply(capsys)[0] == 0
    assert _current(emulator) == [new_id]
    assert _converged(capsys)


def test_import_id_wins_over_a_marker_left_on_an_archived_predecessor(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """An account recreated before predecessors were retired: the archived one still
    carries the key's marker, and the current one has lost its tags."""
    old_id = _first_apply(emulator, capsys)
    marked = emulator.raw_definition(old_id)["tags"]
    call(emulator, "job-interview-set-state", {"position_id": old_id, "status": "archived"})
    made = call(
        emulator,
        "job-interview-create-from-array",
        {
            "name": NAME,
            "type": "interview",
            "visibility": "merchant_invite",
            "location": "Remote",
            "mojito_language_code": "en",
            "interview_template_id": "7a1c0001-0000-4000-8000-000000000001",
            "status": "active",
            "description": "A short screen.",
            "questions": [{"question": "Tell me about yourself."}],
        },
    )
    new_id = str(made["interview_def_set_id"])
    assert "iac:acme/support" in marked
    plan = _plan(capsys)
    (change,) = plan["changes"]
    assert (change["kind"], change["live_id"]) == ("set_state", old_id)  # the bug's setting
    _write("support.yaml", SPEC + f"import_id: {new_id}\n")
    plan = _plan(capsys)
    assert sorted((c["kind"], c["live_id"]) for c in plan["changes"]) == [
        ("adopt", new_id),
        ("update", old_id),
    ]
    assert _apply(capsys)[0] == 0
    assert _current(emulator) == [new_id]
    assert emulator.raw_definition(old_id)["tags"] == ["support", "iac-retired:acme/support"]
    assert _converged(capsys)


@pytest.mark.parametrize("status", ["preparing", "completed"])
def test_busy_interviews_are_left_alone(
    emulator: Emulator, capsys: pytest.CaptureFixture[str], status: str
) -> None:
    live_id = _first_apply(emulator, capsys)
    call(emulator, "job-interview-set-state", {"position_id": live_id, "status": status})
    plan = _plan(capsys)
    assert plan["changes"] == []
    assert plan["notes"] == [f"support: busy: {status}; left alone ({live_id})"]
    code, out, _ = _apply(capsys)
    assert code == 0
    assert f"support: busy: {status}" in out
    assert emulator.raw_definition(live_id)["status"] == status
    Path("interviews/support.yaml").unlink()  # not even a prune moves it
    assert _plan(capsys)["changes"] == []
    assert emulator.raw_definition(live_id)["status"] == status


def test_a_renamed_file_with_previous_keys_keeps_the_interview(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    live_id = _first_apply(emulator, capsys)
    Path("interviews/support.yaml").rename("interviews/support-screen.yaml")
    plan = _plan(capsys)
    assert [c["kind"] for c in plan["changes"]] == ["archive", "create"]
    assert plan["changes"][1]["warnings"][0].startswith(
        "looks like a rename: add previous_keys: [support] to interviews/support-screen.yaml"
    )
    _write("support-screen.yaml", SPEC + "previous_keys: [support]\n")
    (change,) = _plan(capsys)["changes"]
    assert (change["kind"], change["live_id"]) == ("update", live_id)
    assert change["reason"].startswith("renamed from support:")
    assert _apply(capsys)[0] == 0
    assert emulator.interview_ids() == (live_id,)
    assert "iac:acme/support-screen" in emulator.raw_definition(live_id)["tags"]
    assert _converged(capsys)
    _write("support-screen.yaml")  # previous_keys may go once applied
    assert _converged(capsys)


def test_a_previous_key_that_is_another_specs_key_is_refused(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _write("support.yaml")
    _write("support-screen.yaml", SPEC + "previous_keys: [support]\n")
    code, _, err = run(capsys, "plan")
    assert code == 1
    assert 'previous key "support" is the key of interviews/support.yaml' in err
    assert "Traceback" not in err


def _run_steps(emulator: Emulator, steps: list[dict[str, Any]]) -> None:
    """Send a change's first steps as apply would, then stop (a crash)."""
    created = None
    for step in steps:
        body = dict(step["body"])
        path = step["action"]
        if path.startswith("job-interview-create"):
            created = str(call(emulator, path, body)["interview_def_set_id"])
            continue
        body["position_id"] = step["target_id"] or created
        call(emulator, path, body)


@pytest.mark.parametrize("done", [1, 2])
def test_a_recreate_cut_short_after_any_step_converges(
    emulator: Emulator, capsys: pytest.CaptureFixture[str], done: int
) -> None:
    old_id = _first_apply(emulator, capsys)
    _write("support.yaml", SPEC.replace("mojito_language_code: en", "mojito_language_code: fr"))
    (change,) = _plan(capsys)["changes"]
    assert change["kind"] == "recreate"
    steps = change["steps"]
    assert [s["action"] for s in steps] == [
        "job-interview-create-from-array",
        "job-interview-set-state",
        "job-interview-update",
    ]
    _run_steps(emulator, steps[:done])
    assert _apply(capsys)[0] == 0
    (current,) = _current(emulator)
    assert current != old_id
    assert emulator.raw_definition(old_id)["tags"] == ["support", "iac-retired:acme/support"]
    assert _converged(capsys)


def test_import_leaves_a_retired_predecessor_out(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _first_apply(emulator, capsys)
    _write("support.yaml", SPEC.replace("mojito_language_code: en", "mojito_language_code: fr"))
    assert _apply(capsys)[0] == 0
    code, out, _ = run(capsys, "import", "--adopt")
    assert code == 0
    assert out.endswith(
        "Imported 0 interview(s); 0 file(s) kept.\n"
        "Left out 2 interview(s) that carry a marker (use --all).\n"
    )
