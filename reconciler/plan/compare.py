"""Comparable forms of desired and live values, read through the field registry. Pure.

Both sides go through the same normalisation, so that server-side defaults, nulls for
absent values, renamed fields, number types and unknown extra keys never show up as
changes: a plan right after an apply is empty.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any

from reconciler.plan.markers import user_tags
from reconciler.registry import INTERVIEW_FIELDS
from reconciler.registry import QUESTION_FIELDS
from reconciler.registry import UNMANAGED
from reconciler.registry import Field
from reconciler.registry import How
from reconciler.registry import Norm
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion

# Fields compared value by value between the spec and job-interview-get.
COMPARED_FIELDS: tuple[Field, ...] = tuple(
    field
    for field in INTERVIEW_FIELDS
    if field.read is not None and field.how in (How.IN_PLACE, How.STATE, How.RECREATE_IMMUTABLE)
)
COMPARED_BY_SPEC: Mapping[str, Field] = {field.spec: field for field in COMPARED_FIELDS}
QUESTION_BY_SPEC: Mapping[str, Field] = {field.spec: field for field in QUESTION_FIELDS}
FOLLOWS = "follows"
_PLAIN_LEAVES = frozenset({str, int, bool, type(None)})
# No case of normalize() matches these. A tuple, not a set: Enum hashes in Python, slowly.
_AS_IS = (Norm.PLAIN, Norm.SUBSET, Norm.NUMBER)
# Shortcuts of normalize() for the question loops (desired_question, live_form: 40 calls
# per interview planned): str, int and bool values come out as they are for the names in
# _AS_IS_NAMES, and None for those in _NONE_KEPT.
_KEPT = frozenset({str, int, bool})
_AS_IS_NAMES = frozenset(field.spec for field in QUESTION_FIELDS if field.norm in _AS_IS)
_NONE_KEPT = frozenset(
    field.spec
    for field in QUESTION_FIELDS
    if field.norm in _AS_IS and (field.default is None or field.default is UNMANAGED)
)


def plain(value: Any) -> Any:
    """JSON-ready and canonical: tuples as lists, integral floats as ints."""
    kind = type(value)
    if kind in _PLAIN_LEAVES:  # most values: exact type tests are far cheaper than ABC checks
        return value
    if kind is list or kind is tuple:
        return [plain(item) for item in value]
    if kind is dict or isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def normalize(field: Field, value: Any) -> Any:
    """The comparable form of one value of `field` (desired or live alike)."""
    if type(value) not in _PLAIN_LEAVES:
        value = plain(value)
    if value is None and field.default is not UNMANAGED:
        value = plain(field.default)
    if field.norm in _AS_IS:  # most fields: skip the match below (a hot path when planning)
        return value
    match field.norm:
        case Norm.BLANK_IS_NULL if isinstance(value, str) and not value.strip():
            return None
        case Norm.CASEFOLD if isinstance(value, str):
            return value.casefold()
        case Norm.NULL_IS_HIDDEN if value is None:
            return "hidden"
        case Norm.TAG_SET if isinstance(value, list):
            return sorted({str(tag) for tag in value})
        case Norm.DROP_NULLS if isinstance(value, dict):
            kept = {key: item for key, item in value.items() if item is not None}
            return kept or None
    return value


def read_path(document: Mapping[str, Any], path: Iterable[str]) -> Any:
    """The value at `path` in a get response, or None where any level is missing or null."""
    value: Any = document
    for part in path:
        if type(value) is not dict and not isinstance(value, Mapping):
            return None
        value = value.get(part)
    return value


def desired_value(interview: DesiredInterview, field: Field) -> Any:
    """The spec's value for a field, the registry default when omitted, or UNMANAGED."""
    head, _, tail = field.spec.partition(".")
    if tail:
        section = interview.values.get(head)
        raw = section.get(tail, UNMANAGED) if isinstance(section, Mapping) else UNMANAGED
    else:
        raw = interview.values.get(head, UNMANAGED)
    if raw is UNMANAGED:
        return field.default
    return raw


def desired_fields(interview: DesiredInterview, template_id: str | None) -> dict[str, Any]:
    """Comparable desired values of every managed, readable field (spec names)."""
    found: dict[str, Any] = {}
    values = interview.values
    for field in COMPARED_FIELDS:
        name = field.spec
        # desired_value() inlined for top-level names (every compared field today)
        value = desired_value(interview, field) if "." in name else values.get(name, field.default)
        if name == "interview_template_id" and template_id is not None:
            value = template_id
        if value is UNMANAGED:
            continue
        kept = type(value) in _KEPT and field.norm in _AS_IS  # normalize() would keep it
        found[name] = value if kept else normalize(field, value)
    return found


