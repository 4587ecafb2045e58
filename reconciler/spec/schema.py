"""The spec's JSON Schema, generated from the field registry.

`build_schema()` is pure and deterministic: the same registry always gives the same
document, so the committed copies can be checked byte for byte. `load_schema()` reads the
copy packaged with the installed package. `python -m reconciler.spec.schema` rewrites
`schemas/interview.schema.json` (for editors and other validators) and the packaged copy.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any
from typing import Final

from reconciler import registry
from reconciler.registry import UNMANAGED
from reconciler.registry import Field

SCHEMA_NAME: Final = "interview.schema.json"
KEY_PATTERN: Final = "^[a-z0-9][a-z0-9-]*$"
KEY_MAX_LENGTH: Final = 63
RULE_ID_PATTERN: Final = "^[A-Z]+[0-9]{3}$"
UUID_PATTERN: Final = (
    "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
GENERATE_PREFIX: Final = "generate."

_DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
_KEY_REF: Final = "#/$defs/key"
_CREATE_ONLY_OBJECT: Final = (
    " Every setting here is create-only: changing it recreates the interview."
)


def plain(value: Any) -> Any:
    """Deep copy of a registry fragment as plain JSON types (dict, list)."""
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def _field_schema(field: Field) -> dict[str, Any]:
    fragment: dict[str, Any] = {"description": field.description, **plain(field.schema)}
    if field.default is not UNMANAGED:
        fragment["default"] = plain(field.default)
    return fragment


def _properties(fields: Iterable[Field], prefix: str = "") -> dict[str, Any]:
    return {field.spec.removeprefix(prefix): _field_schema(field) for field in fields}


def _defs() -> dict[str, Any]:
    return {
        "key": {
            "type": "string",
            "pattern": KEY_PATTERN,
            "maxLength": KEY_MAX_LENGTH,
            "description": "A slug: lowercase letters, digits and '-', starting with a "
            "letter or digit, at most 63 characters.",
        },
        "lint": {
            "type": "object",
            "additionalProperties": False,
            "required": ["ignore", "reason"],
            "description": "Silence lint rules here, with the reason (reviewers read it).",
            "properties": {
                "ignore": {
                    "type": "array",
                    "minItems": 1,
                    "uniqueItems": True,
                    "items": {"type": "string", "pattern": RULE_ID_PATTERN},
                    "description": "Rule ids such as IAC101.",
                },
                "reason": {
                    "type": "string",
                    "minLength": 1,
                    "description": "Why the rules do not apply here.",
                },
            },
        },
        "generate": _generate_schema(),
        "question": _question_schema(),
    }


def _generate_schema() -> dict[str, Any]:
    fields = [f for f in registry.INTERVIEW_FIELDS if f.spec.startswith(GENERATE_PREFIX)]
    return {
        "type": "object",
        "additionalProperties": False,
        "description": "Let the AI write the questions (job-interview-create, Option A). "
        "Cannot be combined with `questions`. The generated questions are not managed "
        "until you write them back into the file." + _CREATE_ONLY_OBJECT,
        "properties": _properties(fields, GENERATE_PREFIX),
    }


def _question_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {
        "key": {
            "$ref": _KEY_REF,
            "description": "The question's identity (sent as external_id); unique in the "
            "file. Derived from the first five words of the text when omitted.",
        },
        **_properties(registry.QUESTION_FIELDS),
        "follows": {
            "$ref": _KEY_REF,
            "description": "Key of an earlier question: this one is asked only as its "
            "conditional follow-up.",
        },
        "lint": {"$ref": "#/$defs/lint"},
    }
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["question"],
        "description": "One question, in the order candidates get them.",
        "properties": properties,
    }


def _top_level_fields() -> list[Field]:
    return [f for f in registry.INTERVIEW_FIELDS if "." not in f.spec]


def _root_properties() -> dict[str, Any]:
    return {
        "key": {
            "$ref": _KEY_REF,
            "description": "The interview's identity, unique in the repository; the file "
            "name without extension when omitted. Changing it means a different interview.",
        },
        "template": {
            "type": "string",
            "minLength": 1,
            "description": "Template (avatar/voice) by name, resolved through "
            "merchant-avatar-list; the alternative to `interview_template_id`.",
        },
        **_properties(_top_level_fields()),
        "generate": {"$ref": "#/$defs/generate"},
        "questions": {
            "type": "array",
            "minItems": 1,
            "items": {"$ref": "#/$defs/question"},
            "description": "The complete ordered list of questions (create-from-array, "
            "Option B). Required unless `generate` is given.",
        },
        "protect": {
            "type": "boolean",
            "default": False,
            "description": "Never archive or recreate this interview (plan and apply refuse).",
        },
        "import_id": {
            "type": "string",
            "pattern": UUID_PATTERN,
            "description": "Id of an existing live interview to adopt: the next apply marks "
            "it as managed and brings it in line. The line may be deleted afterwards.",
        },
        "allow_duplicate_name": {
            "type": "boolean",
            "default": False,
            "description": "Create this interview even when a live interview of the same type "
            "and name exists that the repository does not manage (the plan blocks such a "
            "create otherwise: adopt that one with `import_id` instead).",
        },
        "previous_keys": {
            "type": "array",
            "uniqueItems": True,
            "items": {"$ref": _KEY_REF},
            "description": "Keys this interview had before (a renamed file or `key`): an "
            "interview marked with one of them is this one, renamed in place (same id, "
            "same links).",
        },
        "lint": {"$ref": "#/$defs/lint"},
    }


def build_schema() -> dict[str, Any]:
    """The interview spec's JSON Schema (2020-12) as plain data; deterministic."""
    return {
        "$schema": _DRAFT,
        "$id": "urn:interviews-as-code:" + SCHEMA_NAME,
        "title": "JobMojito interview spec (interviews-as-code)",
        "description": "One interview per file. Field names are the API's write names "
        "(job-interview-create, -create-from-array, -update); key, template, questions[].key, "
        "follows, generate, protect, import_id, allow_duplicate_name, previous_keys and lint "
        "are interviews-as-code additions.",
        "type": "object",
        "additionalProperties": False,
        "required": ["name", "location", "mojito_language_code"],
        "properties": _root_properties(),
        "oneOf": [{"required": ["template"]}, {"required": ["interview_template_id"]}],
        "if": {"required": ["generate"]},
        "then": {"not": {"required": ["questions"]}},
        "else": {"required": ["questions", "description"]},
        "$defs": _defs(),
    }


def render_schema() -> str:
    """The schema as the committed file text (two-space indent, trailing newline)."""
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"


def load_schema() -> dict[str, Any]:
    """The schema packaged with the installed package."""
    text = resources.files("reconciler").joinpath("schemas", SCHEMA_NAME).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_paths() -> tuple[Path, ...]:
    """Where the schema is written: the packaged copy, and the repository's when present."""
    package_dir = Path(__file__).resolve().parents[1]
    repo_schemas = package_dir.parent / "schemas"
    packaged = package_dir / "schemas" / SCHEMA_NAME
    return (packaged, repo_schemas / SCHEMA_NAME) if repo_schemas.is_dir() else (packaged,)


def main() -> int:
    """`python -m reconciler.spec.schema`: rewrite the schema files from the registry."""
    text = render_schema()
    for path in schema_paths():
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
