"""Wording shared by the text and markdown renderers. Pure: no I/O."""

from __future__ import annotations

import json
from typing import Any

from reconciler.plan.compare import COMPARED_BY_SPEC
from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.plan.questions import is_position_key
from reconciler.registry import How

SYMBOLS: dict[Kind, str] = {
    Kind.CREATE: "+",
    Kind.UPDATE: "~",
    Kind.ADOPT: "~",
    Kind.RECREATE: "-/+",
    Kind.SET_STATE: "->",
    Kind.ARCHIVE: "-",
}
QUESTION_SYMBOLS: dict[QuestionOp, str] = {
    QuestionOp.ADDED: "+",
    QuestionOp.REMOVED: "-",
    QuestionOp.CHANGED: "~",
    QuestionOp.MOVED: "↕",
}
NO_CHANGES = "No changes. The account matches the spec files."
DRIFT_TAG = "(changed in JobMojito)"
FORCES_TAG = "(forces recreate)"
SHORT_VALUE = 80
PREEXISTING_HEADING = "Already pending before this change (not from this pull request):"
PREEXISTING_WHY = (
    "The specs before this change would make these changes too: drift in JobMojito, "
    "or an earlier merge not applied yet. Apply makes them all the same."
)


def split_preexisting(plan: Plan) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    """The plan's changes made by the change under review, and those already pending."""
    pending = set(plan.preexisting)
    return (
        tuple(change for change in plan.changes if change.key not in pending),
        tuple(change for change in plan.changes if change.key in pending),
    )


def summary_line(plan: Plan) -> str:
    """`Plan: N to create, ...`; adoptions count as updates."""
    updates = plan.count(Kind.UPDATE) + plan.count(Kind.ADOPT)
    return (
        f"Plan: {plan.count(Kind.CREATE)} to create, {updates} to update, "
        f"{plan.count(Kind.RECREATE)} to recreate, {plan.count(Kind.SET_STATE)} to change state, "
        f"{plan.count(Kind.ARCHIVE)} to archive."
    )


def value_text(value: Any, limit: int = SHORT_VALUE) -> str:
    """A value as JSON (strings quoted), cut to `limit` characters with "..."."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_multiline(before: Any, after: Any) -> bool:
    """Both sides are text and one spans lines: worth a word diff rather than two values."""
    both_text = isinstance(before, str) and isinstance(after, str)
    return both_text and ("\n" in before or "\n" in after)


def field_tags(change: Change, field: FieldChange) -> list[str]:
    """What a field line says besides its values: drift, and whether it forces a recreate."""
    tags = [DRIFT_TAG] if field.drift else []
    compared = COMPARED_BY_SPEC.get(field.field)
    immutable = compared is not None and compared.how is How.RECREATE_IMMUTABLE
    if change.kind is Kind.RECREATE and immutable:
        tags.append(FORCES_TAG)
    return tags


def question_label(question: QuestionChange) -> str:
    """`question 3 (key "why-us")`, numbered from 1 where it will be (where it was, if
    removed); a question made in JobMojito has no key to name, only that origin."""
    index = question.before_index if question.op is QuestionOp.REMOVED else question.after_index
    if question.made_in_app:
        return f"question {_number(index)} (made in JobMojito)"
    if is_position_key(question.key):  # an API that keeps no keys: known by its place only
        return f"question {_number(index)} (no key)"
    return f"question {_number(index)} (key {json.dumps(question.key, ensure_ascii=False)})"


def shown_fields(change: Change) -> tuple[FieldChange, ...]:
    """The field changes worth a line: a state change's reason already says its status."""
    if change.kind is Kind.SET_STATE:
        return tuple(field for field in change.fields if field.field != "status")
    return change.fields


def moved_text(question: QuestionChange) -> str:
    return f"moved {_number(question.before_index)} -> {_number(question.after_index)}"


def _number(index: int | None) -> str:
    return "?" if index is None else str(index + 1)
