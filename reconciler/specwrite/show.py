"""`show KEY`: one interview's spec beside its live definition, as the planner sees both.

`side_by_side` is pure; `show_interview` reads the specs and the account.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reconciler.config import Settings
from reconciler.errors import InvalidSpecError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.compare import live_fields
from reconciler.plan.compare import values_equal
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import discover_keys
from reconciler.plan.questions import compare_questions
from reconciler.plan.questions import key_live_questions
from reconciler.plan.targets import build_targets
from reconciler.spec.loader import load_specs
from reconciler.spec.model import DesiredInterview
from reconciler.specwrite.lookup import live_for_key
from reconciler.specwrite.lookup import spec_for_key


@dataclass(frozen=True)
class Row:
    """One compared value: a field (spec name) or a question (key), on both sides."""

    name: str
    spec: Any
    live: Any
    differs: bool

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "spec": self.spec, "live": self.live, "differs": self.differs}


@dataclass(frozen=True)
class SideBySide:
    key: str
    live_id: str
    fields: tuple[Row, ...]
    questions: tuple[Row, ...]
    questions_managed: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "live_id": self.live_id,
            "fields": [row.to_dict() for row in self.fields],
            "questions": [row.to_dict() for row in self.questions],
            "questions_managed": self.questions_managed,
        }


def show_interview(spec_path: Path, key: str, client: ApiReader, settings: Settings) -> SideBySide:
    interview = spec_for_key(load_specs(spec_path), key)
    account = discover_keys(client, [interview], settings.namespace)
    live = live_for_key(account.interviews, settings.namespace, key)
    return side_by_side(interview, live, account.templates, settings.namespace)


def side_by_side(
    interview: DesiredInterview,
    live: LiveInterview,
    templates: Sequence[Template],
    namespace: str,
) -> SideBySide:
    """Every compared field and question, normalised the way the planner compares them."""
    targets, problems = build_targets([interview], templates, namespace)
    if problems:
        raise InvalidSpecError(problems)
    wanted = targets[0].fields
    current = live_fields(live.definition, wanted)
    fields = tuple(
        Row(name, wanted[name], current[name], not values_equal(name, wanted[name], current[name]))
        for name in wanted
    )
    questions = _question_rows(interview, live.definition)
    return SideBySide(interview.key, live.id, fields, questions, interview.questions is not None)


def _question_rows(interview: DesiredInterview, definition: Mapping[str, Any]) -> tuple[Row, ...]:
    items = [item for item in definition.get("questions") or () if isinstance(item, Mapping)]
    desired = interview.questions or ()
    keyed = key_live_questions(items, desired)
    changed = {change.key for change in compare_questions(desired, keyed)}
    live_text = {question.key: question.text for question in keyed}
    rows = [
        Row(
            q.key,
            q.text,
            live_text.get(q.key),
            q.key in changed and interview.questions is not None,
        )
        for q in desired
    ]
    wanted = {q.key for q in desired}
    managed = interview.questions is not None
    rows.extend(Row(q.key, None, q.text, managed) for q in keyed if q.key not in wanted)
    return tuple(rows)
