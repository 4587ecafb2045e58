"""The planner: desired x live -> Plan. Pure: takes data, never a client.

Per key, what discovery found decides the change (DESIGN.md section 5):

- nothing live: create (or adopt the interview named by `import_id`), unless a live
  interview of the same type and name is not this key's: the create is then blocked;
- one live interview: compare it (update / set_state / recreate / nothing);
- only archived ones, spec wants active or draft: set the newest one's state back;
- several non-archived: keep the best match, archive the others;
- a marker in our namespace without a spec: archive it (prune).
A non-archived interview wins over archived ones and `import_id` over any marker; the
interviews that lose have their identity retired (markers.retired_tags), so that no
later plan matches them again. A marker naming one of a spec's `previous_keys` is that
spec's (a rename). `preparing` and `completed` interviews are busy: left alone, with a
note. `deleted` interviews count as gone. Interviews without our marker are never touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import replace

from reconciler.errors import InvalidSpecError
from reconciler.errors import Problem
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan import requests
from reconciler.plan.compare import plain
from reconciler.plan.compare_interview import Comparison
from reconciler.plan.compare_interview import compare
from reconciler.plan.compare_interview import make_update_change
from reconciler.plan.compare_interview import state_steps
from reconciler.plan.impact import add_impact
from reconciler.plan.markers import Markers
from reconciler.plan.markers import data_fingerprint
from reconciler.plan.markers import fingerprint
from reconciler.plan.markers import read_markers
from reconciler.plan.markers import retired_tags
from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.plan.model import Step
from reconciler.plan.questions import added_fields
from reconciler.plan.safety import evaluate_safety
from reconciler.plan.targets import DesiredTarget
from reconciler.plan.targets import make_target
from reconciler.plan.targets import resolve_template
from reconciler.plan.targets import template_name
from reconciler.plan.targets import unusable_template
from reconciler.registry import INTERVIEW_FIELDS
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import Location


@dataclass(frozen=True)
class PlanSettings:
    namespace: str
    max_destructive_share: float = 0.30
    min_managed_for_threshold: int = 10
    # Off for a plan made only to compare with another (`plan --base`): a template fixed
    # by the change under review must not fail the plan of the specs before it.
    check_templates: bool = True


@dataclass(frozen=True)
class LiveAccount:
    """What discovery read: every listed interview (with its definition) and the templates."""

    interviews: tuple[LiveInterview, ...]
    templates: tuple[Template, ...]


def make_plan(
    desired: Sequence[DesiredInterview], account: LiveAccount, settings: PlanSettings
) -> Plan:
    """The plan that makes the account's `settings.namespace` match `desired`."""
    return Planner(desired, account.templates, settings).finish(account)


@dataclass(frozen=True)
class _KeyPlan:
    """What one key plans to: its changes, notes and the spec's fingerprint."""

    changes: list[Change]
    notes: list[str]
    fingerprint: str


# Statuses the API documents but a spec cannot ask for: the interview is in the middle of
# something (AI generation, a finished campaign), so the plan leaves it alone.
BUSY_STATUSES = frozenset({"preparing", "completed"})


@dataclass(frozen=True)
class _Context:
    """What planning one key may need to know of the rest of the account."""

    by_id: Mapping[str, LiveInterview]
    by_name: Mapping[str, Sequence[LiveInterview]]
    pruned: frozenset[str]  # ids this plan archives as prunes: no obstacle to a create


