"""The sync marker: a fingerprint of the managed content as last applied. Pure.

Its value is `<hash>.<mask>`: the hash of the comparable content, and a bit mask of which
fields the spec managed then. Reading the live interview over the same fields tells drift
(changed in JobMojito since the last apply) even after the spec starts or stops managing
a field.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from reconciler.plan.compare import COMPARED_FIELDS
from reconciler.plan.markers import exact_bytes
from reconciler.plan.markers import fingerprint
from reconciler.registry import QUESTION_FIELDS
from reconciler.registry import UNMANAGED

_ORDER = tuple(field.spec for field in COMPARED_FIELDS)
# Question attributes compared whether or not a spec sets them (they have defaults).
DEFAULT_QUESTION_NAMES = (
    "question",
    *(field.spec for field in QUESTION_FIELDS if field.default is not UNMANAGED),
)


def sync_marker(
    fields: Mapping[str, Any],
    questions: list[Any] | None,
    *,
    finite: bool = False,
    floatless: bool = False,
) -> str:
    """The marker of this content; `finite` and `floatless` as in markers.fingerprint."""
    content = {"fields": dict(fields), "questions": questions}
    digest = fingerprint(content, finite=finite, floatless=floatless)
    return f"{digest}.{field_mask(fields)}"


def same_content(
    fields: Mapping[str, Any],
    questions: list[Any] | None,
    other_fields: Mapping[str, Any],
    other_questions: list[Any] | None,
) -> bool:
    """True when sync_marker() of the two is certainly the same, found without hashing
    either (hashing is the costly part of a plan with nothing to change).

    `==` alone cannot tell, as JSON can (True == 1). Equal exact_bytes() can: equal types
    and values in the same order, and so the same canonical JSON. False is only "not
    known" (a value JSON cannot hold: the hash will tell).
    """
    if fields != other_fields or questions != other_questions:
        return False
    mine = exact_bytes([dict(fields), questions])
    return mine is not None and mine == exact_bytes([dict(other_fields), other_questions])


def field_mask(names: Iterable[str]) -> str:
    return _mask_of(tuple(names))


def names_in(marker: str) -> tuple[str, ...] | None:
    """The field names a recorded sync marker covered, or None if it cannot be read."""
    return _names_of(marker.partition(".")[2])


# Both are worked out for every interview planned, and specs share a handful of masks.
@functools.lru_cache(maxsize=256)
def _mask_of(names: tuple[str, ...]) -> str:
    wanted = set(names)
    bits = sum(1 << index for index, name in enumerate(_ORDER) if name in wanted)
    return format(bits, "x")


@functools.lru_cache(maxsize=256)
def _names_of(mask: str) -> tuple[str, ...] | None:
    try:
        bits = int(mask, 16)
    except ValueError:
        return None
    if bits >> len(_ORDER):
        return None  # made by a registry with more fields than this one
    return tuple(name for index, name in enumerate(_ORDER) if bits >> index & 1)
