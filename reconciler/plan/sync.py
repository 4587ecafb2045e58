"""The sync marker: a fingerprint of the managed content as last applied. Pure.

Its value is `<hash>.<mask>.<parts>`: the hash of the comparable content, a bit mask of
which fields the spec managed then, and a short hash of each of those fields (in mask
order), then one of the questions when the spec managed them. Reading the live interview
over the same fields tells drift (changed in JobMojito since the last apply) even after
the spec starts or stops managing a field; the parts tell which field drifted, and which
field the spec changed since, so neither is taken for the other. Markers written before
the parts were recorded (`<hash>.<mask>`) still tell drift, but not which field.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from reconciler.plan.compare import COMPARED_FIELDS
from reconciler.plan.markers import fingerprint
from reconciler.registry import QUESTION_FIELDS
from reconciler.registry import UNMANAGED

_ORDER = tuple(field.spec for field in COMPARED_FIELDS)
# Question attributes compared whether or not a spec sets them (they have defaults).
DEFAULT_QUESTION_NAMES = (
    "question",
    *(field.spec for field in QUESTION_FIELDS if field.default is not UNMANAGED),
)
QUESTIONS = "questions"
"""The part name of the questions, as recorded_parts() gives it (no field has this name)."""
# Six hex digits, as the create-only fingerprint's: a local edit mistaken for the value last
# applied (and so written over by a refresh) takes a 1 in 16.7 million collision.
_PART_LENGTH = 6


def sync_marker(fields: Mapping[str, Any], questions: list[Any] | None) -> str:
    """The marker of this content."""
    base = sync_base(fields, questions)
    parts = "".join(part_hash(name, fields[name]) for name in _in_order(fields))
    if questions is not None:
        parts += questions_hash(questions)
    return f"{base}.{parts}"


def sync_base(fields: Mapping[str, Any], questions: list[Any] | None) -> str:
    """`<hash>.<mask>`: what tells whether the content is as a marker recorded it."""
    content = {"fields": dict(fields), "questions": questions}
    digest = fingerprint(content)
    return f"{digest}.{field_mask(fields)}"


def base_of(marker: str) -> str:
    """The `<hash>.<mask>` a recorded marker starts with (all of an older one)."""
    head, _, rest = marker.partition(".")
    return f"{head}.{rest.partition('.')[0]}"


def field_mask(names: Iterable[str]) -> str:
    wanted = set(names)
    bits = sum(1 << index for index, name in enumerate(_ORDER) if name in wanted)
    return format(bits, "x")


def names_in(marker: str) -> tuple[str, ...] | None:
    """The field names a recorded sync marker covered, or None if it cannot be read."""
    pieces = marker.split(".")
    return _names_of(pieces[1]) if len(pieces) > 1 else None


def recorded_parts(marker: str) -> Mapping[str, str] | None:
    """The part hash of each field a recorded marker covered (and of QUESTIONS when the
    questions were managed), or None when it holds none or cannot be read."""
    pieces = marker.split(".")
    if len(pieces) != 3:
        return None
    names = _names_of(pieces[1])
    if names is None:
        return None
    parts = pieces[2]
    count, rest = divmod(len(parts), _PART_LENGTH)
    if rest or count not in (len(names), len(names) + 1):
        return None
    if count > len(names):
        names = (*names, QUESTIONS)
    return {
        name: parts[index * _PART_LENGTH : (index + 1) * _PART_LENGTH]
        for index, name in enumerate(names)
    }


def unchanged_parts(recorded: str | None, own: str) -> frozenset[str] | None:
    """The parts (field names, QUESTIONS) whose value in the content the marker `own` was
    made from is the one the marker `recorded` holds as last applied.

    None when `recorded` cannot tell: there is none, or it holds no parts and the content
    differs (with the same content, every part is unchanged). A part `recorded` did not
    cover (a field the spec has managed since) is not unchanged: it had no value applied.
    """
    mine = recorded_parts(own)
    if recorded is None or mine is None:
        return None
    theirs = recorded_parts(recorded)
    if theirs is None:
        return frozenset(mine) if base_of(recorded) == base_of(own) else None
    return frozenset(name for name, value in mine.items() if theirs.get(name) == value)


def part_hash(name: str, value: Any) -> str:
    """The short hash of one field's comparable value, as a marker records it."""
    return fingerprint([name, value])[:_PART_LENGTH]


def questions_hash(questions: list[Any]) -> str:
    """The short hash of the questions as a sync marker hashes them."""
    return fingerprint([QUESTIONS, questions])[:_PART_LENGTH]


def _in_order(fields: Mapping[str, Any]) -> tuple[str, ...]:
    """The names of `fields` in mask order, the order of the parts."""
    return _names_of(field_mask(fields)) or ()


def _names_of(mask: str) -> tuple[str, ...] | None:
    try:
        bits = int(mask, 16)
    except ValueError:
        return None
    if bits >> len(_ORDER):
        return None  # made by a registry with more fields than this one
    return tuple(name for index, name in enumerate(_ORDER) if bits >> index & 1)
