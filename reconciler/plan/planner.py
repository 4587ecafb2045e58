"""The planner: desired x live -> Plan. Pure: takes data, never a client.

Per key, what discovery found decides the change (DESIGN.md section 5):

- nothing live: create (or adopt the interview named by `import_id`);
- one live interview: compare it (update / set_state / recreate / nothing);
- only archived ones, spec wants active or draft: set the newest one's state back;
- several non-archived: keep the best match, archive the others;
- a marker in our namespace without a spec: archive it (prune).
`deleted` interviews count as gone. Interviews without our marker are never touched.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass

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
from reconciler.plan.markers import data_fingerprint
from reconciler.plan.markers import fingerprint
from reconciler.plan.markers import read_markers
from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.plan.model import Step
from reconciler.plan.safety import evaluate_safety
from reconciler.plan.targets import DesiredTarget
from reconciler.plan.targets import make_target
from reconciler.plan.targets import resolve_template
from reconciler.registry import INTERVIEW_FIELDS
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import Location


@dataclass(frozen=True)
class PlanSettings:
    namespace: str
    max_destructive_share: float = 0.30
    min_managed_for_threshold: int = 10


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
    """What one key plans to: its changes, notes and the spec's fingerprint, made from
    exactly the live interviews in `lives`."""

    lives: tuple[LiveInterview, ...]
    changes: list[Change]
    notes: list[str]
    fingerprint: str


class Planner:
    """make_plan in two halves, so that comparing can start while discovery still reads.

    `consider(live)` plans a key as soon as a live interview with its marker arrives (the
    usual case: one per key, and comparing is most of a plan's CPU). `finish(account)`
    plans what needs the whole account (keys with no interview or several, prunes) and
    redoes any key whose interviews turned out to differ from those it saw, so the plan
    is the same whatever was considered before. Targets are made one at a time and
    dropped once compared: holding thousands of them raised a plan's peak memory by a
    fifth at 5,000 interviews.
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
        self._settings = settings
        self._early: dict[str, _KeyPlan] = {}
        self._seen: set[str] = set()

    def consider(self, live: LiveInterview) -> None:
        """Plan the key of `live` now if it is the first interview seen with that key."""
        key = _owner_key(live, self._settings.namespace)
        if key is None:
            return
        if key in self._seen:  # a second one: finish() plans this key with all of them
            self._early.pop(key, None)
            return
        self._seen.add(key)
        if key in self._desired:
            self._early[key] = self._plan_key(key, (live,), {})

    def finish(self, account: LiveAccount) -> Plan:
        """The plan, given the whole account as discovery returned it."""
        owned = _owned_by_key(account.interviews, self._settings.namespace)
        by_id = {live.id: live for live in account.interviews}
        changes: list[Change] = []
        notes: list[str] = []
        desired_fingerprints: dict[str, str] = {}
        for key in self._desired:
            lives = tuple(owned.get(key, ()))
            early = self._early.pop(key, None)
            done = early if early is not None and _same(early.lives, lives) else None
            planned = done or self._plan_key(key, lives, by_id)
            changes.extend(planned.changes)
            notes.extend(planned.notes)
            desired_fingerprints[key] = planned.fingerprint
        for key, lives_of_key in sorted(owned.items()):
            if key not in self._desired:
                changes.extend(_prune(key, lives_of_key))
        changes = [add_impact(change, by_id.get(change.live_id or "")) for change in changes]
        managed = sum(1 for lives in owned.values() for live in lives if live.status != "archived")
        return Plan(
            namespace=self._settings.namespace,
            changes=tuple(changes),
            safety=evaluate_safety(changes, managed, self._settings),
            desired_fingerprints=desired_fingerprints,
            live_fingerprints=LiveFingerprints(
                {live.id: live for lives in owned.values() for live in lives}
            ),
            notes=tuple(notes),
        )

    def _plan_key(
        self, key: str, lives: tuple[LiveInterview, ...], by_id: Mapping[str, LiveInterview]
    ) -> _KeyPlan:
        target = make_target(self._desired[key], self._template_of[key], self._settings.namespace)
        notes: list[str] = []
        changes = _plan_key(target, list(lives), by_id, notes)
        return _KeyPlan(lives, changes, notes, _desired_fingerprint(target))


def _same(seen: tuple[LiveInterview, ...], lives: tuple[LiveInterview, ...]) -> bool:
    """The very same interview objects (a plan made early saw exactly these)."""
    return len(seen) == len(lives) and all(a is b for a, b in zip(seen, lives, strict=True))


def _owner_key(live: LiveInterview, namespace: str) -> str | None:
    """The key of `live` when it carries a marker of `namespace` and is not deleted."""
    markers = read_markers(live.tags)
    if markers is None or markers.namespace != namespace or live.status == "deleted":
        return None
    return markers.key


def _owned_by_key(
    interviews: Sequence[LiveInterview], namespace: str
) -> dict[str, list[LiveInterview]]:
    owned: dict[str, list[LiveInterview]] = defaultdict(list)
    for live in interviews:
        key = _owner_key(live, namespace)
        if key is not None:
            owned[key].append(live)
    return owned


def _plan_key(
    target: DesiredTarget,
    lives: list[LiveInterview],
    by_id: Mapping[str, LiveInterview],
    notes: list[str],
) -> list[Change]:
    if target.interview.import_id and lives:
        notes.append(f"{target.key}: import_id can be removed; the interview carries its marker")
    if not lives:
        return _adopt_or_create(target, by_id)
    current = [live for live in lives if live.status != "archived"]
    if not current:
        newest = max(lives, key=_updated_at)
        if target.status == "archived":
            return []
        return _compare_change(target, newest, compare(target, newest))
    if len(current) == 1:  # the usual case: nothing to rank, and comparing is the costly part
        return _compare_change(target, current[0], compare(target, current[0]))
    ranked = sorted(current, key=lambda live: _rank(target, live))
    keep, extra = ranked[0], ranked[1:]
    changes = _compare_change(target, keep, compare(target, keep))
    for duplicate in extra:
        reason = (
            f"duplicate of {keep.id}: a recreate or a retried create was interrupted; "
            "the closest match is kept"
        )
        changes.append(_archive(target.key, duplicate, reason, respect_protect=False))
    return changes


def _rank(target: DesiredTarget, live: LiveInterview) -> tuple[int, str]:
    """Closest content first; ties go to the newest (the string is inverted for sorting)."""
    newest_first = "".join(chr(0x10FFFF - ord(ch)) for ch in _updated_at(live))
    return compare(target, live).score, newest_first


def _updated_at(live: LiveInterview) -> str:
    return str(live.definition.get("updated_at") or live.summary.get("updated_at") or "")


def _adopt_or_create(target: DesiredTarget, by_id: Mapping[str, LiveInterview]) -> list[Change]:
    import_id = target.interview.import_id
    if import_id:
        live = by_id.get(import_id)
        if live is None or live.status == "deleted":
            where = target.interview.location_of("import_id")
            raise InvalidSpecError([_import_problem(where, import_id, "no live interview has it")])
        owner = read_markers(live.tags)
        if owner is not None:
            where = target.interview.location_of("import_id")
            message = f"it is already managed as {owner.namespace}/{owner.key}"
            raise InvalidSpecError([_import_problem(where, import_id, message)])
        found = compare(target, live)
        if found.recreate_because:
            return _compare_change(target, live, found)
        reason = "adopt: add the marker and bring the content in line with the spec"
        return [make_update_change(target, live, found, Kind.ADOPT, reason)]
    if target.status == "archived":
        return []
    return [_create(target)]


def _create(target: DesiredTarget) -> Change:
    """A create, showing what the spec sets (as `None -> value`) and every question added."""
    steps = requests.create_steps(target.interview, target.template_id, target.markers)
    questions = target.interview.questions
    how = "AI-generated questions" if questions is None else "its own questions"
    added = tuple(
        QuestionChange(QuestionOp.ADDED, q.key, q.text, None, index)
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
        reason = _update_reason(found)
        kind = Kind.ADOPT if read_markers(live.tags) is None else Kind.UPDATE
        return [make_update_change(target, live, found, kind, reason)]
    if found.status is not None:
        change = Change(Kind.SET_STATE, target.key, target.name,
                        f"status {found.status.before} -> {found.status.after}", live_id=live.id,
                        file=target.interview.file, fields=found.fields, drift=found.drift,
                        steps=state_steps(target, live, str(found.status.after)))  # fmt: skip
        return [change]
    return []


def _update_reason(found: Comparison) -> str:
    parts = []
    if found.in_place:
        parts.append(", ".join(change.field for change in found.in_place) + " changed")
    if found.questions:
        parts.append(f"{len(found.questions)} question change(s)")
    if not parts:
        parts.append("markers out of date")
    if found.drift:
        parts.append("the interview was changed in JobMojito since the last apply")
    return "; ".join(parts)


def _recreate(target: DesiredTarget, live: LiveInterview, found: Comparison) -> Change:
    steps = list(requests.create_steps(target.interview, target.template_id, target.markers))
    if live.status != "archived":
        steps.append(Step(Action.SET_STATE, {"status": "archived"}, live.id))
    blocked = None
    if target.interview.protect:
        blocked = "protect: true forbids recreating this interview"
    return Change(Kind.RECREATE, target.key, target.name, "; ".join(found.recreate_because),
                  live_id=live.id, file=target.interview.file, fields=found.fields,
                  questions=found.questions, steps=tuple(steps), blocked=blocked,
                  drift=found.drift)  # fmt: skip


def _prune(key: str, lives: list[LiveInterview]) -> list[Change]:
    return [
        _archive(key, live, "no spec file for this key in the repository (prune)")
        for live in lives
        if live.status != "archived"
    ]


def _archive(key: str, live: LiveInterview, reason: str, *, respect_protect: bool = True) -> Change:
    markers = read_markers(live.tags)
    blocked = None
    if respect_protect and markers is not None and markers.protect:
        blocked = "protect: true forbids archiving this interview"
    name = str(live.definition.get("name") or key)
    step = Step(Action.SET_STATE, {"status": "archived"}, live.id)
    return Change(Kind.ARCHIVE, key, name, reason, live_id=live.id, steps=(step,), blocked=blocked)


class LiveFingerprints(Mapping[str, str]):
    """The fingerprint of each managed live interview by id, hashed when first asked.

    Only a saved plan (`plan --out`, the JSON output) and its stale check read them: a plan
    shown as text or markdown needs none, and hashing every definition was about 2 % of
    the CPU of a plan with nothing to change.
    """

    def __init__(self, lives: Mapping[str, LiveInterview]) -> None:
        self._lives = lives
        self._hashed: dict[str, str] = {}

    def __getitem__(self, live_id: str) -> str:
        found = self._hashed.get(live_id)
        if found is None:
            found = self._hashed[live_id] = _live_fingerprint(self._lives[live_id])
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._lives)

    def __len__(self) -> int:
        return len(self._lives)


def _live_fingerprint(live: LiveInterview) -> str:
    """What the stale check of a saved plan compares for a live interview. Key order
    counts (see data_fingerprint): an API that reordered keys between two reads would
    make a saved plan look stale, the safe direction (apply asks for a fresh plan)."""
    return data_fingerprint([live.summary.get("status"), live.definition])


def _desired_fingerprint(target: DesiredTarget) -> str:
    markers = {"markers": target.markers.tags(), "template": target.template_id}
    return fingerprint(markers, floatless=True)  # text only: tags and an id
