"""Live definition -> spec data: the values a hand-written spec would hold. Pure: no I/O.

Everything is read through the field registry: read paths, spec names and defaults. A field
is left out when its live value is what the spec assumes anyway (the registry default, or
null for a field that is unmanaged when omitted), so an imported file says only what is
particular to the interview. Keys come out in the schema's property order.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import Final

from reconciler import registry
from reconciler.live import Template
from reconciler.plan.compare import normalize
from reconciler.plan.compare import plain
from reconciler.plan.compare import read_path
from reconciler.plan.markers import user_tags
from reconciler.registry import UNMANAGED
from reconciler.registry import Field
from reconciler.spec.keys import is_key
from reconciler.spec.schema import build_schema
from reconciler.specwrite.keywords import meaning_keys

# Fields an imported spec never states: merchant_id is for platform admins only and names
# the account itself; type_credit is re-derived by the API from `type`.
_NEVER_WRITTEN: Final = frozenset({"merchant_id", "type_credit"})
# Fields the schema requires whatever their value (description: own-question specs).
_ALWAYS_WRITTEN: Final = frozenset({"name", "location", "mojito_language_code", "description"})
_READABLE: Final = tuple(
    field
    for field in registry.INTERVIEW_FIELDS
    if field.read is not None and "." not in field.spec and field.spec not in _NEVER_WRITTEN
)


def schema_order() -> tuple[str, ...]:
    """Top-level spec keys in the schema's property order (the order files are written in)."""
    return tuple(build_schema()["properties"])


def question_order() -> tuple[str, ...]:
    return tuple(build_schema()["$defs"]["question"]["properties"])


def is_default(field: Field, value: Any) -> bool:
    """True when the spec may omit `field` because `value` is what omission means."""
    if field.default is UNMANAGED:
        return normalize(field, value) is None
    return bool(normalize(field, value) == normalize(field, field.default))


def live_field_value(field: Field, definition: Mapping[str, Any]) -> Any:
    """The spec-form value of one interview field in a job-interview-get response."""
    assert field.read is not None
    value = plain(read_path(definition, field.read))
    if field.spec == "tags":
        return list(dict.fromkeys(user_tags(str(tag) for tag in value or ())))
    if field.spec == "custom_scoring" and isinstance(value, dict):
        value = {key: item for key, item in value.items() if key != "max_retries"} or None
    if field.norm is registry.Norm.DROP_NULLS and isinstance(value, dict):
        value = {key: item for key, item in value.items() if item is not None} or None
    return value


def template_value(template_id: Any, templates: Sequence[Template]) -> tuple[str, Any]:
    """(`template`, name) when the id's name is unique among templates, else the id."""
    named = [t for t in templates if t.id == template_id]
    if named and sum(1 for t in templates if t.name == named[0].name) == 1:
        return "template", named[0].name
    return "interview_template_id", template_id


def interview_values(
    definition: Mapping[str, Any], templates: Sequence[Template]
) -> dict[str, Any]:
    """Spec values of every readable interview field that is not at its default."""
    found: dict[str, Any] = {}
    for field in _READABLE:
        value = live_field_value(field, definition)
        if field.spec == "interview_template_id":
            name, value = template_value(value, templates)
            found[name] = value
        elif field.spec in _ALWAYS_WRITTEN or not is_default(field, value):
            found[field.spec] = value
    return found


def question_keys(
    items: Sequence[Mapping[str, Any]], known: Mapping[str, str] | None = None
) -> list[str]:
    """A key per live question: `known[id]`, else its external_id when that is a valid key,
    else one from the content words of its text (collisions get -2, -3...)."""
    chosen = [_explicit_key(item, known or {}) for item in items]
    seen: set[str] = set()
    for index, key in enumerate(chosen):
        if key is not None and key in seen:
            chosen[index] = None  # a repeated external_id: the later one gets a derived key
        elif key is not None:
            seen.add(key)
    texts = [str(item.get("question") or "") if key is None else None
             for item, key in zip(items, chosen, strict=True)]  # fmt: skip
    derived = meaning_keys(texts, taken=seen)
    return [str(key or other) for key, other in zip(chosen, derived, strict=True)]


def _explicit_key(item: Mapping[str, Any], known: Mapping[str, str]) -> str | None:
    by_id = known.get(str(item.get("id")))
    if by_id is not None:
        return by_id
    external = item.get("external_id")
    return external if isinstance(external, str) and is_key(external) else None


def questions_data(
    items: Sequence[Mapping[str, Any]], known: Mapping[str, str] | None = None
) -> list[dict[str, Any]]:
    """Spec entries of live questions, in order: key, attributes not at default, follows."""
    keys = question_keys(items, known)
    key_by_id = {str(item.get("id")): key for item, key in zip(items, keys, strict=True)}
    entries = []
    for item, key in zip(items, keys, strict=True):
        entry: dict[str, Any] = {"key": key}
        for field in registry.QUESTION_FIELDS:
            assert field.read is not None
            value = plain(read_path(item, field.read))
            if field.spec == "question" or not is_default(field, value):
                entry[field.spec] = value
        parent = item.get("conditional_question_main_id")
        if item.get("is_conditional") and str(parent) in key_by_id:
            entry["follows"] = key_by_id[str(parent)]
        entries.append(_ordered(entry, question_order()))
    return entries


def spec_data(
    definition: Mapping[str, Any],
    templates: Sequence[Template],
    *,
    key: str | None = None,
    import_id: str | None = None,
) -> dict[str, Any]:
    """The whole spec of a live interview, its questions included, in schema order."""
    data = interview_values(definition, templates)
    if key is not None:
        data["key"] = key
    items = [item for item in definition.get("questions") or () if isinstance(item, Mapping)]
    data["questions"] = questions_data(items)
    if import_id is not None:
        data["import_id"] = import_id
    return _ordered(data, schema_order())


def _ordered(data: Mapping[str, Any], order: Sequence[str]) -> dict[str, Any]:
    rank = {name: index for index, name in enumerate(order)}
    return {name: data[name] for name in sorted(data, key=lambda name: rank.get(name, len(rank)))}