class Planner:
    """The specs, their templates resolved once; `finish(account)` makes the plan.

    Targets are made one at a time and dropped once compared: holding thousands of them
    raised a plan's peak memory by a fifth at 5,000 interviews.
    """

    def __init__(
        self,
        desired: Sequence[DesiredInterview],
        templates: Sequence[Template],
        settings: PlanSettings,
    ) -> None:
        resolved = {interview.key: resolve_template(interview, templates) for interview in desired}
        problems = [outcome for outcome in resolved.values() if isinstance(outcome, Problem)]
        if problems:
            raise InvalidSpecError(problems)
        self._desired = {interview.key: interview for interview in desired}
        self._template_of = {
            key: outcome for key, outcome in resolved.items() if not isinstance(outcome, Problem)
        }  # each spec's (template id, template type), resolved once
        # The loader refuses a previous key that is a spec's key or claimed twice; specs
        # read from another revision (`plan --base`) are not checked so, and a spec's own
        # key then still wins.
        self._renamed = {
            old: i.key for i in desired for old in i.previous_keys if old not in self._desired
        }
        self._settings = settings
        self._templates = tuple(templates)
        # Keys planned by `read` as their interview arrived, each with the one live
        # interview it was planned against (None: a second one came, plan it again).
        self._read: dict[str, tuple[LiveInterview, _KeyPlan] | None] = {}
        self._live_fingerprints: dict[str, tuple[LiveInterview, str]] = {}

    def read(self, live: LiveInterview) -> None:
        """Plan ahead with one interview as its definition arrives, while the others are
        still being read: `finish` then keeps the work for each key that turns out to
        have only this interview (the usual case), so planning ends with the reads."""
        key = self._key_of(live)
        if key is None:
            return
        self._live_fingerprints[live.id] = (live, _live_fingerprint(live))
        if key not in self._desired:
            return
        if key in self._read or self._desired[key].import_id:
            self._read[key] = None  # planned with every interview of the key, by `finish`
            return
        # With one interview and no import_id, a key's plan needs nothing of the rest.
        alone = _Context(by_id={}, by_name={}, pruned=frozenset())
        self._read[key] = (live, self._plan_key(key, (live,), alone))

    def finish(self, account: LiveAccount) -> Plan:
        """The plan, given the whole account as discovery returned it (and, earlier, any
        of its interviews to `read`)."""
        owned: dict[str, list[LiveInterview]] = defaultdict(list)
        for live in account.interviews:
            key = self._key_of(live)
            if key is not None:
                owned[key].append(live)
        pruned = frozenset(
            live.id
            for key, lives in owned.items()
            if key not in self._desired
            for live in _pruned(lives)
        )
        context = _Context(
            by_id={live.id: live for live in account.interviews},
            by_name=_by_name(account.interviews),
            pruned=pruned,
        )
        changes: list[Change] = []
        notes: list[str] = []
        desired_fingerprints: dict[str, str] = {}
        for key in self._desired:
            lives = tuple(owned.get(key, ()))
            early = self._read.get(key)
            if early is not None and len(lives) == 1 and lives[0] is early[0]:
                planned = early[1]
            else:
                planned = self._plan_key(key, lives, context)
            changes.extend(planned.changes)
            notes.extend(planned.notes)
            desired_fingerprints[key] = planned.fingerprint
        prunes = []
        for key, lives_of_key in sorted(owned.items()):
            if key not in self._desired:
                prunes.extend(_prune(key, lives_of_key, notes))
        changes.extend(prunes)
        changes = self._rename_hints(changes, prunes, context.by_id)
        changes = [
            add_impact(change, context.by_id.get(change.live_id or "")) for change in changes
        ]
        problems = [problem for change in changes if (problem := self._unusable(change))]
        if problems and self._settings.check_templates:
            raise InvalidSpecError(problems)
        changes = [_template_named(change, self._templates) for change in changes]
        managed = sum(1 for lives in owned.values() for live in lives if live.status != "archived")
        return Plan(
            namespace=self._settings.namespace,
            changes=tuple(changes),
            safety=evaluate_safety(changes, managed, self._settings),
            desired_fingerprints=desired_fingerprints,
            live_fingerprints={
                live.id: self._live_fingerprint(live) for lives in owned.values() for live in lives
            },
            notes=tuple(notes),
        )

    def _live_fingerprint(self, live: LiveInterview) -> str:
        found = self._live_fingerprints.get(live.id)
        return found[1] if found is not None and found[0] is live else _live_fingerprint(live)

    def _unusable(self, change: Change) -> Problem | None:
        """Why the template a change sends cannot be used: checked at plan time, as the
        API would refuse the request only when apply sends it."""
        sent = next(
            (step.body["interview_template_id"] for step in change.steps
             if "interview_template_id" in step.body),
            None,
        )  # fmt: skip
        desired = self._desired.get(change.key)
        if sent is None or desired is None:
            return None
        return unusable_template(desired, str(sent), self._templates)

    def _key_of(self, live: LiveInterview) -> str | None:
        """The spec key `live` belongs to: its marker's key, or the spec that lists that
        key among its previous keys."""
        key = _owner_key(live, self._settings.namespace)
        return None if key is None else self._renamed.get(key, key)

    def _plan_key(self, key: str, lives: tuple[LiveInterview, ...], context: _Context) -> _KeyPlan:
        target = make_target(self._desired[key], self._template_of[key], self._settings.namespace)
        notes: list[str] = []
        changes = _plan_key(target, list(lives), context, notes)
        return _KeyPlan(changes, notes, _desired_fingerprint(target))

    def _rename_hints(
        self, changes: list[Change], prunes: list[Change], by_id: Mapping[str, LiveInterview]
    ) -> list[Change]:
        """Creates that look like a pruned interview under a new key get a hint: the same
        name and questions usually mean a renamed file, which previous_keys keeps in place."""
        pruned_by_name: dict[str, list[Change]] = defaultdict(list)
        for prune in prunes:
            pruned_by_name[_live_name(by_id[prune.live_id or ""])].append(prune)
        hinted = []
        for change in changes:
            namesakes = pruned_by_name.get(change.name)
            if change.kind is Kind.CREATE and namesakes:
                change = self._rename_hint(change, namesakes, by_id)
            hinted.append(change)
        return hinted

    def _rename_hint(
        self, create: Change, namesakes: list[Change], by_id: Mapping[str, LiveInterview]
    ) -> Change:
        desired = self._desired[create.key]
        target = make_target(desired, self._template_of[create.key], self._settings.namespace)
        for prune in namesakes:
            live = by_id[prune.live_id or ""]
            if not compare(target, live).questions:
                hint = (
                    f"looks like a rename: add previous_keys: [{prune.key}] to {desired.file} "
                    f"to keep {live.id} (same id, same links) instead of archiving it"
                )
                return replace(create, warnings=(*create.warnings, hint))
        return create


