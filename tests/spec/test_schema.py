from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from reconciler import registry
from reconciler.spec import schema
from tests.conftest import REPO_ROOT

REPO_SCHEMA = REPO_ROOT / "schemas" / schema.SCHEMA_NAME
PACKAGED_SCHEMA = REPO_ROOT / "reconciler" / "schemas" / schema.SCHEMA_NAME

# Write-side names that are not spec fields: identity or per-request switches.
NOT_SPEC_FIELDS = {"position_id", "regenerate_candidate_expectations", "questions"}
QUESTION_IDENTITY = {"id", "external_id", "is_conditional", "conditional_question_main_id"}


def test_both_schema_copies_are_identical_and_current() -> None:
    assert REPO_SCHEMA.read_bytes() == PACKAGED_SCHEMA.read_bytes()
    assert REPO_SCHEMA.read_text(encoding="utf-8") == schema.render_schema()


def test_packaged_schema_loads_as_the_built_one() -> None:
    assert schema.load_schema() == schema.build_schema()


def test_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(schema.build_schema())


def test_build_is_deterministic() -> None:
    assert schema.render_schema() == schema.render_schema()


def test_every_registry_field_is_in_the_schema() -> None:
    built = schema.build_schema()
    generate = built["$defs"]["generate"]["properties"]
    for field in registry.INTERVIEW_FIELDS:
        name = field.spec.removeprefix("generate.")
        properties = generate if field.spec.startswith("generate.") else built["properties"]
        assert properties[name]["description"] == field.description
    question = built["$defs"]["question"]["properties"]
    assert {f.spec for f in registry.QUESTION_FIELDS} <= set(question)


def test_descriptions_name_create_only_and_immutable_fields() -> None:
    properties = schema.build_schema()["properties"]
    assert "Immutable:" in properties["mojito_language_code"]["description"]
    assert "Create-only:" in properties["welcome_message"]["description"]
    assert "Create-only" not in properties["name"]["description"]


def test_registry_defaults_become_schema_defaults() -> None:
    properties = schema.build_schema()["properties"]
    assert properties["status"]["default"] == "draft"
    assert properties["tags"]["default"] == []
    assert "default" not in properties["name"]


def _write_names(request: dict[str, Any]) -> set[str]:
    return set(request["properties"]) - NOT_SPEC_FIELDS


@pytest.mark.contract
def test_schema_covers_every_writable_field(openapi_spec: dict[str, Any]) -> None:
    components = openapi_spec["components"]["schemas"]
    writable = set().union(
        *(_write_names(components[name]) for name in (
            "JobInterviewCreateRequest",
            "JobInterviewCreateFromArrayRequest",
            "JobInterviewUpdateRequest",
        ))
    )  # fmt: skip
    managed = {field.write_name for field in registry.INTERVIEW_FIELDS}
    assert writable == managed


@pytest.mark.contract
def test_schema_covers_every_question_field(openapi_spec: dict[str, Any]) -> None:
    question = openapi_spec["components"]["schemas"]["JobInterviewCreateFromArrayQuestion"]
    managed = {field.write_name for field in registry.QUESTION_FIELDS}
    assert set(question["properties"]) - QUESTION_IDENTITY == managed


def _check_jsonschema() -> str:
    beside_python = Path(sys.executable).parent / "check-jsonschema"
    found = str(beside_python) if beside_python.exists() else shutil.which("check-jsonschema")
    assert found, "check-jsonschema is in the dev extras: pip install -e '.[dev]'"
    return found


def test_examples_pass_an_independent_validator() -> None:
    executable = _check_jsonschema()
    examples = sorted(str(path) for path in (REPO_ROOT / "interviews").glob("*.yaml"))
    result = subprocess.run(
        [executable, "--schemafile", str(REPO_SCHEMA), *examples],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(examples) >= 5
