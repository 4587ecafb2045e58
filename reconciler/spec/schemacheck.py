"""Stage 1c, check against the JSON Schema: jsonschema errors -> located problems.

Pure: no I/O. Messages name the field and what is wrong in words, with a hint; unknown
fields get "did you mean". Rules the schema states only for other validators (exactly
one of template/interview_template_id, generate without questions) are reported by
`rules` instead, with better words, so their raw schema errors are dropped here.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from collections.abc import Mapping
from functools import cache
from typing import Any
from typing import Final

from jsonschema import Draft202012Validator
from jsonschema import ValidationError

from reconciler.errors import Problem
from reconciler.spec.keys import question_label
from reconciler.spec.keys import slug
from reconciler.spec.schema import load_schema
from reconciler.spec.textfile import Position
from reconciler.spec.yamlread import Document

_LISTED_FIELDS: Final = 12  # longer lists of allowed fields point at the reference instead
_LEFT_TO_RULES: Final = frozenset({"oneOf", "not", "if"})
_TYPE_NAMES: Final = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "null",
}
_ROOT_HINTS: Final = {
    **dict.fromkeys(
        (
            "interview_length",
            "include_rapport_question",
            "include_closing_prompt",
            "additional_context",
            "use_enhanced_expectations",
        ),
        "move it under generate:",
    ),
    "id": "use import_id: to adopt an existing interview",
    "position_id": "use import_id: to adopt an existing interview",
}
_QUESTION_HINTS: Final = {
    "is_conditional": "use follows: <key of an earlier question>",
    "conditional_question_main_id": "use follows: <key of an earlier question>",
    "external_id": "use key: (it is sent as external_id)",
    "id": "use key: (it is sent as external_id)",
}
_REQUIRED_HINTS: Final = {
    "questions": "list the questions, or add generate: to let the AI write them",
    "description": "interviews with own questions need a short description",
    "question": "every question needs its text",
    "ignore": "lint needs ignore: [RULE-ID, ...] and reason: why",
    "reason": "lint needs ignore: [RULE-ID, ...] and reason: why",
}


@cache
def _validator() -> Draft202012Validator:
    schema = load_schema()
    return Draft202012Validator(_inlined(schema, schema.get("$defs", {})))


def _inlined(node: Any, definitions: Mapping[str, Any], seen: tuple[str, ...] = ()) -> Any:
    """`node` with each local `$ref` replaced by the definition it names. The same
    validation: jsonschema resolves a `$ref` anew at every use, which was most of the
    time a plan spent checking specs (a question's `$ref`, times every question)."""
    if isinstance(node, list):
        return [_inlined(item, definitions, seen) for item in node]
    if not isinstance(node, dict):
        return node
    inlined = {name: _inlined(value, definitions, seen) for name, value in node.items()}
    reference = node.get("$ref")
    prefix = "#/$defs/"
    if not (isinstance(reference, str) and reference.startswith(prefix)):
        return inlined
    name = reference.removeprefix(prefix)
    if name in seen or name not in definitions:
        return inlined  # recursive or unknown: left to jsonschema
    target = _inlined(definitions[name], definitions, (*seen, name))
    siblings = {key: value for key, value in inlined.items() if key != "$ref"}
    if set(siblings) & set(target):
        return {**siblings, "allOf": [target]}
    return {**target, **siblings}


def schema_problems(document: Document) -> list[Problem]:
    """Every schema violation in one parsed spec file, one problem each."""
    errors = [e for e in _validator().iter_errors(document.data) if _is_reported(e)]
    typed = {_path(e) for e in errors if e.validator == "type"}
    problems: dict[tuple[Position, str], Problem] = {}
    for error in errors:
        if error.validator != "type" and _path(error) in typed:
            continue  # a value of the wrong type: its other errors only repeat that
        for problem in _translate(error, document):
            problems.setdefault(((problem.line, problem.col), problem.message), problem)
    return list(problems.values())


def _is_reported(error: ValidationError) -> bool:
    return not (error.validator in _LEFT_TO_RULES and not error.absolute_path)


def _path(error: ValidationError) -> str:
    return ".".join(str(part) for part in error.absolute_path)


def _problem(document: Document, position: Position, message: str, hint: str = "") -> Problem:
    return Problem(document.file, position[0], position[1], message, hint)


def _value_position(document: Document, path: str) -> Position:
    return document.positions.get(path, (1, 1))


def _translate(error: ValidationError, document: Document) -> Iterator[Problem]:
    if error.validator == "additionalProperties":
        yield from _unknown_fields(error, document)
    elif error.validator == "required":
        yield from _missing_fields(error, document)
    else:
        path = _path(error)
        message, hint = _describe(error, path, document)
        yield _problem(document, _value_position(document, path), message, hint)


def _unknown_fields(error: ValidationError, document: Document) -> Iterator[Problem]:
    allowed = list(error.schema.get("properties", {}))
    base = _path(error)
    for name in error.instance:
        if name in allowed:
            continue
        path = f"{base}.{name}" if base else name
        position = document.key_positions.get(path, _value_position(document, base))
        yield _problem(document, position, f'unknown field "{name}"', _did_you_mean(name, allowed))


def _did_you_mean(name: str, allowed: list[str]) -> str:
    special = (
        _QUESTION_HINTS if "follows" in allowed else _ROOT_HINTS if "template" in allowed else {}
    )
    if name in special:
        return special[name]
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f'did you mean "{close[0]}"?'
    if len(allowed) > _LISTED_FIELDS:
        return "see docs/spec-reference.md for the fields allowed here"
    return "allowed here: " + ", ".join(sorted(allowed))


def _missing_fields(error: ValidationError, document: Document) -> Iterator[Problem]:
    instance: Mapping[str, Any] = error.instance
    path = _path(error)
    for name in error.validator_value:
        if name not in instance:
            hint = _REQUIRED_HINTS.get(name, f"add {name}: ...")
            # point at `lint:` rather than at the first line inside it
            position = document.key_positions.get(path) or _value_position(document, path)
            yield _problem(document, position, f'missing required field "{name}"', hint)


def _label(path: str, document: Document) -> str:
    """The value at `path` as people name it: `"max_duration"`, `"tags" item 2`, or in a
    question `question 2 (key "why"): duration`; items count from 1, as people count
    (the dotted path counts from 0)."""
    if not path:
        return "the file"
    parts = path.split(".")
    items = document.data.get("questions")
    if parts[0] != "questions" or len(parts) < 2 or not isinstance(items, list):
        return _readable(parts, quoted=True)
    index = int(parts[1])
    item = items[index] if index < len(items) else None
    question = question_label(index, item.get("key") if isinstance(item, dict) else None)
    return f"{question}: {_readable(parts[2:], quoted=False)}" if parts[2:] else question


def _readable(parts: list[str], *, quoted: bool) -> str:
    """`["lint", "ignore", "0"]` -> `"lint.ignore" item 1` (quoted) or `lint.ignore item 1`."""
    text, names = "", []
    for part in [*parts, ""]:
        if part and not part.isdigit():
            names.append(part)
            continue
        if names:
            run = ".".join(names)
            text += (" " if text else "") + (f'"{run}"' if quoted else run)
            names = []
        if part:
            text += f" item {int(part) + 1}"
    return text


def _describe(error: ValidationError, path: str, document: Document) -> tuple[str, str]:
    """Message and hint for one error that concerns a single value."""
    kind, expected, value = error.validator, error.validator_value, error.instance
    label = _label(path, document)
    if kind == "type":
        return f"{label} must be {_expected_types(expected)}, not {_type_of(value)}", ""
    if kind == "enum":
        return _describe_enum(label, expected, value)
    if kind == "pattern":
        return _describe_pattern(label, expected, value)
    if kind in ("minLength", "minItems") and expected == 1:
        return f"{label} must not be empty", ""
    if kind == "minimum":
        return f"{label} must be at least {expected}, not {value}", ""
    if kind == "maximum":
        return f"{label} must be at most {expected}, not {value}", ""
    if kind == "maxLength":
        return f"{label} must be at most {expected} characters long", ""
    if kind == "uniqueItems":
        return f"{label} lists the same item more than once", "remove the repeated items"
    return f"{label}: {error.message}", ""


def _expected_types(expected: str | list[str]) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return " or ".join(_TYPE_NAMES.get(name, name) for name in names)


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f'the text "{value}"'
    return "a list" if isinstance(value, list) else "a mapping"


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _describe_enum(label: str, options: list[Any], value: Any) -> tuple[str, str]:
    names = [str(option) for option in options if option is not None]
    text = ", ".join(names) + (" or null" if None in options else "")
    close = difflib.get_close_matches(str(value), names, n=1, cutoff=0.5)
    hint = f'did you mean "{close[0]}"?' if close else ""
    return f"{label} must be one of {text}; not {_show(value)}", hint


def _describe_pattern(label: str, pattern: str, value: Any) -> tuple[str, str]:
    if pattern.startswith("^[a-z0-9]"):
        suggestion = slug(str(value), max_words=None)
        hint = f"for example {suggestion}" if suggestion else ""
        return (
            f"{label} must be a key: lowercase letters, digits and '-', not {_show(value)}",
            hint,
        )
    if pattern.startswith("^[A-Z]"):
        return f"{label}: rule ids look like IAC101, not {_show(value)}", ""
    return f"{label} must be a UUID, not {_show(value)}", "copy the id from JobMojito"