def _template_named(change: Change, templates: Sequence[Template]) -> Change:
    """The change with templates shown by name: an id says nothing to a reviewer (the
    steps still send the id)."""
    if not any(field.field == "interview_template_id" for field in change.fields):
        return change

    def named(field: FieldChange) -> FieldChange:
        if field.field not in _TEMPLATE_SHOWN:
            return field
        before, after = (template_name(value, templates) for value in (field.before, field.after))
        return replace(field, field=_TEMPLATE_SHOWN[field.field], before=before, after=after)

    return replace(change, fields=tuple(named(field) for field in change.fields))


def _owner_key(live: LiveInterview, namespace: str) -> str | None:
    """The key of `live` when it carries a marker of `namespace` and is not deleted."""
    markers = read_markers(live.tags)
    if markers is None or markers.namespace != namespace or live.status == "deleted":
        return None
    return markers.key


def _by_name(interviews: Sequence[LiveInterview]) -> dict[str, list[LiveInterview]]:
    """Live (not archived, not deleted) interviews by name, from their list items."""
    found: dict[str, list[LiveInterview]] = defaultdict(list)
    for live in interviews:
        if _status_listed(live) not in ("archived", "deleted"):
            found[_live_name(live)].append(live)
    return found


def _status_listed(live: LiveInterview) -> str:
    """The status without decoding an unmarked definition (the list item has it)."""
    return str(live.summary.get("status") or live.status)


def _live_name(live: LiveInterview) -> str:
    return str(live.summary.get("name") or live.definition.get("name") or "")


def _live_type(live: LiveInterview) -> str:
    return str(live.summary.get("type") or live.definition.get("type") or "interview")


