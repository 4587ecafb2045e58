"""Contract checks against the real OpenAPI spec, read at run time (never copied).

The spec's dialect is OpenAPI 3.0 style inside a 3.1 document (`nullable: true`, `$ref`
to `#/components/schemas`); `to_json_schema` turns a piece of it into JSON Schema 2020-12
so jsonschema can check requests and responses. Responses are checked strictly: a null is
accepted only where the spec itself says `nullable` (the MCP server's relaxation is not
applied). Request bodies can be checked strictly too (`strict=True`): every object whose
properties the spec lists refuses any other property, also where the spec lets extra keys
through (its question items are shared with the read side), so a field the API does not
document cannot hide in what the tool sends. Objects the spec leaves free-form (no
properties listed) stay open. Each check raises AssertionError listing every problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jsonschema import Draft202012Validator
from jsonschema import FormatChecker

_SKIPPED_KEYS = frozenset(
    {"nullable", "example", "examples", "description", "discriminator", "xml", "deprecated"}
)
_SCHEMA_LISTS = frozenset({"anyOf", "oneOf", "allOf", "prefixItems"})
_SCHEMA_VALUES = frozenset({"items", "additionalProperties", "not", "contains"})
_SCHEMA_MAPS = frozenset({"properties", "$defs"})


def to_json_schema(node: Any, *, in_alternatives: bool = False) -> Any:
    """Convert one OpenAPI schema (with nullable and component refs) to JSON Schema."""
    if not isinstance(node, dict):
        return node
    converted: dict[str, Any] = {}
    for key, value in node.items():
        if key in _SKIPPED_KEYS:
            continue
        if key == "$ref":
            converted[key] = value.replace("#/components/schemas/", "#/$defs/")
        elif key == "properties":
            converted[key] = {name: to_json_schema(sub) for name, sub in value.items()}
        elif key in _SCHEMA_LISTS:
            converted[key] = [to_json_schema(sub, in_alternatives=True) for sub in value]
        elif key in _SCHEMA_VALUES:
            converted[key] = to_json_schema(value)
        else:
            converted[key] = value
    return _with_null(converted, in_alternatives) if node.get("nullable") is True else converted


def _with_null(schema: dict[str, Any], in_alternatives: bool) -> dict[str, Any]:
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        schema["type"] = [*types, "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        return schema
    if not schema:  # `{nullable: true}` alone: "null" as an alternative, else anything
        return {"type": "null"} if in_alternatives else {}
    return {"anyOf": [schema, {"type": "null"}]}


def closed(schema: Any) -> Any:
    """A converted schema in which every object that lists its properties refuses others."""
    if not isinstance(schema, dict):
        return schema
    result: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _SCHEMA_MAPS:
            result[key] = {name: closed(sub) for name, sub in value.items()}
        elif key in _SCHEMA_LISTS:
            result[key] = [closed(sub) for sub in value]
        elif key in _SCHEMA_VALUES:
            result[key] = closed(value)
        else:
            result[key] = value
    if "properties" in schema:
        result["additionalProperties"] = False
    return result


def validate_request_body(
    spec: Mapping[str, Any], path: str, method: str, body: Any, *, strict: bool = False
) -> None:
    """The JSON body must match the operation's request schema; `strict`: and name no
    property the schema does not list, at any depth."""
    operation = _operation(spec, path, method)
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    what = f"{method.upper()} {path} request body"
    _check(spec, schema, body, what, strict=strict)


def validate_query(
    spec: Mapping[str, Any], path: str, method: str, params: Mapping[str, Any]
) -> None:
    """Query parameters must be declared, present when required, and match their schema."""
    declared = {
        parameter["name"]: parameter
        for parameter in _operation(spec, path, method).get("parameters", [])
        if parameter["in"] == "query"
    }
    problems = [f"{name}: not a declared parameter" for name in params if name not in declared]
    problems += [
        f"{name}: required parameter missing"
        for name, parameter in declared.items()
        if parameter.get("required") and name not in params
    ]
    if problems:
        raise AssertionError(f"{method.upper()} {path} query: " + "; ".join(problems))
    for name, value in params.items():
        schema = declared[name]["schema"]
        typed = int(value) if schema.get("type") == "integer" else value
        _check(spec, schema, typed, f"{method.upper()} {path} query parameter {name}")


def validate_response(
    spec: Mapping[str, Any], path: str, method: str, status: int, body: Any
) -> None:
    """The body must match the schema the spec declares for this operation and status."""
    responses = _operation(spec, path, method)["responses"]
    if str(status) not in responses:
        declared = ", ".join(sorted(responses))
        raise AssertionError(f"{method.upper()} {path}: status {status} not declared ({declared})")
    schema = responses[str(status)]["content"]["application/json"]["schema"]
    _check(spec, schema, body, f"{method.upper()} {path} {status} response")


def _operation(spec: Mapping[str, Any], path: str, method: str) -> Mapping[str, Any]:
    try:
        operation: Mapping[str, Any] = spec["paths"][path][method.lower()]
    except KeyError:
        raise AssertionError(f"the spec has no operation {method.upper()} {path}") from None
    return operation


def _check(
    spec: Mapping[str, Any], schema: Any, instance: Any, what: str, *, strict: bool = False
) -> None:
    components = spec.get("components", {}).get("schemas", {})
    document = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": {name: to_json_schema(sub) for name, sub in components.items()},
        **to_json_schema(schema),
    }
    if strict:
        document = closed(document)
    validator = Draft202012Validator(document, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=lambda error: error.json_path)
    if errors:
        lines = [f"  {error.json_path}: {error.message}" for error in errors[:20]]
        raise AssertionError(f"{what} does not match the spec:\n" + "\n".join(lines))
