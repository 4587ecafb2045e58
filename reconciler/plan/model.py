"""The plan as a value: frozen dataclasses, no rendering and no execution code.

A Plan holds Changes sorted by a fixed key (kind order, then interview key) so that every
renderer and the checksum are reproducible. `to_dict()` is the JSON contract
(`schemas/plan.schema.json`). `apply FILE` does not execute the file itself: it makes the
plan again and refuses when the fingerprints or the checksum differ (reconciler.workflow).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any

PLAN_FORMAT_VERSION = 1


class Kind(enum.Enum):
    """Change kinds of DESIGN.md section 6, in the order they are shown and applied."""

    ARCHIVE = "archive"
    RECREATE = "recreate"
    CREATE = "create"
    ADOPT = "adopt"
    UPDATE = "update"
    SET_STATE = "set_state"


KIND_ORDER: Mapping[Kind, int] = {kind: index for index, kind in enumerate(Kind)}


class Action(enum.Enum):
    """One API call of a change."""

    CREATE = "job-interview-create"
    CREATE_FROM_ARRAY = "job-interview-create-from-array"
    UPDATE = "job-interview-update"
    SET_STATE = "job-interview-set-state"


@dataclass(frozen=True)
class Step:
    """One API call. `target_id` None means "the interview this change created"."""

    action: Action
    body: Mapping[str, Any]
    target_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"action": self.action.value, "body": _plain(self.body), "target_id": self.target_id}


@dataclass(frozen=True)
class FieldChange:
    """A field's value before (live) and after (desired), in spec names."""

    field: str
    before: Any
    after: Any
    drift: bool = False  # the live value moved away from what was last applied

    def to_dict(self) -> dict[str, Any]:
        return {
            "field": self.field,
            "before": _plain(self.before),
            "after": _plain(self.after),
            "drift": self.drift,
        }


class QuestionOp(enum.Enum):
    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    CHANGED = "changed"


@dataclass(frozen=True)
class QuestionChange:
    """One question's change; `fields` lists changed attributes (text first, if any).

    An added question's `fields` are what the spec sets besides its text (`None -> value`),
    its parent first (`follows`). `made_in_app` marks a live question that carries no key
    of ours: it was added (or rewritten) in JobMojito, and its `key` is only its position.
    """

    op: QuestionOp
    key: str
    text: str
    before_index: int | None = None
    after_index: int | None = None
    fields: tuple[FieldChange, ...] = ()
    made_in_app: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "op": self.op.value,
            "key": self.key,
            "text": self.text,
            "before_index": self.before_index,
            "after_index": self.after_index,
            "fields": [change.to_dict() for change in self.fields],
            "made_in_app": self.made_in_app,
        }


class ImpactKind(enum.Enum):
    """How a change reaches the candidates of the interview it acts on."""

    LINKS = "links"  # links already sent stop working
    HIDDEN = "hidden"  # archived: gone from the app's lists, cannot be taken
    RESULTS = "results"  # a recreate: results stay on the old interview
    QUESTIONS = "questions"  # candidates are asked something else than those before them


@dataclass(frozen=True)
class Impact:
    """One way a change affects candidates, with how many have taken the interview
    (`candidates`: the list item's interview_count; None when the API did not say)."""

    kind: ImpactKind
    message: str
    candidates: int | None
    last: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "message": self.message,
            "candidates": self.candidates,
            "last": self.last,
        }