def _plan_key(
    target: DesiredTarget,
    lives: list[LiveInterview],
    context: _Context,
    notes: list[str],
) -> list[Change]:
    import_id = target.interview.import_id
    imported = next((live for live in lives if live.id == import_id), None)
    if imported is not None:
        notes.append(f"{target.key}: import_id can be removed; the interview carries its marker")
    elif import_id:  # import_id wins over any marker: the key's marked ones step aside
        changes = _adopt(target, _imported(target, import_id, context), notes)
        reason = f"import_id names {import_id} as this key's interview"
        return changes + _retire_others(target, lives, reason, notes)
    if not lives:
        return _create_unless_taken(target, context, notes)
    keep = imported or _keeper(target, lives)
    changes = _plan_kept(target, keep, notes)
    others = [live for live in lives if live is not keep]
    reason = f"duplicate of {keep.id}: a recreate or a retried create was interrupted; "
    reason += "the closest match is kept"
    return changes + _retire_others(target, others, reason, notes)


def _keeper(target: DesiredTarget, lives: list[LiveInterview]) -> LiveInterview:
    """The key's interview: a non-archived one always wins over archived ones; among
    several non-archived, the closest match; among archived only, the newest."""
    current = [live for live in lives if live.status != "archived"]
    if not current:
        return max(lives, key=_updated_at)
    if len(current) == 1:  # the usual case: nothing to rank, and comparing is the costly part
        return current[0]
    return min(current, key=lambda live: _rank(target, live))


def _plan_kept(target: DesiredTarget, keep: LiveInterview, notes: list[str]) -> list[Change]:
    if _busy(target, keep, notes):
        return []
    if keep.status == "archived" and target.status == "archived":
        return []
    changes = _compare_change(target, keep, compare(target, keep))
    found = read_markers(keep.tags)
    if found is not None and found.key != target.key:
        changes = [_as_rename(change, found.key, target.key) for change in changes]
    return changes


def _as_rename(change: Change, old_key: str, new_key: str) -> Change:
    """A change of an interview marked with a previous key: its marker moves in place."""
    reason = f"renamed from {old_key}: same interview, same id and links"
    if change.reason != _MARKERS_ONLY:
        reason += f"; {change.reason}"
    key_change = FieldChange("key", old_key, new_key)
    return replace(change, reason=reason, fields=(key_change, *change.fields))


def _retire_others(
    target: DesiredTarget, others: list[LiveInterview], reason: str, notes: list[str]
) -> list[Change]:
    """The key's other interviews lose its identity: non-archived ones are archived
    first, archived ones only lose the marker (so no later plan revives them)."""
    changes = []
    for live in others:
        if _busy(target, live, notes):
            continue
        if live.status == "archived":
            changes.append(_retire(target.key, live))
        else:
            changes.append(_archive(target.key, live, reason, retire=True))
    return changes


def _retire(key: str, live: LiveInterview) -> Change:
    why = "archived, and no longer this key's interview: its marker is retired so that no "
    why += "later plan matches it"
    step = Step(Action.UPDATE, {"tags": retired_tags(live.tags)}, live.id)
    return Change(Kind.UPDATE, key, _live_name(live) or key, why, live_id=live.id, steps=(step,))


def _rank(target: DesiredTarget, live: LiveInterview) -> tuple[int, str]:
    """Closest content first; ties go to the newest (the string is inverted for sorting)."""
    newest_first = "".join(chr(0x10FFFF - ord(ch)) for ch in _updated_at(live))
    return compare(target, live).score, newest_first


def _updated_at(live: LiveInterview) -> str:
    return str(live.definition.get("updated_at") or live.summary.get("updated_at") or "")


def _imported(target: DesiredTarget, import_id: str, context: _Context) -> LiveInterview:
    """The live interview `import_id` names; a located problem when it cannot be adopted."""
    where = target.interview.location_of("import_id")
    live = context.by_id.get(import_id)
    if live is None or live.status == "deleted":
        raise InvalidSpecError([_import_problem(where, import_id, "no live interview has it")])
    owner = read_markers(live.tags)
    if owner is not None:  # this key's own markers would have put it among its lives
        message = f"it is already managed as {owner.namespace}/{owner.key}"
        raise InvalidSpecError([_import_problem(where, import_id, message)])
    return live


def _busy(target: DesiredTarget, live: LiveInterview, notes: list[str]) -> bool:
    """True, with a note, when `live` is busy: no change of this plan may touch it."""
    if live.status not in BUSY_STATUSES:
        return False
    notes.append(f"{target.key}: busy: {live.status}; left alone ({live.id})")
    return True


