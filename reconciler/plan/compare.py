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


def plain(value: Any) -> Any:
    """JSON-ready and canonical: tuples as lists, integral floats as ints."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def normalize(field: Field, value: Any) -> Any:
    """The comparable form of one value of `field` (desired or live alike)."""
    value = plain(value)
    if value is None and field.default is not UNMANAGED:
        value = plain(field.default)
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
        if not isinstance(value, Mapping):
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
    for field in COMPARED_FIELDS:
        value = desired_value(interview, field)
        if field.spec == "interview_template_id" and template_id is not None:
            value = template_id
        if value is not UNMANAGED:
            found[field.spec] = normalize(field, value)
    return found


def live_fields(definition: Mapping[str, Any], names: Iterable[str]) -> dict[str, Any]:
    """Comparable live values of the named fields, read from a job-interview-get response."""
    found: dict[str, Any] = {}
    for name in names:
        field = COMPARED_BY_SPEC[name]
        path = field.read
        assert path is not None
        value = read_path(definition, path)
        if name == "tags":
            value = list(user_tags(str(tag) for tag in (value or ())))
        elif name == "custom_scoring" and isinstance(value, Mapping):
            value = {key: item for key, item in value.items() if key != "max_retries"}
        found[name] = normalize(field, value)
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
        if field is not None and value is not UNMANAGED:
            found[name] = normalize(field, value)
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
    """Comparable live form of one question item, restricted to the named fields."""
    found: dict[str, Any] = {}
    for name in names:
        if name != FOLLOWS:
            field = QUESTION_BY_SPEC[name]
            assert field.read is not None
            found[name] = normalize(field, read_path(item, field.read))
    found[FOLLOWS] = parent_key
    return found
