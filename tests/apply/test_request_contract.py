"""Every request the tool sends over a full round trip (plan, apply with every change kind,
refresh, import, pull, show, invite, templates) matches the real JobMojito OpenAPI request
schema of its operation, read at run time, with unknown properties refused at every depth
and every query parameter declared, once.

The requests are recorded as they leave the client (a recording transport in front of the
emulator), so the check sees what the tool sent, not what the emulator made of it.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.cli.emulated import serve_every_command
from tests.openapi_contract import validate_query
from tests.openapi_contract import validate_request_body
from tests.specwrite.seeding import TOKEN
from tests.specwrite.seeding import seed_account

_PREFIX = "/functions/v1"
EVERY_ENDPOINT = {
    "/job-interview-create",
    "/job-interview-create-from-array",
    "/job-interview-get",
    "/job-interview-update",
    "/job-interview-set-state",
    "/job-interview-register-users",
    "/merchant-interview-list",
    "/merchant-avatar-list",
}


@dataclass(frozen=True)
class Sent:
    """One request as the client sent it: the query with every repeat, the JSON body."""

    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    body: Any


class Recorder:
    """A transport handler that records each request, then lets the emulator answer."""

    def __init__(self, emulator: Emulator) -> None:
        self.sent: list[Sent] = []
        self._emulator = emulator
        self._lock = threading.Lock()

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        path = path[len(_PREFIX) :] if path.startswith(_PREFIX + "/") else path
        body = json.loads(request.content) if request.content else None
        sent = Sent(request.method, path, tuple(request.url.params.multi_items()), body)
        with self._lock:
            self.sent.append(sent)
        return self._emulator.handle(request)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _kinds(capsys: pytest.CaptureFixture[str]) -> Counter[str]:
    code, out, _ = run(capsys, "plan", "--format", "json")
    assert code == 0, out
    return Counter(change["kind"] for change in json.loads(out)["changes"])


def _apply(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "apply", "--auto-approve")
    assert code == 0, out + err


def _round_trip(capsys: pytest.CaptureFixture[str]) -> list[Counter[str]]:
    """Drive every command that talks to the API; the change kinds of each applied plan."""
    folder = Path("interviews")
    _edit(folder / "sql-skills-assessment.yaml", "status: draft", "status: active")
    applied = [_kinds(capsys)]  # creates: own questions and generated
    _apply(capsys)
    _edit(folder / "customer-support-specialist.yaml", "duration: 90", "duration: 75")  # update
    _edit(folder / "senior-backend-engineer.yaml", "status: active", "status: draft")  # set_state
    _edit(folder / "vertriebsmitarbeiter-innendienst.yaml",
          "mojito_language_code: de", "mojito_language_code: en")  # recreate  # fmt: skip
    # changed questions of an active interview with an offline template: draft, update,
    # active
    _edit(folder / "sql-skills-assessment.yaml", "second highest order", "third highest order")
    (folder / "returns-policy-verification.yaml").unlink()  # archive
    applied.append(_kinds(capsys))
    _apply(capsys)
    assert run(capsys, "import", "--adopt")[0] == 0  # the interviews seeded unmarked
    applied.append(_kinds(capsys))  # adopt
    _apply(capsys)
    assert run(capsys, "plan", "--refresh-only")[0] == 0
    assert run(capsys, "pull", "senior-backend-engineer")[0] == 0
    assert run(capsys, "show", "customer-support-specialist")[0] == 0
    invite = ("invite", "sql-skills-assessment", "--name", "Ana", "--email", "ana@example.com")
    assert run(capsys, *invite, "--external-id", "c-1", "--send-email")[0] == 0
    assert run(capsys, "templates")[0] == 0
    return applied


def test_every_request_sent_matches_the_spec_strictly(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    openapi_spec: dict[str, Any],
) -> None:
    emulator = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    seed_account(emulator)  # unmarked interviews, for import and adopt
    seeding = len(emulator.requests)
    recorder = Recorder(emulator)
    serve_every_command(monkeypatch, recorder.handle)

    applied = _round_trip(capsys)

    assert applied[0] == {"create": 5}
    assert set(applied[1]) == {"update", "set_state", "recreate", "archive"}
    assert set(applied[2]) == {"adopt"}
    assert len(recorder.sent) == len(emulator.requests) - seeding  # none went around it
    assert {sent.path for sent in recorder.sent} >= EVERY_ENDPOINT
    states = [s.body["status"] for s in recorder.sent if s.path == "/job-interview-set-state"]
    assert {"draft", "active", "archived"} <= set(states)
    problems = []
    for sent in recorder.sent:
        try:
            _validate(openapi_spec, sent)
        except AssertionError as problem:
            problems.append(str(problem))
    assert not problems, "\n".join(sorted(set(problems)))


def _validate(spec: dict[str, Any], sent: Sent) -> None:
    if sent.method == "GET":
        assert sent.body is None, f"GET {sent.path} sent a body"
        repeated = [name for name, count in Counter(n for n, _ in sent.query).items() if count > 1]
        assert not repeated, f"GET {sent.path} repeats query parameters {repeated}"
        validate_query(spec, sent.path, "get", dict(sent.query))
    else:
        assert not sent.query, f"{sent.method} {sent.path} sent a query string"
        validate_request_body(spec, sent.path, sent.method, sent.body, strict=True)


EVERYTHING = """\
name: Everything Analyst
location: Porto
description: Every field the tool can send.
description_long: "## Everything\\n\\nEvery field."
code: EVERY-1
cover_image_url: https://example.com/cover.png
interview_department: Analytics
interview_salary: 40k
interview_available_till: "2030-12-31"
recruiter_profile_id: 5a5e0000-0000-4000-8000-000000000001
tags: [every, field]
status: active
visibility: merchant_public
type: interview
mojito_language_code: en
template: Ava
knowledge_base_store_id: 6b0c0002-0000-4000-8000-000000000001
recording: audio_all
recording_full_session: video_all
result_view: advanced
candidate_video_introduction: optional
interview_conversation_speed: slower
max_followups: 2
max_duration: 1800
questions_random_subset: 0.5
interview_attempts: 2
custom_scoring: {pass_mark: 60}
required_pronunciation: true
result_enable_edit_transcript: false
candidate_expectations: Clear SQL.
candidate_expectations_json: {weak: [vague], moderate: [ok], strong: [precise]}
pdf_export_auto_config: {mojito_language_code: en, template: modern, transcript: true}
interview_type: second-interview
interview_tone: professional
seniority_level: senior
hiring_for_company: {name: Acme, sector: Retail}
welcome_message: Welcome!
thank_you_message: Thanks!
instructional_video: true
instructional_video_custom_text: Watch this first.
is_embedded: true
disable_deduplication: true
questions:
  - key: joins
    question: Explain a LEFT JOIN.
    duration: 120
    mojito_language_code: en
    label: sql
    is_without_scoring: false
    is_expert: true
    knowledge_base_id: 6b0c0002-0000-4000-8000-000000000002
    external_data: {topic: joins}
    candidate_expectations_json: {weak: [a], moderate: [b], strong: [c]}
  - key: pick
    question: Which is a window function?
    is_multiple_choice: true
    question_alternatives: [ROW_NUMBER, COUNT]
  - key: why
    question: Why that one?
    follows: pick
  - key: ask
    question: What would you like to ask us?
    is_candidate_asking_recruiter: true