def _adopt(target: DesiredTarget, live: LiveInterview, notes: list[str]) -> list[Change]:
    if _busy(target, live, notes):
        return []
    found = compare(target, live)
    if found.recreate_because:
        return _compare_change(target, live, found)
    reason = "adopt: add the marker and bring the content in line with the spec"
    return [make_update_change(target, live, found, Kind.ADOPT, reason)]


def _create_unless_taken(
    target: DesiredTarget, context: _Context, notes: list[str]
) -> list[Change]:
    if target.interview.import_id:
        imported = _imported(target, target.interview.import_id, context)
        return _adopt(target, imported, notes)
    if target.status == "archived":
        return []
    create = _create(target)
    if target.interview.allow_duplicate_name:
        return [create]
    taken = _same_named(target, context)
    if not taken:
        return [create]
    ids = ", ".join(live.id for live in taken)
    blocked = (
        f"a live {target.fields.get('type', 'interview')} named {target.name!r} exists that "
        f"is not managed as {target.key} ({ids}): add import_id: {taken[0].id} to the spec "
        "to adopt it, or allow_duplicate_name: true to create another"
    )
    return [replace(create, blocked=blocked)]


def _same_named(target: DesiredTarget, context: _Context) -> list[LiveInterview]:
    """Live interviews of the spec's type and name that this key does not own (none does:
    the key has no interview), leaving out those this plan archives."""
    kind = str(target.fields.get("type", "interview"))
    return sorted(
        (
            live
            for live in context.by_name.get(target.name, ())
            if live.id not in context.pruned and _live_type(live) == kind
        ),
        key=lambda live: live.id,
    )


def _create(target: DesiredTarget) -> Change:
    """A create, showing what the spec sets (as `None -> value`) and every question added."""
    steps = requests.create_steps(target.interview, target.template_id, target.markers)
    questions = target.interview.questions
    how = "AI-generated questions" if questions is None else "its own questions"
    added = tuple(
        QuestionChange(QuestionOp.ADDED, q.key, q.text, None, index, added_fields(q))
        for index, q in enumerate(questions or ())
    )
    return Change(Kind.CREATE, target.key, target.name, f"new interview with {how}",
                  file=target.interview.file, fields=tuple(_spec_values(target)),
                  questions=added, steps=steps)  # fmt: skip


def _spec_values(target: DesiredTarget) -> Iterator[FieldChange]:
    """The fields a spec sets explicitly, in registry order (the name is in the header)."""
    values = target.interview.values
    if target.interview.template is not None:
        yield FieldChange("template", None, target.interview.template)
    generate = values.get("generate")
    for field in INTERVIEW_FIELDS:
        head, _, tail = field.spec.partition(".")
        section = generate if tail else values
        name = tail or head
        if field.spec != "name" and isinstance(section, Mapping) and name in section:
            yield FieldChange(field.spec, None, plain(section[name]))


def _import_problem(where: Location, import_id: str, why: str) -> Problem:
    return Problem(where.file, where.line, where.col, f"import_id {import_id}: {why}",
                   "check the id with `interviews import` or remove import_id")  # fmt: skip


def _compare_change(target: DesiredTarget, live: LiveInterview, found: Comparison) -> list[Change]:
    if found.recreate_because:
        return [_recreate(target, live, found)]
    if found.in_place or found.questions or found.markers_differ:
        reason = _update_reason(found, _protect_reason(read_markers(live.tags), target))
        kind = Kind.ADOPT if read_markers(live.tags) is None else Kind.UPDATE
        return [make_update_change(target, live, found, kind, reason)]
    if found.status is not None:
        change = Change(Kind.SET_STATE, target.key, target.name,
                        f"status {found.status.before} -> {found.status.after}", live_id=live.id,
                        file=target.interview.file, fields=found.fields, drift=found.drift,
                        steps=state_steps(target, live, str(found.status.after)))  # fmt: skip
        return [change]
    return []


