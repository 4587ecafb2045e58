"""The shape of a job-interview-get answer at every path the field registry reads. Pure.

The planner compares each managed field with the value at its read path (registry.py), so a
path the API does not fill, or fills with another type, is a field the plan misjudges.
Null is accepted everywhere: the live API returns null for many fields (API-FACTS 1).
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import Final

from reconciler.doctor.model import Check
from reconciler.doctor.model import failed
from reconciler.doctor.model import ok
from reconciler.doctor.model import warning
from reconciler.registry import INTERVIEW_FIELDS
from reconciler.registry import QUESTION_FIELDS
from reconciler.registry import Field
from reconciler.registry import How

NAME: Final = "definition shape"
_PYTHON_TYPES: Final[Mapping[str, tuple[type, ...]]] = {
    "string": (str,),
    "integer": (int, float),  # 1200.0 is 1200 (the planner compares numbers as numbers)
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}
_CRITICAL: Final = frozenset({"tags", "status"})
"""Fields whose reading decides identity and lifecycle: markers live in tags."""


def check_shape(definition: Mapping[str, Any]) -> list[Check]:
    """One ok line when every read path holds a value of its type (or null), else one
    line per field that does not."""
    problems = [*_interview_problems(definition), *_question_problems(definition)]
    if problems:
        return problems
    paths = sum(1 for field in INTERVIEW_FIELDS if field.read is not None)
    return [
        ok(NAME, f"the {paths} interview paths and the question paths the field registry reads "
           "are present, each null or of its expected type")
    ]  # fmt: skip


def _interview_problems(definition: Mapping[str, Any]) -> Iterator[Check]:
    for field in INTERVIEW_FIELDS:
        if field.read is not None:
            yield from _field_problem(field, field.read, definition, "")


def _question_problems(definition: Mapping[str, Any]) -> Iterator[Check]:
    questions = definition.get("questions")
    if questions is None:
        return
    if not isinstance(questions, list):
        yield warning(
            NAME, f"questions is a {_json_type(questions)}, not a list",
            "plans cannot compare questions and show every question as added",
        )  # fmt: skip
        return
    reported: set[str] = set()
    for question in questions:
        if not isinstance(question, dict):
            continue
        for field in QUESTION_FIELDS:
            if field.read is not None and field.spec not in reported:
                found = list(_field_problem(field, field.read, question, "questions[]."))
                reported.update(field.spec for _ in found)
                yield from found


def _field_problem(
    field: Field, path: Sequence[str], document: Mapping[str, Any], prefix: str
) -> Iterator[Check]:
    where = prefix + ".".join(path)
    present, value = _lookup(document, path)
    if present is None:  # a parent is null: the value cannot be seen, nor missed
        return
    label = f"{where} (spec field {prefix}{field.spec})"
    if not present:
        yield _problem(field, f"{label} is missing")
        return
    expected = _expected_types(field)
    if value is None or not expected or _is_a(value, expected):
        return
    yield _problem(field, f"{label} is a {_json_type(value)}, not {' or '.join(expected)}")


def _problem(field: Field, found: str) -> Check:
    if field.how is How.RECREATE_IMMUTABLE:
        return failed(
            NAME, found, "plans would see this immutable field changed and recreate the "
            "interview (new id, candidate links broken); do not apply until this is resolved",
        )  # fmt: skip
    if field.spec in _CRITICAL:
        return failed(
            NAME, found, "plans cannot read markers or status, so apply would create every "
            "interview again; do not apply until this is resolved",
        )  # fmt: skip
    return warning(
        NAME, found, "plans compare this field against nothing: a spec that sets it shows a "
        "change after every apply",
    )  # fmt: skip


def _lookup(document: Mapping[str, Any], path: Sequence[str]) -> tuple[bool | None, Any]:
    """(True, value) when present; (False, None) when missing; (None, None) when a parent
    on the way is null."""
    current: Any = document
    for index, key in enumerate(path):
        if current is None and index > 0:
            return None, None
        if not isinstance(current, Mapping) or key not in current:
            return False, None
        current = current[key]
    return True, current


def _expected_types(field: Field) -> list[str]:
    declared = field.schema.get("type")
    if isinstance(declared, str):
        return [declared] if declared != "null" else []
    if isinstance(declared, list):
        return [name for name in declared if name != "null"]
    values = field.schema.get("enum") or ()
    return sorted({_json_type(value) for value in values if value is not None})


def _is_a(value: Any, expected: Sequence[str]) -> bool:
    if isinstance(value, bool):  # bool is an int in Python, never in JSON
        return "boolean" in expected
    return any(isinstance(value, _PYTHON_TYPES.get(name, ())) for name in expected)


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object" if isinstance(value, dict) else type(value).__name__
