"""Compare one desired interview with the live interview that carries its marker. Pure.

The result is the Change (or None) for that pair: recreate when a create-only or immutable
input differs, else update / set_state with the fields and questions that differ.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace
from typing import Any

from reconciler.live import LiveInterview
from reconciler.plan import requests
from reconciler.plan.compare import COMPARED_BY_SPEC
from reconciler.plan.compare import QuestionReads
from reconciler.plan.compare import live_fields
from reconciler.plan.compare import live_form
from reconciler.plan.compare import project_live
from reconciler.plan.compare import question_reads
from reconciler.plan.compare import values_equal
from reconciler.plan.markers import Markers
from reconciler.plan.markers import changed_fields
from reconciler.plan.markers import read_markers
from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import Step
from reconciler.plan.questions import LiveQuestion
from reconciler.plan.questions import compare_questions
from reconciler.plan.questions import key_live_questions
from reconciler.plan.sync import DEFAULT_QUESTION_NAMES
from reconciler.plan.sync import QUESTIONS
from reconciler.plan.sync import base_of
from reconciler.plan.sync import names_in
from reconciler.plan.sync import part_hash
from reconciler.plan.sync import questions_hash
from reconciler.plan.sync import recorded_parts
from reconciler.plan.sync import sync_base
from reconciler.plan.sync import unchanged_parts
from reconciler.plan.targets import DesiredTarget
from reconciler.registry import OFFLINE_TEMPLATE_TYPES
from reconciler.registry import QUESTION_FIELDS
from reconciler.registry import UNMANAGED
from reconciler.registry import How


@dataclass(frozen=True)
class Comparison:
    """Everything that differs between one desired and one live interview."""

    fields: tuple[FieldChange, ...]
    questions: tuple[QuestionChange, ...]
    recreate_because: tuple[str, ...]
    drift: bool
    markers_differ: bool

    @property
    def in_place(self) -> tuple[FieldChange, ...]:
        return tuple(change for change in self.fields if change.field != "status")

    @property
    def status(self) -> FieldChange | None:
        return next((change for change in self.fields if change.field == "status"), None)

    @property
    def score(self) -> int:
        """How far apart the two are (for choosing among duplicates): lower is closer."""
        return 100 * len(self.recreate_because) + len(self.fields) + len(self.questions)


def compare(target: DesiredTarget, live: LiveInterview) -> Comparison:
    wanted = target.fields
    current = live_fields(live.definition, wanted)
    fields = _field_changes(wanted, current)
    keyed = _live_questions(target, live)
    live_forms = None if keyed is None else _live_forms(target, keyed)
    questions: tuple[QuestionChange, ...] = ()
    if keyed is not None:
        desired = target.interview.questions or ()
        questions = compare_questions(desired, keyed, target.question_forms, live_forms)
    found = read_markers(live.tags)
    recreate = _recreate_reasons(target, fields, found)
    synced = _synced(keyed, live_forms)
    drift = _drifted(target, live, found, current, synced)
    if drift and found is not None and found.sync is not None:
        drift = _pending(target, live, found.sync, current, synced)
        if fields or questions:
            fields, questions = _tell_drift(target, found.sync, current, synced, fields, questions)
    markers_differ = found is None or _marker_state(found) != _marker_state(target.markers)
    if not fields and not questions and found is not None and found.sync != target.markers.sync:
        # Nothing to change, but the marker still records other content as last applied
        # (drift the spec has taken in): only recording it lets the next drift be told.
        markers_differ = True
    return Comparison(fields, questions, recreate, drift, markers_differ)


def _field_changes(
    wanted: Mapping[str, Any], current: Mapping[str, Any]
) -> tuple[FieldChange, ...]:
    """The fields whose values differ."""
    return tuple(
        FieldChange(name, project_live(name, wanted[name], current[name]), wanted[name])
        for name in wanted
        if not values_equal(name, wanted[name], current[name])
    )


def _tell_drift(
    target: DesiredTarget,
    recorded: str,
    current: Mapping[str, Any],
    synced: list[list[Any]] | None,
    fields: tuple[FieldChange, ...],
    questions: tuple[QuestionChange, ...],
) -> tuple[tuple[FieldChange, ...], tuple[QuestionChange, ...]]:
    """The changes with those made in JobMojito marked as drift: a field whose live value
    differs from the one last applied, never merely from the spec's.

    `current` holds the live values of the spec's fields, `synced` the live questions as a
    sync marker hashes them. The questions are one part: their changes are drift when the
    live questions moved and the spec's did not (when both did, no question can be told).
    """
    parts = recorded_parts(recorded)
    if parts is None:
        # A marker without parts: drift can be told field by field only when the spec is
        # as last applied, so that every difference was made in JobMojito.
        if base_of(recorded) != base_of(target.markers.sync or ""):
            return fields, questions
        return _as_drift(fields), tuple(replace(q, fields=_as_drift(q.fields)) for q in questions)
    fields = tuple(
        replace(change, drift=True) if _moved(parts, change.field, current) else change
        for change in fields
    )
    last = parts.get(QUESTIONS)
    if questions and last is not None and synced is not None:
        spec_kept = QUESTIONS in (unchanged_parts(recorded, target.markers.sync or "") or ())
        if spec_kept and questions_hash(synced) != last:
            questions = tuple(replace(q, fields=_as_drift(q.fields)) for q in questions)
    return fields, questions


def _pending(
    target: DesiredTarget,
    live: LiveInterview,
    recorded: str,
    current: Mapping[str, Any],
    synced: list[list[Any]] | None,
) -> bool:
    """Of drifted content (its hash is not the recorded one): True unless every part that
    moved away from the value last applied now holds the spec's value, drift the spec has
    taken in (its changes are then the spec's own). A marker without parts cannot tell.
    """
    parts = recorded_parts(recorded)
    own = recorded_parts(target.markers.sync or "")
    if parts is None or own is None:
        return True
    moved = False
    for name, last in parts.items():
        if name == QUESTIONS:
            if synced is None:
                return True  # the questions are no longer managed: cannot be read alike
            now = questions_hash(synced)
        else:
            value = current[name] if name in current else live_fields(live.definition, [name])[name]
            now = part_hash(name, value)
        if now != last:
            moved = True
            if own.get(name) != now:
                return True
    return not moved  # nothing moved part by part: the parts cannot tell what did


def _moved(parts: Mapping[str, str], name: str, current: Mapping[str, Any]) -> bool:
    """True when the live value of `name` differs from the one last applied (a field the
    marker did not cover has no value last applied: not drift)."""
    last = parts.get(name)
    return last is not None and part_hash(name, current[name]) != last


def _as_drift(fields: tuple[FieldChange, ...]) -> tuple[FieldChange, ...]:
    return tuple(replace(change, drift=True) for change in fields)


def _drifted(
    target: DesiredTarget,
    live: LiveInterview,
    found: Markers | None,
    current: Mapping[str, Any],
    questions: list[list[Any]] | None,
) -> bool:
    """True when the live content moved away from what the last apply recorded.

    `current` holds the live values of the fields the spec manages, `questions` the live
    questions as a sync marker hashes them.
    """
    if found is None or found.sync is None:
        return False
    names = names_in(found.sync)
    if names is None:
        return False
    if current.keys() != set(names):
        current = live_fields(live.definition, names)
    return base_of(found.sync) != sync_base(current, questions)


def _synced(
    keyed: Sequence[LiveQuestion] | None, live_forms: Sequence[Mapping[str, Any]] | None
) -> list[list[Any]] | None:
    """The live questions as a sync marker hashes them."""
    if keyed is None or live_forms is None:
        return None
    return [[q.key, form] for q, form in zip(keyed, live_forms, strict=True)]


def _live_forms(target: DesiredTarget, keyed: Sequence[LiveQuestion]) -> list[dict[str, Any]]:
    """The comparable form of every live question, made once per comparison: read over the
    names a sync marker covers (the defaulted ones and the spec's), which include every
    name the question comparison reads."""
    key_by_id = {question_id: q.key for q in keyed if (question_id := q.id)}
    wanted = target.question_forms
    reads_by_names: dict[tuple[str, ...], QuestionReads] = {}
    forms = []
    for question in keyed:
        names = tuple(wanted.get(question.key, ())) or _names_set(question.item)
        reads = reads_by_names.get(names)
        if reads is None:
            # In the desired form's order (then any default names it lacks).
            reads = question_reads(dict.fromkeys([*names, *DEFAULT_QUESTION_NAMES]))
            reads_by_names[names] = reads
        forms.append(live_form(question.item, reads, _parent(question, key_by_id)))
    return forms


def _names_set(item: Mapping[str, Any]) -> tuple[str, ...]:
    """The names a question the spec no longer has was last applied with, as far as the
    live item tells: the defaulted ones, and those without a default that hold a value.
    Reading it over the defaulted names only would make a question removed from the spec
    look edited in JobMojito (its duration, say, was part of what was applied)."""
    return tuple(
        field.spec
        for field in QUESTION_FIELDS
        if field.default is not UNMANAGED or (field.read and item.get(field.read[0]) is not None)
    )


def _parent(question: LiveQuestion, key_by_id: Mapping[str, str]) -> str | None:
    parent = question.item.get("conditional_question_main_id")
    if not question.item.get("is_conditional") or not parent:
        return None
    return key_by_id.get(str(parent), str(parent))


def _live_questions(target: DesiredTarget, live: LiveInterview) -> list[LiveQuestion] | None:
    if target.interview.questions is None:
        return None  # `generate:` without questions: the questions are not managed
    items = [item for item in live.definition.get("questions") or () if isinstance(item, Mapping)]
    ours = read_markers(live.tags) is not None  # its questions were written with their keys
    return key_live_questions(items, target.interview.questions, written_with_keys=ours)


def _recreate_reasons(
    target: DesiredTarget, fields: tuple[FieldChange, ...], found: Markers | None
) -> tuple[str, ...]:
    reasons = [
        f"{change.field} changed: the API cannot change it in place"
        for change in fields
        if COMPARED_BY_SPEC[change.field].how is How.RECREATE_IMMUTABLE
    ]
    if found is None:
        return tuple(reasons)  # adoption: the create-only inputs were never recorded
    for recorded, values, own in (
        (found.fingerprint, target.create_only, target.markers.fingerprint),
        (found.generate, target.generate_inputs, target.markers.generate),
    ):
        if recorded is None or values is None or recorded == own:
            continue  # the spec's own marker: the same per-field hashes, none differs
        changed = changed_fields(recorded, values) or ()
        reasons.extend(
            f"{name} changed: it is create-only (the API cannot read or change it in place)"
            for name in changed
        )
    return tuple(reasons)


def _marker_state(markers: Markers) -> tuple[Any, ...]:
    return (markers.namespace, markers.key, markers.fingerprint, markers.generate, markers.protect)


def update_steps(target: DesiredTarget, live: LiveInterview, found: Comparison) -> tuple[Step, ...]:
    """Steps for an in-place change: update, state, and the draft/active dance if needed."""
    live_ids = _live_ids(target, live) if found.questions else None
    changed = [change.field for change in found.in_place]
    body = requests.update_body(
        target.interview, changed, target.template_id, target.markers, live_ids
    )
    update = Step(Action.UPDATE, body, live.id)
    status = found.status
    current_status = live.status
    final_status = str(status.after) if status else current_status
    if found.questions and current_status == "active" and _offline(target, live):
        middle = [Step(Action.SET_STATE, {"status": "draft"}, live.id), update]
        return (*middle, Step(Action.SET_STATE, {"status": final_status}, live.id))
    steps = [update]
    if status is not None:
        steps.append(Step(Action.SET_STATE, {"status": final_status}, live.id))
    return tuple(steps)


def state_steps(target: DesiredTarget, live: LiveInterview, status: str) -> tuple[Step, ...]:
    """set-state, then refresh the markers so the sync fingerprint matches the new status."""
    tags = requests.update_body(target.interview, (), target.template_id, target.markers, None)
    return (
        Step(Action.SET_STATE, {"status": status}, live.id),
        Step(Action.UPDATE, tags, live.id),
    )


def embed_step(target: DesiredTarget, live: LiveInterview) -> Step | None:
    found = read_markers(live.tags)
    was = bool(found and found.embedded)
    if was == target.markers.embedded:
        return None
    return Step(Action.SET_STATE, {"is_embedded": target.markers.embedded}, live.id)


def _offline(target: DesiredTarget, live: LiveInterview) -> bool:
    types = {target.template_type, live.definition.get("interview_template_type")}
    return bool(types & OFFLINE_TEMPLATE_TYPES)


def _live_ids(target: DesiredTarget, live: LiveInterview) -> dict[str, str]:
    keyed = _live_questions(target, live) or []
    return {question.key: question.id for question in keyed if question.id}


def make_update_change(
    target: DesiredTarget, live: LiveInterview, found: Comparison, kind: Kind, reason: str
) -> Change:
    steps = list(update_steps(target, live, found))
    embed = embed_step(target, live)
    if embed is not None:
        steps.append(embed)
    return Change(
        kind=kind,
        key=target.key,
        name=target.name,
        reason=reason,
        live_id=live.id,
        file=target.interview.file,
        fields=found.fields,
        questions=found.questions,
        steps=tuple(steps),
        drift=found.drift,
    )