@dataclass(frozen=True)
class Change:
    """What happens to one interview, why, and the API steps that do it."""

    kind: Kind
    key: str
    name: str
    reason: str
    live_id: str | None = None
    file: str | None = None
    fields: tuple[FieldChange, ...] = ()
    questions: tuple[QuestionChange, ...] = ()
    steps: tuple[Step, ...] = ()
    warnings: tuple[str, ...] = ()
    impact: tuple[Impact, ...] = ()  # candidate impact, most severe first
    # why apply refuses this change (protect, or a create beside a same-named interview)
    blocked: str | None = None
    drift: bool = False  # the live interview was changed outside git since the last apply

    @property
    def sort_key(self) -> tuple[int, str, str]:
        return (KIND_ORDER[self.kind], self.key, self.live_id or "")

    @property
    def is_destructive(self) -> bool:
        return self.kind in (Kind.ARCHIVE, Kind.RECREATE)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "key": self.key,
            "name": self.name,
            "reason": self.reason,
            "live_id": self.live_id,
            "file": self.file,
            "fields": [change.to_dict() for change in self.fields],
            "questions": [change.to_dict() for change in self.questions],
            "steps": [step.to_dict() for step in self.steps],
            "warnings": list(self.warnings),
            "impact": [impact.to_dict() for impact in self.impact],
            "blocked": self.blocked,
            "drift": self.drift,
        }


@dataclass(frozen=True)
class Safety:
    """What `apply` would refuse, evaluated at plan time (the plan itself never fails)."""

    managed: int
    destructive: int
    max_share: float
    min_managed: int
    refusals: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "managed": self.managed,
            "destructive": self.destructive,
            "max_share": self.max_share,
            "min_managed": self.min_managed,
            "refusals": list(self.refusals),
        }


@dataclass(frozen=True)
class Plan:
    """Every change for one namespace, with fingerprints of what it was made from."""

    namespace: str
    changes: tuple[Change, ...]
    safety: Safety
    source: str = ""  # the spec folder the plan was made from, as given on the command line
    desired_fingerprints: Mapping[str, str] = field(default_factory=dict)
    live_fingerprints: Mapping[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    # Keys whose changes were already pending before the change under review (`plan --base`):
    # drift or an earlier unapplied merge. Apply performs them all the same.
    preexisting: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "changes", tuple(sorted(self.changes, key=lambda c: c.sort_key)))
        object.__setattr__(self, "preexisting", tuple(sorted(set(self.preexisting))))

    @property
    def has_changes(self) -> bool:
        return bool(self.changes)

    def count(self, kind: Kind) -> int:
        return sum(1 for change in self.changes if change.kind is kind)

    @property
    def warnings(self) -> tuple[str, ...]:
        return tuple(f"{c.key}: {w}" for c in self.changes for w in c.warnings)

    @property
    def impact_lines(self) -> tuple[str, ...]:
        """Every change's candidate impact, as `key: message`."""
        return tuple(f"{c.key}: {i.message}" for c in self.changes for i in c.impact)

    def body_dict(self) -> dict[str, Any]:
        """The plan document without its checksum."""
        return {
            "format_version": PLAN_FORMAT_VERSION,
            "namespace": self.namespace,
            "source": self.source,
            "summary": {kind.value: self.count(kind) for kind in Kind},
            "changes": [change.to_dict() for change in self.changes],
            "safety": self.safety.to_dict(),
            "desired_fingerprints": dict(sorted(self.desired_fingerprints.items())),
            "live_fingerprints": dict(sorted(self.live_fingerprints.items())),
            "notes": list(self.notes),
            "preexisting": list(self.preexisting),
        }

    @property
    def checksum(self) -> str:
        return checksum_of(self.body_dict())

    def to_dict(self) -> dict[str, Any]:
        return {**self.body_dict(), "checksum": self.checksum}


def canonical_json(value: Any) -> str:
    """The one JSON form used for checksums and fingerprints: sorted keys, no spaces."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def checksum_of(document: Mapping[str, Any]) -> str:
    """The checksum of a plan document, leaving out each change's candidate impact: it
    moves whenever a candidate takes an interview, while what apply does stays the same,
    and a saved plan must not go stale for that."""
    changes = document.get("changes")
    if isinstance(changes, list):
        kept = [
            {key: value for key, value in change.items() if key != "impact"}
            if isinstance(change, Mapping)
            else change
            for change in changes
        ]
        document = {**document, "changes": kept}
    return "sha256:" + hashlib.sha256(canonical_json(document).encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    """Mappings and tuples as JSON-ready dicts and lists."""
    if isinstance(value, Mapping):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
