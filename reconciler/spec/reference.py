"""The spec reference (docs/spec-reference.md), generated from the schema and registry.

`render_reference()` is pure and deterministic; `python -m reconciler.spec.reference`
writes the file, and a test asserts the committed copy is current.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from typing import Final

from reconciler import registry
from reconciler.registry import How
from reconciler.spec.schema import build_schema

REFERENCE_PATH: Final = Path(__file__).resolve().parents[2] / "docs" / "spec-reference.md"

_CHANGE: Final = {
    How.IN_PLACE: "in place",
    How.STATE: "state change",
    How.RECREATE_IMMUTABLE: "**recreate** (immutable)",
    How.RECREATE_CREATE_ONLY: "**recreate** (create-only)",
    How.CREATE_TIME: "create time only",
}
_OURS_CHANGE: Final = {"questions": "in place (the whole list)", "generate": "see `generate`"}
_HEADER: Final = "| field | type | allowed values | default | a change | description |"
_RULE: Final = "|---|---|---|---|---|---|"
_INTRO: Final = """\
# Interview spec reference

Generated from `schemas/interview.schema.json` and the field registry by
`python -m reconciler.spec.reference`; do not edit by hand.

One interview per YAML file under `interviews/`. Field names are the JobMojito API's
write names, so its documentation applies as-is. Fields marked *ours* are
interviews-as-code additions. The "a change" column says how `apply` makes a change
to that field: in place (job-interview-update), as a state change (job-interview-set-state),
or by **recreating** the interview (a new id and new candidate links), because the API
cannot change the field after creation.

Required: `name`, `location`, `mojito_language_code`, and exactly one of `template` /
`interview_template_id`. With own questions (no `generate:`), `questions` and
`description` are required too; with `generate:`, `questions` is not allowed.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _types(fragment: Mapping[str, Any]) -> str:
    kind = fragment.get("type")
    if kind is None and "enum" in fragment:
        kind = ["string", "null"] if None in fragment["enum"] else "string"
    names = [kind] if isinstance(kind, str) else list(kind or ["any"])
    return " or ".join(names)


def _allowed(fragment: Mapping[str, Any]) -> str:
    parts = []
    if "enum" in fragment:
        parts.append(", ".join(f"`{value}`" for value in fragment["enum"] if value is not None))
    if "minimum" in fragment or "maximum" in fragment:
        parts.append(f"{fragment.get('minimum', '')}-{fragment.get('maximum', '')}")
    if "pattern" in fragment:
        parts.append(f"`{fragment['pattern']}`")
    if fragment.get("minLength") == 1 or fragment.get("minItems") == 1:
        parts.append("not empty")
    return "; ".join(parts)


def _default(fragment: Mapping[str, Any]) -> str:
    if "default" not in fragment:
        return ""
    value = fragment["default"]
    if value is None:
        return "`null`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    return f"`{value}`"


def _row(name: str, fragment: Mapping[str, Any], change: str, description: str) -> str:
    cells = [f"`{name}`", _types(fragment), _allowed(fragment), _default(fragment), change,
             description]  # fmt: skip
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _resolved(fragment: Mapping[str, Any], defs: Mapping[str, Any]) -> Mapping[str, Any]:
    """A property with its `$ref` target's constraints shown, keeping its own description."""
    if "$ref" not in fragment:
        return fragment
    name = fragment["$ref"].rsplit("/", 1)[-1]
    if name == "key":
        return {**defs["key"], **{k: v for k, v in fragment.items() if k != "$ref"}}
    return {"type": f"object (see `{name}`)", "description": defs[name]["description"]}


def _table(
    properties: Mapping[str, Any], fields: Mapping[str, registry.Field], defs: Mapping[str, Any]
) -> list[str]:
    rows = [_HEADER, _RULE]
    for name, fragment in properties.items():
        field = fields.get(name)
        change = _CHANGE[field.how] if field else _OURS_CHANGE.get(name, "*ours*")
        shown = _resolved(fragment, defs)
        rows.append(_row(name, shown, change, shown.get("description", "")))
    return rows


def render_reference() -> str:
    """The reference document as Markdown."""
    schema = build_schema()
    defs = schema["$defs"]
    generate_fields = {f.spec.removeprefix("generate."): f for f in registry.INTERVIEW_FIELDS}
    sections = [
        _INTRO,
        "## Interview fields\n",
        *_table(schema["properties"], registry.INTERVIEW_BY_SPEC, defs),
        "\n## `generate:` (AI-generated questions)\n",
        defs["generate"]["description"] + "\n",
        *_table(defs["generate"]["properties"], generate_fields, defs),
        "\n## `questions:` items\n",
        defs["question"]["description"] + " Only `question` is required.\n",
        *_table(defs["question"]["properties"], registry.QUESTION_BY_SPEC, defs),
        "\n## `lint:` (on an interview or a question)\n",
        defs["lint"]["description"] + "\n",
        *_table(defs["lint"]["properties"], {}, defs),
    ]
    return "\n".join(sections) + "\n"


def main() -> int:
    """`python -m reconciler.spec.reference`: rewrite docs/spec-reference.md."""
    REFERENCE_PATH.parent.mkdir(exist_ok=True)
    REFERENCE_PATH.write_text(render_reference(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
