"""A small declarative validator for request bodies and query strings.

The emulator's request rules are data (`Rule` values, see rules.py) checked here. The
first problem found becomes an `ApiProblem` (422 with `{error, name}` naming the field),
as the real API reports one problem at a time. Pure: no I/O.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PYTHON_TYPES: Mapping[str, tuple[type, ...]] = {
    "string": (str,),
    "number": (int, float),
    "integer": (int,),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}
_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "an integer",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
}


class ApiProblem(Exception):
    """An API error answer: HTTP status, message and (for field problems) the field name."""

    def __init__(self, status: int, message: str, name: str | None = None) -> None:
        self.status = status
        self.message = message
        self.name = name
        super().__init__(message)

    def body(self) -> dict[str, str]:
        """The spec's Error envelope."""
        return (
            {"error": self.message}
            if self.name is None
            else {
                "error": self.message,
                "name": self.name,
            }
        )


def invalid(name: str, message: str) -> ApiProblem:
    """A 422 for one field."""
    return ApiProblem(422, f"{name} {message}", name)


@dataclass(frozen=True)
class Rule:
    """What one field accepts. `types` empty means any JSON value."""

    types: tuple[str, ...] = ()
    required: bool = False
    nullable: bool = False
    enum: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    min_items: int | None = None
    uuid: bool = False
    email: bool = False
    items: Rule | None = None
    fields: Mapping[str, Rule] | None = None  # object members; None: free-form object


def validate_body(body: Any, fields: Mapping[str, Rule]) -> None:
    """Check a JSON request body against its field rules; raise ApiProblem(422) at the first."""
    if not isinstance(body, dict):
        raise ApiProblem(422, "the request body must be a JSON object")
    _check_members(body, fields, "")


def validate_query(params: Mapping[str, str], fields: Mapping[str, Rule]) -> dict[str, Any]:
    """Check query parameters and return them converted to their rule's type."""
    converted = {name: _from_query(name, text, fields.get(name)) for name, text in params.items()}
    _check_members(converted, fields, "")
    return converted


def _from_query(name: str, text: str, rule: Rule | None) -> Any:
    if rule is None or "integer" not in rule.types:
        return text
    try:
        return int(text)
    except ValueError:
        raise invalid(name, "must be an integer") from None


def _check_members(value: Mapping[str, Any], fields: Mapping[str, Rule], prefix: str) -> None:
    for key in value:
        if key not in fields:
            raise invalid(prefix + key, "is not a known field")
    for key, rule in fields.items():
        if rule.required and key not in value:
            raise invalid(prefix + key, "is required")
    for key, member in value.items():
        _check_value(member, fields[key], prefix + key)


def _check_value(value: Any, rule: Rule, name: str) -> None:
    if value is None:
        if not rule.nullable:
            raise invalid(name, "must not be null")
        return
    _check_type(value, rule, name)
    if isinstance(value, str):
        _check_string(value, rule, name)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        _check_number(value, rule, name)
    elif isinstance(value, list):
        _check_list(value, rule, name)
    elif isinstance(value, dict) and rule.fields is not None:
        _check_members(value, rule.fields, name + ".")


def _check_type(value: Any, rule: Rule, name: str) -> None:
    if not rule.types:
        return
    for type_name in rule.types:
        is_bool = isinstance(value, bool)
        if isinstance(value, _PYTHON_TYPES[type_name]) and is_bool == (type_name == "boolean"):
            return
    words = " or ".join(_TYPE_WORDS[type_name] for type_name in rule.types)
    raise invalid(name, f"must be {words}")


def _check_string(value: str, rule: Rule, name: str) -> None:
    if rule.enum and value not in rule.enum:
        raise invalid(name, f"must be one of: {', '.join(rule.enum)}")
    if rule.min_length is not None and len(value) < rule.min_length:
        raise invalid(name, "must not be empty")
    if rule.uuid and not is_uuid(value):
        raise invalid(name, "must be a UUID")
    if rule.email and not _EMAIL.match(value):
        raise invalid(name, "must be an email address")


def _check_number(value: float, rule: Rule, name: str) -> None:
    if rule.minimum is not None and value < rule.minimum:
        raise invalid(name, f"must be at least {_number_text(rule.minimum)}")
    if rule.maximum is not None and value > rule.maximum:
        raise invalid(name, f"must be at most {_number_text(rule.maximum)}")


def _check_list(value: list[Any], rule: Rule, name: str) -> None:
    if rule.min_items is not None and len(value) < rule.min_items:
        raise invalid(name, f"must have at least {rule.min_items} item(s)")
    if rule.items is not None:
        for index, item in enumerate(value):
            _check_value(item, rule.items, f"{name}[{index}]")


def is_uuid(text: str) -> bool:
    try:
        uuid.UUID(text)
    except ValueError:
        return False
    return len(text) == 36


def _number_text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)
