"""`plan --refresh-only`: write live values back into the spec files. Never writes to the API.

`refreshed_text` is pure (one spec's text, the planned change, the live interview -> new
text); `refresh_specs` reads the account and the files and rewrites the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reconciler.config import Settings
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import discover
from reconciler.plan.model import Change
from reconciler.plan.model import Kind
from reconciler.plan.planner import make_plan
from reconciler.plan.questions import key_live_questions
from reconciler.registry import INTERVIEW_BY_SPEC
from reconciler.spec.keys import is_key
from reconciler.spec.loader import load_spec_text
from reconciler.spec.loader import load_specs
from reconciler.spec.model import DesiredInterview
from reconciler.specwrite.edit import remove_entry
from reconciler.specwrite.edit import set_entries
from reconciler.specwrite.values import live_field_value
from reconciler.specwrite.values import questions_data
from reconciler.specwrite.values import template_value
from reconciler.workflow import plan_settings

# Changes whose live values can be written back: the interview exists and is compared.
REFRESHABLE = (Kind.UPDATE, Kind.SET_STATE)


@dataclass(frozen=True)
class Refreshed:
    """One rewritten spec file and what was written into it."""

    key: str
    file: str
    fields: tuple[str, ...]  # spec names, "questions" when the list was rewritten


@dataclass(frozen=True)
class RefreshReport:
    rewritten: tuple[Refreshed, ...]
    left_alone: tuple[Change, ...]  # creates, recreates, archives, adoptions: not refreshable


def refresh_specs(spec_path: Path, client: ApiReader, settings: Settings) -> RefreshReport:
    """Rewrite every spec whose live interview differs in place, from the live values."""
    desired = load_specs(spec_path)
    account = discover(client)
    plan = make_plan(desired, account, plan_settings(settings))
    by_key = {interview.key: interview for interview in desired}
    by_id = {live.id: live for live in account.interviews}
    rewritten: list[Refreshed] = []
    left_alone: list[Change] = []
    for change in plan.changes:
        live = by_id.get(change.live_id or "")
        if change.kind not in REFRESHABLE or live is None:
            left_alone.append(change)
            continue
        interview = by_key[change.key]
        path = Path(interview.file)
        text = path.read_text(encoding="utf-8")
        new_text, names = refreshed_text(text, interview, change, live, account.templates)
        path.write_text(new_text, encoding="utf-8")
        rewritten.append(Refreshed(change.key, interview.file, names))
    return RefreshReport(tuple(rewritten), tuple(left_alone))


def refreshed_text(
    text: str,
    interview: DesiredInterview,
    change: Change,
    live: LiveInterview,
    templates: Sequence[Template],
) -> tuple[str, tuple[str, ...]]:
    """The spec text with the changed fields (and questions) set to their live values."""
    values: dict[str, Any] = {}
    for field_change in change.fields:
        values.update(_live_entry(field_change.field, interview, live, templates))
    if change.questions and interview.questions is not None:
        values["questions"] = _live_questions(interview, live)
    new_text = set_entries(text, interview.file, values)
    if "interview_template_id" in values and interview.template is not None:
        new_text = remove_entry(new_text, interview.file, "template")
    load_spec_text(new_text, interview.file)  # never leave a file that does not load
    return new_text, tuple(values)


def _live_entry(
    name: str, interview: DesiredInterview, live: LiveInterview, templates: Sequence[Template]
) -> dict[str, Any]:
    value = live_field_value(INTERVIEW_BY_SPEC[name], live.definition)
    if name != "interview_template_id":
        return {name: value}
    spec_name, template = template_value(value, templates)
    if interview.template is None:
        return {"interview_template_id": value}
    return {spec_name: template}


def _live_questions(interview: DesiredInterview, live: LiveInterview) -> list[dict[str, Any]]:
    items = [item for item in live.definition.get("questions") or () if isinstance(item, Mapping)]
    keyed = key_live_questions(items, interview.questions or ())
    known = {str(q.item.get("id")): q.key for q in keyed if is_key(q.key)}
    return questions_data(items, known)