_MARKERS_ONLY = "markers out of date"
_TEMPLATE_SHOWN = {"interview_template_id": "template"}  # plans name templates, not ids


def _update_reason(found: Comparison, protect: str | None) -> str:
    parts = []
    if found.in_place:
        names = (_TEMPLATE_SHOWN.get(change.field, change.field) for change in found.in_place)
        parts.append(", ".join(names) + " changed")
    if found.questions:
        parts.append(f"{len(found.questions)} question change(s)")
    if protect is not None:
        parts.append(protect)
    if not parts:
        parts.append(_MARKERS_ONLY)
    if found.drift:
        parts.append("the interview was changed in JobMojito since the last apply")
    return "; ".join(parts)


def _protect_reason(found: Markers | None, target: DesiredTarget) -> str | None:
    """What a change of `protect:` means, once its marker on the live interview moves."""
    if found is None or found.protect == target.markers.protect:
        return None
    if target.markers.protect:
        return "protect: true added: from now on apply refuses to archive or recreate it"
    return "protect: true removed: apply may archive or recreate it again"


def _recreate(target: DesiredTarget, live: LiveInterview, found: Comparison) -> Change:
    """Create the new interview, archive the old one, then retire the old one's marker.
    A crash after the create leaves two marked current interviews (the next plan keeps
    the closest, the new one, and archives and retires the other); after the archive, a
    marked archived one beside a current one (the next plan retires it). Retiring before
    archiving would leave a current interview that no plan ever sees again."""
    steps = list(requests.create_steps(target.interview, target.template_id, target.markers))
    if live.status != "archived":
        steps.append(Step(Action.SET_STATE, {"status": "archived"}, live.id))
    steps.append(Step(Action.UPDATE, {"tags": retired_tags(live.tags)}, live.id))
    blocked = None
    if target.interview.protect:
        blocked = "protect: true forbids recreating this interview"
    return Change(Kind.RECREATE, target.key, target.name, "; ".join(found.recreate_because),
                  live_id=live.id, file=target.interview.file, fields=found.fields,
                  questions=found.questions, steps=tuple(steps), blocked=blocked,
                  drift=found.drift)  # fmt: skip


def _pruned(lives: list[LiveInterview]) -> list[LiveInterview]:
    """The interviews a prune archives: the key's current ones that are not busy."""
    return [live for live in lives if live.status not in ("archived", *BUSY_STATUSES)]


def _prune(key: str, lives: list[LiveInterview], notes: list[str]) -> list[Change]:
    """Archive the key's current interviews. They keep their marker: restoring the spec
    file sets the interview's state back instead of creating another."""
    notes.extend(
        f"{key}: busy: {live.status}; left alone ({live.id})"
        for live in lives
        if live.status in BUSY_STATUSES
    )
    return [
        _archive(key, live, "no spec file for this key in the repository (prune)")
        for live in _pruned(lives)
    ]


def _archive(key: str, live: LiveInterview, reason: str, *, retire: bool = False) -> Change:
    """Archive `live`; with `retire`, a duplicate's archive that also retires its marker
    (protect then does not block: the key keeps its interview)."""
    markers = read_markers(live.tags)
    blocked = None
    if not retire and markers is not None and markers.protect:
        blocked = "protect: true forbids archiving this interview"
    steps = [Step(Action.SET_STATE, {"status": "archived"}, live.id)]
    if retire:
        steps.append(Step(Action.UPDATE, {"tags": retired_tags(live.tags)}, live.id))
    name = _live_name(live) or key
    return Change(Kind.ARCHIVE, key, name, reason, live_id=live.id, steps=tuple(steps),
                  blocked=blocked)  # fmt: skip


def _live_fingerprint(live: LiveInterview) -> str:
    """What the stale check of a saved plan compares for a live interview. Key order
    counts (see data_fingerprint): an API that reordered keys between two reads would
    make a saved plan look stale, the safe direction (apply asks for a fresh plan)."""
    return data_fingerprint([live.summary.get("status"), live.definition])


def _desired_fingerprint(target: DesiredTarget) -> str:
    markers = {"markers": target.markers.tags(), "template": target.template_id}
    return fingerprint(markers)
