"""Question-by-question comparison of a spec against a live interview. Pure.

Questions are matched by key: the spec's question key is sent as `external_id`, so a live
question's `external_id` is its key. Live questions without it (made by hand, generated,
or keyed by another name) are matched by identical text, and the key is then stamped on
them as a change of their own, so that the next apply sends it.

When questions were written with their keys (the interview carries our markers) and no
live question carries an `external_id` at all, the API is one that does not keep them:
stamping keys would be planned again after every apply. Such questions are paired by
identical text, then by position, and no key is stamped.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from typing import NamedTuple

from reconciler.plan.compare import FOLLOWS
from reconciler.plan.compare import desired_question
from reconciler.plan.compare import live_question
from reconciler.plan.compare import plain
from reconciler.plan.compare import values_equal
from reconciler.plan.model import FieldChange
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.spec.model import DesiredQuestion

KEY = "key"  # a question change that stamps the spec's key on the live question


class LiveQuestion(NamedTuple):
    """A live question item with the key it is known by in this comparison."""

    key: str
    item: Mapping[str, Any]
    keyless: bool = False  # no live question of the interview carries an external_id

    @property
    def id(self) -> str | None:
        value = self.item.get("id")
        return str(value) if value else None

    @property
    def text(self) -> str:
        return str(self.item.get("question") or "")

    @property
    def external_id(self) -> str | None:
        value = self.item.get("external_id")
        return str(value) if value else None

    @property
    def made_in_app(self) -> bool:
        """No key of ours, on an API that keeps them: added or rewritten in JobMojito."""
        return self.external_id is None and not self.keyless


def key_live_questions(
    items: Sequence[Mapping[str, Any]],
    desired: Sequence[DesiredQuestion],
    *,
    written_with_keys: bool = False,
) -> list[LiveQuestion]:
    """Give every live question a key: its external_id when the spec has that key, else the
    key of a spec question with identical text that no other live question claims (texts
    repeated in both lists pair up in order), else its external_id or its position.

    When the questions were `written_with_keys` and none has an external_id, questions
    that text does not pair take the key of the spec question at their position, if no
    other live question took it."""
    if written_with_keys and items and not any(item.get("external_id") for item in items):
        return _key_by_text_and_position(items, desired)
    wanted = {question.key for question in desired}
    claimed = {str(item["external_id"]) for item in items if item.get("external_id")} & wanted
    by_text: dict[str, list[str]] = {}
    for question in desired:
        if question.key not in claimed:
            by_text.setdefault(question.text, []).append(question.key)
    keyed: list[LiveQuestion] = []
    for index, item in enumerate(items):
        external = str(item.get("external_id") or "")
        if external in claimed:
            keyed.append(LiveQuestion(external, item))
            continue
        matches = by_text.get(str(item.get("question") or ""))
        key = matches.pop(0) if matches else external or position_key(index)
        keyed.append(LiveQuestion(key, item))
    return keyed


def _key_by_text_and_position(
    items: Sequence[Mapping[str, Any]], desired: Sequence[DesiredQuestion]
) -> list[LiveQuestion]:
    by_text: dict[str, list[str]] = {}
    for question in desired:
        by_text.setdefault(question.text, []).append(question.key)
    keys: list[str | None] = []
    for item in items:
        matches = by_text.get(str(item.get("question") or ""))
        keys.append(matches.pop(0) if matches else None)
    taken = {key for key in keys if key is not None}
    keyed: list[LiveQuestion] = []
    for index, (item, key) in enumerate(zip(items, keys, strict=True)):
        if key is None:
            at = desired[index].key if index < len(desired) else None
            key = at if at is not None and at not in taken else position_key(index)
            taken.add(key)
        keyed.append(LiveQuestion(key, item, keyless=True))
    return keyed


def position_key(index: int) -> str:
    """The key of a live question known only by its place: `#3` for the third."""
    return f"#{index + 1}"


def is_position_key(key: str) -> bool:
    """True for a key made by position_key (spec keys cannot start with `#`)."""
    return key.startswith("#") and key[1:].isdigit()


def compare_questions(
    desired: Sequence[DesiredQuestion],
    live: Sequence[LiveQuestion],
    forms: Mapping[str, Mapping[str, Any]] | None = None,
    live_forms: Sequence[Mapping[str, Any]] | None = None,
) -> tuple[QuestionChange, ...]:
    """Added, removed, moved and changed questions, in desired order (removed last).

    `forms` may hold the desired questions' comparable forms by key, and `live_forms` the
    live questions' (in `live` order, over at least the desired names), already made.
    """
    side = _LiveSide.of(live, live_forms)
    moved = _moved_keys([question.key for question in desired], [q.key for q in live])
    changes = [
        change
        for index, question in enumerate(desired)
        if (change := _compare_one(question, index, side, forms or {}, moved)) is not None
    ]
    wanted = {question.key for question in desired}
    changes += [
        _removed(current, index) for index, current in enumerate(live) if current.key not in wanted
    ]
    return tuple(changes)


def _removed(current: LiveQuestion, index: int) -> QuestionChange:
    return QuestionChange(
        QuestionOp.REMOVED, current.key, current.text, index, None, made_in_app=current.made_in_app
    )


def added_fields(question: DesiredQuestion) -> tuple[FieldChange, ...]:
    """What a reviewer needs of a question about to be added besides its text: its
    parent (`follows`), then every other value the spec sets, as `None -> value`."""
    parent = () if question.follows is None else (FieldChange(FOLLOWS, None, question.follows),)
    values = tuple(
        FieldChange(name, None, plain(value))
        for name, value in question.values.items()
        if name != "question"
    )
    return (*parent, *values)


@dataclass(frozen=True)
class _LiveSide:
    """The live questions indexed the ways a comparison looks them up."""

    by_key: Mapping[str, LiveQuestion]
    forms: Mapping[str, Mapping[str, Any]]
    key_by_id: Mapping[str, str]
    position: Mapping[str, int]  # a key's first index in the live order

    @classmethod
    def of(
        cls, live: Sequence[LiveQuestion], live_forms: Sequence[Mapping[str, Any]] | None
    ) -> _LiveSide:
        position: dict[str, int] = {}
        for index, question in enumerate(live):
            position.setdefault(question.key, index)
        forms = (
            {} if live_forms is None else dict(zip((q.key for q in live), live_forms, strict=True))
        )
        return cls(
            by_key={question.key: question for question in live},
            forms=forms,
            key_by_id={question_id: q.key for q in live if (question_id := q.id)},
            position=position,
        )


def _compare_one(
    question: DesiredQuestion,
    index: int,
    side: _LiveSide,
    forms: Mapping[str, Mapping[str, Any]],
    moved: set[str],
) -> QuestionChange | None:
    current = side.by_key.get(question.key)
    if current is None:
        fields = added_fields(question)
        return QuestionChange(QuestionOp.ADDED, question.key, question.text, None, index, fields)
    form = forms.get(question.key) or desired_question(question)
    live_form = side.forms.get(question.key)
    fields = _field_changes(question, form, current, side.key_by_id, live_form)
    before = side.position[question.key]
    if fields:
        return QuestionChange(
            QuestionOp.CHANGED, question.key, question.text, before, index, fields
        )
    if question.key in moved:
        return QuestionChange(QuestionOp.MOVED, question.key, question.text, before, index)
    return None


def _field_changes(
    question: DesiredQuestion,
    desired: Mapping[str, Any],
    current: LiveQuestion,
    key_by_id: Mapping[str, str],
    live: Mapping[str, Any] | None = None,
) -> tuple[FieldChange, ...]:
    if live is None:
        parent_id = current.item.get("conditional_question_main_id")
        conditional = bool(current.item.get("is_conditional")) and parent_id
        parent_key = key_by_id.get(str(parent_id), str(parent_id)) if conditional else None
        live = live_question(current.item, desired, parent_key)
    changes = _value_changes(desired, live)
    if current.external_id != question.key and not current.keyless:
        # Matched by text (made by hand, generated, or keyed differently): the next update
        # sends the key as external_id, so that later plans match by key.
        changes.append(FieldChange(KEY, current.external_id, question.key))
    return tuple(changes)


def _value_changes(desired: Mapping[str, Any], live: Mapping[str, Any]) -> list[FieldChange]:
    return [
        FieldChange(name, live[name], desired[name])
        for name in _ordered(desired)
        if not values_equal(name, desired[name], live[name])
    ]


def _ordered(desired: Mapping[str, Any]) -> list[str]:
    """Text first, then the other attributes in registry order, `follows` last."""
    names = [name for name in desired if name not in ("question", FOLLOWS)]
    return ["question", *names, FOLLOWS]


def _moved_keys(desired_keys: Sequence[str], live_keys: Sequence[str]) -> set[str]:
    """Keys present on both sides that are outside the longest common ordering."""
    common = set(desired_keys) & set(live_keys)
    wanted = [key for key in desired_keys if key in common]
    current = [key for key in live_keys if key in common]
    matcher = difflib.SequenceMatcher(a=current, b=wanted, autojunk=False)
    in_order = {
        key
        for block in matcher.get_matching_blocks()
        for key in wanted[block.b : block.b + block.size]
    }
    return common - in_order