def live_fields(definition: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Comparable live values of the named fields, read from a job-interview-get response."""
    found: dict[str, Any] = {}
    for name in names:
        field = COMPARED_BY_SPEC[name]
        path = field.read
        assert path is not None
        value = definition.get(path[0]) if len(path) == 1 else read_path(definition, path)
        if name == "tags":
            value = list(user_tags(str(tag) for tag in (value or ())))
        elif name == "custom_scoring" and isinstance(value, Mapping):
            value = {key: item for key, item in value.items() if key != "max_retries"}
        kept = type(value) in _KEPT and field.norm in _AS_IS  # normalize() would keep it
        found[name] = value if kept else normalize(field, value)
    return found


def values_equal(name: str, desired: Any, live: Any) -> bool:
    """Equality as the API means it; merged objects compare only the keys the spec sets."""
    field = COMPARED_BY_SPEC.get(name)
    if field is not None and field.norm is Norm.SUBSET and isinstance(desired, dict):
        return isinstance(live, dict) and all(live.get(k) == v for k, v in desired.items())
    return bool(desired == live)


def project_live(name: str, desired: Any, live: Any) -> Any:
    """The live value as shown beside `desired` (merged objects: only the spec's keys)."""
    field = COMPARED_BY_SPEC.get(name)
    if field is not None and field.norm is Norm.SUBSET and isinstance(desired, dict):
        return {key: live.get(key) for key in desired} if isinstance(live, dict) else live
    return live


# A question form before the spec's values go in: every field in registry order, with its
# comparable default, or UNMANAGED where it has none (removed afterwards).
_DEFAULT_FORM: Mapping[str, Any] = {
    field.spec: UNMANAGED if field.default is UNMANAGED else normalize(field, None)
    for field in QUESTION_FIELDS
}
_NO_DEFAULT = tuple(name for name, value in _DEFAULT_FORM.items() if value is UNMANAGED)
# Container defaults: each form gets its own copy, so no two forms share a mutable value.
_CONTAINER_DEFAULTS = tuple(
    name for name, value in _DEFAULT_FORM.items() if isinstance(value, list | dict)
)


def desired_question(question: DesiredQuestion) -> dict[str, Any]:
    """Comparable desired form of one question (spec names, plus `follows`)."""
    found = dict(_DEFAULT_FORM)  # registry order; the spec's values then replace defaults
    for name, value in question.values.items():
        field = QUESTION_BY_SPEC.get(name)
        if field is None or value is UNMANAGED:
            continue
        kept = (
            name in _NONE_KEPT if value is None else (type(value) in _KEPT and name in _AS_IS_NAMES)
        )
        found[name] = value if kept else normalize(field, value)
    for name in _NO_DEFAULT:
        if found[name] is UNMANAGED:
            del found[name]
    for name in _CONTAINER_DEFAULTS:
        if found[name] is _DEFAULT_FORM[name]:
            found[name] = normalize(QUESTION_BY_SPEC[name], None)  # its own copy
    found[FOLLOWS] = question.follows
    return found


def live_question(
    item: Mapping[str, Any], names: Iterable[str], parent_key: str | None
) -> dict[str, Any]:
    """Comparable live form of one question item, restricted to the desired field names."""
    return live_form(item, question_reads(names), parent_key)


QuestionReads = tuple[tuple[str, tuple[str, ...]], ...]


def question_reads(names: Iterable[str]) -> QuestionReads:
    """What live_form() reads for the named fields: (name, read path), `follows` left out.
    Worked out once for the questions of an interview that share their names."""
    reads = []
    for name in names:
        if name != FOLLOWS:
            path = QUESTION_BY_SPEC[name].read
            assert path is not None
            reads.append((name, path))
    return tuple(reads)


def live_form(
    item: Mapping[str, Any], reads: QuestionReads, parent_key: str | None
) -> dict[str, Any]:
    """live_question() over names already turned into `reads`."""
    found: dict[str, Any] = {}
    for name, path in reads:
        value = item.get(path[0]) if len(path) == 1 else read_path(item, path)
        kept = (
            name in _NONE_KEPT if value is None else (type(value) in _KEPT and name in _AS_IS_NAMES)
        )
        found[name] = value if kept else normalize(QUESTION_BY_SPEC[name], value)
    found[FOLLOWS] = parent_key
    return found