"""
GENERATED = """\
name: Everything Generated
location: Remote
mojito_language_code: en
template: Marcus
status: draft
type: interview
visibility: merchant_invite
description: Generated with every generate setting.
generate:
  interview_length: 4
  include_rapport_question: true
  include_closing_prompt: false
  additional_context: {focus: payments}
  use_enhanced_expectations: true
"""
IN_PLACE_EDITS = [
    ("location: Porto", "location: Braga"),
    ("code: EVERY-1", "code: EVERY-2"),
    ("tags: [every, field]", "tags: [every]"),
    ("recording: audio_all", "recording: null"),
    ("max_followups: 2", "max_followups: 3"),
    ("custom_scoring: {pass_mark: 60}", "custom_scoring: {pass_mark: 70}"),
    ("hiring_for_company: {name: Acme, sector: Retail}", "hiring_for_company: {name: undisclosed}"),
    ("is_embedded: true", "is_embedded: false"),
    ("label: sql", "label: sql-joins"),
    ("question: Why that one?", "question: Why exactly that one?"),
]


def test_every_field_the_tool_can_send_matches_the_spec_strictly(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    openapi_spec: dict[str, Any],
) -> None:
    emulator = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=False)
    recorder = Recorder(emulator)
    serve_every_command(monkeypatch, recorder.handle)
    folder = Path("interviews")
    folder.mkdir()
    (folder / "everything.yaml").write_text(EVERYTHING, encoding="utf-8")
    (folder / "everything-generated.yaml").write_text(GENERATED, encoding="utf-8")
    assert run(capsys, "validate")[0] == 0
    _apply(capsys)
    for old, new in IN_PLACE_EDITS:
        _edit(folder / "everything.yaml", old, new)
    assert _kinds(capsys) == {"update": 1}
    _apply(capsys)

    sent_fields = {
        key for sent in recorder.sent if sent.method == "POST" for key in sent.body or {}
    }
    assert {"welcome_message", "additional_context", "hiring_for_company", "is_embedded"} <= (
        sent_fields
    )
    assert _kinds(capsys) == {}
    for sent in recorder.sent:
        _validate(openapi_spec, sent)
