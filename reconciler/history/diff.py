"""History, the pure part: what changed between two versions of one interview spec.

Questions are matched by key; question text changes carry a word-level diff (difflib
over word, space and punctuation tokens, so spacing is kept). Pure: no I/O.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import Final
from typing import Literal

from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion

Op = Literal["equal", "delete", "insert"]
_TOKEN: Final = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Segment:
    """A run of text that is unchanged, removed or added."""

    op: Op
    text: str


@dataclass(frozen=True)
class FieldChange:
    """An interview (or question) value before and after; None when absent."""

    name: str
    before: Any
    after: Any


@dataclass(frozen=True)
class QuestionChange:
    """One question added, removed, moved or changed (text diff and/or other fields)."""

    key: str
    kind: Literal["added", "removed", "changed", "moved"]
    text: tuple[Segment, ...] = ()
    fields: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class InterviewChange:
    """One interview added, removed or changed by a commit."""

    key: str
    file: str
    kind: Literal["added", "removed", "changed"]
    fields: tuple[FieldChange, ...] = ()
    questions: tuple[QuestionChange, ...] = ()


def word_diff(old: str, new: str) -> tuple[Segment, ...]:
    """The word-level difference of two texts; adjacent runs of one kind are merged."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    segments: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            segments.append(Segment("equal", "".join(before[i1:i2])))
            continue
        if i2 > i1:
            segments.append(Segment("delete", "".join(before[i1:i2])))
        if j2 > j1:
            segments.append(Segment("insert", "".join(after[j1:j2])))
    return tuple(segments)


def _field_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[FieldChange, ...]:
    names = sorted(set(before) | set(after))
    return tuple(
        FieldChange(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    )


def _question_change(old: DesiredQuestion, new: DesiredQuestion) -> QuestionChange | None:
    others = {name: value for name, value in old.values.items() if name != "question"}
    new_others = {name: value for name, value in new.values.items() if name != "question"}
    if old.follows != new.follows:
        others["follows"], new_others["follows"] = old.follows, new.follows
    fields = _field_changes(others, new_others)
    text = word_diff(old.text, new.text) if old.text != new.text else ()
    if not fields and not text:
        return None
    return QuestionChange(new.key, "changed", text, fields)


def _moved_keys(before: list[str], after: list[str]) -> set[str]:
    """Keys kept by both versions whose relative order changed."""
    kept = set(before) & set(after)
    old_order = [key for key in before if key in kept]
    new_order = [key for key in after if key in kept]
    matcher = difflib.SequenceMatcher(None, old_order, new_order, autojunk=False)
    in_place = {key for block in matcher.get_matching_blocks() for key in
                old_order[block.a : block.a + block.size]}  # fmt: skip
    return kept - in_place


def diff_questions(
    before: tuple[DesiredQuestion, ...], after: tuple[DesiredQuestion, ...]
) -> tuple[QuestionChange, ...]:
    """Removed questions first, then added, changed and moved ones in the new order."""
    old = {question.key: question for question in before}
    new = {question.key: question for question in after}
    moved = _moved_keys(list(old), list(new))
    changes = [QuestionChange(key, "removed", word_diff(q.text, "")) for key, q in old.items()
               if key not in new]  # fmt: skip
    for key, question in new.items():
        if key not in old:
            changes.append(QuestionChange(key, "added", word_diff("", question.text)))
            continue
        changed = _question_change(old[key], question)
        if changed is not None:
            changes.append(changed)
        elif key in moved:
            changes.append(QuestionChange(key, "moved"))
    return tuple(changes)


def diff_interview(
    before: DesiredInterview | None, after: DesiredInterview | None
) -> InterviewChange | None:
    """What a commit changed in one interview; None when nothing managed changed."""
    if before is None and after is None:
        return None
    current = after if after is not None else before
    assert current is not None
    kind: Literal["added", "removed", "changed"] = (
        "added" if before is None else "removed" if after is None else "changed"
    )
    fields = _field_changes(
        _interview_values(before) if before is not None else {},
        _interview_values(after) if after is not None else {},
    )
    questions = diff_questions(_questions(before), _questions(after))
    if kind == "changed" and not fields and not questions:
        return None
    return InterviewChange(current.key, current.file, kind, fields, questions)


def _interview_values(interview: DesiredInterview) -> dict[str, Any]:
    values = dict(interview.values)
    for name in ("template", "protect", "import_id"):
        value = getattr(interview, name)
        if value not in (None, False):
            values[name] = value
    return values


def _questions(interview: DesiredInterview | None) -> tuple[DesiredQuestion, ...]:
    if interview is None or interview.questions is None:
        return ()
    return interview.questions
