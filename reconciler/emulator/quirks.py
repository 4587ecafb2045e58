"""Quirks: plausible readings of the real API that its OpenAPI document does not rule out
(DESIGN.md section 11). Each one changes what the emulator stores or answers, so tests can
show that the reconciler stops safely or converges whichever reading is the real one.

    drop-tags                      tags in create and update bodies are not stored
    normalise-tags                 `:` and `/` in stored tags become `-`
    null-external-id               question `external_id` is not stored (reads give null)
    slow-create=SECONDS            a create is stored at once, its answer comes SECONDS later
    preparing-after-create=SECONDS a new interview reads as `preparing` for SECONDS, and a
                                   generated one also reads without questions
    strip-unknown-fields           unknown body fields are ignored instead of refused (422)
    reject-non-uuid-question-ids   question ids in bodies that are not UUIDs are refused (422)
    send-email-by-default          register-users emails candidates when `send_email` is
                                   omitted or null (the spec gives no default)
    refuse-repeat-registration     register-users answers an "Error: ..." row for an email
                                   already registered for the interview, instead of
                                   registering it again ("registers (or updates)")

Pure but for the clock the preparing window reads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Final

from reconciler.emulator import rules
from reconciler.emulator.validation import Rule
from reconciler.emulator.validation import invalid
from reconciler.emulator.validation import is_uuid

QUIRK_NAMES: Final = (
    "drop-tags",
    "normalise-tags",
    "null-external-id",
    "slow-create",
    "preparing-after-create",
    "strip-unknown-fields",
    "reject-non-uuid-question-ids",
    "send-email-by-default",
    "refuse-repeat-registration",
)
_TIMED: Final = frozenset({"slow-create", "preparing-after-create"})
CREATES: Final = frozenset({"/job-interview-create", "/job-interview-create-from-array"})
_GENERATED: Final = "/job-interview-create"
_UPDATE: Final = "/job-interview-update"
_REGISTER: Final = "/job-interview-register-users"
_BODY_RULES: Final[Mapping[str, Mapping[str, Rule]]] = {
    "/job-interview-create": rules.CREATE_BODY,
    "/job-interview-create-from-array": rules.CREATE_FROM_ARRAY_BODY,
    "/job-interview-update": rules.UPDATE_BODY,
    "/job-interview-set-state": rules.SET_STATE_BODY,
    "/job-interview-create-for-candidate-with-token": rules.CANDIDATE_BODY,
    _REGISTER: rules.REGISTER_USERS_BODY,
}


@dataclass(frozen=True)
class Quirks:
    """Which quirks are on; the timed ones carry their seconds (0: off)."""

    drop_tags: bool = False
    normalise_tags: bool = False
    null_external_id: bool = False
    slow_create_s: float = 0.0
    preparing_after_create_s: float = 0.0
    strip_unknown_fields: bool = False
    reject_non_uuid_question_ids: bool = False
    send_email_by_default: bool = False
    refuse_repeat_registration: bool = False  # played by emulator/positions.py


def parse_quirks(values: Iterable[str]) -> Quirks:
    """Quirks from `NAME` or `NAME=SECONDS` words; ValueError names the bad one and the
    choices."""
    chosen: dict[str, Any] = {}
    for value in values:
        name, has_value, seconds = value.strip().partition("=")
        if name not in QUIRK_NAMES:
            raise ValueError(f"unknown quirk {name!r}; choose from {', '.join(QUIRK_NAMES)}")
        attribute = name.replace("-", "_")
        if name in _TIMED:
            chosen[attribute + "_s"] = _seconds(name, seconds if has_value else "")
        elif has_value:
            raise ValueError(f"quirk {name} takes no value (write --quirk {name})")
        else:
            chosen[attribute] = True
    return Quirks(**chosen)


def _seconds(name: str, text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < 3600:
        raise ValueError(f"quirk {name} needs seconds above 0, as in --quirk {name}=2")
    return seconds


@dataclass
class QuirkPlayer:
    """Applies `quirks` around the emulator's endpoint handlers: `body` before a write is
    handled, `answer` after any request, `answer_delay` before a create's answer leaves."""

    quirks: Quirks
    clock: Callable[[], float] = time.monotonic
    _created: dict[str, tuple[float, bool]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def body(self, path: str, body: Any) -> Any:
        """The request body as the quirky API would take it (or a 422 it would answer)."""
        if not isinstance(body, dict):
            return body
        if self.quirks.reject_non_uuid_question_ids:
            _reject_non_uuid_ids(body)
        if self.quirks.strip_unknown_fields and path in _BODY_RULES:
            body = _known_only(body, _BODY_RULES[path])
        if "tags" in body and (self.quirks.drop_tags or self.quirks.normalise_tags):
            body = dict(body)
            if self.quirks.drop_tags:
                del body["tags"]
            elif isinstance(body["tags"], list):
                body["tags"] = [_normalised(tag) for tag in body["tags"]]
        if self.quirks.null_external_id and isinstance(body.get("questions"), list):
            body = {**body, "questions": [_without_external_id(q) for q in body["questions"]]}
        unsaid = path == _REGISTER and body.get("send_email") is None
        if self.quirks.send_email_by_default and unsaid:
            body = {**body, "send_email": True}
        return body

    def answer(self, path: str, query: Mapping[str, str], answer: Any) -> None:
        """Record creates; show interviews inside their preparing window as preparing."""
        window = self.quirks.preparing_after_create_s
        if not window or not isinstance(answer, dict):
            return
        if path in CREATES and "interview_def_set_id" in answer:
            with self._lock:
                self._created[str(answer["interview_def_set_id"])] = (
                    self.clock(),
                    path == _GENERATED,
                )
        elif path == "/job-interview-get":
            self._show_preparing(str(query.get("position_id")), answer)
        elif path == "/merchant-interview-list":
            for item in answer.get("data") or ():
                if isinstance(item, dict) and self._preparing(str(item.get("id"))) is not None:
                    item["status"] = "preparing"

    def answer_delay(self, path: str) -> float:
        return self.quirks.slow_create_s if path in CREATES else 0.0

    def _show_preparing(self, interview_id: str, definition: dict[str, Any]) -> None:
        generated = self._preparing(interview_id)
        if generated is None:
            return
        definition["status"] = "preparing"
        if generated:
            definition["questions"] = []

    def _preparing(self, interview_id: str) -> bool | None:
        """Whether the interview was generated, while it is in its preparing window."""
        with self._lock:
            created = self._created.get(interview_id)
        if created is None or self.clock() - created[0] >= self.quirks.preparing_after_create_s:
            return None
        return created[1]


def _normalised(tag: Any) -> Any:
    return tag.replace(":", "-").replace("/", "-") if isinstance(tag, str) else tag


def _without_external_id(question: Any) -> Any:
    if not isinstance(question, dict):
        return question
    return {key: value for key, value in question.items() if key != "external_id"}


def _reject_non_uuid_ids(body: Mapping[str, Any]) -> None:
    questions = body.get("questions")
    if not isinstance(questions, list):
        return
    for index, question in enumerate(questions):
        if not isinstance(question, dict):
            continue
        for name in ("id", "conditional_question_main_id"):
            value = question.get(name)
            if isinstance(value, str) and not is_uuid(value):
                raise invalid(f"questions[{index}].{name}", "must be a UUID")


def _known_only(body: Mapping[str, Any], fields: Mapping[str, Rule]) -> dict[str, Any]:
    kept: dict[str, Any] = {}
    for key, value in body.items():
        rule = fields.get(key)
        if rule is None:
            continue
        kept[key] = _known_value(value, rule)
    return kept


def _known_value(value: Any, rule: Rule) -> Any:
    if isinstance(value, dict) and rule.fields is not None:
        return _known_only(value, rule.fields)
    if isinstance(value, list) and rule.items is not None:
        return [_known_value(item, rule.items) for item in value]
    return value
