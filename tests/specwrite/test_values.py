"""Live definition -> spec values: defaults left out, registry read paths, question keys."""

from __future__ import annotations

from typing import Any

from reconciler.live import Template
from reconciler.specwrite.values import interview_values
from reconciler.specwrite.values import question_keys
from reconciler.specwrite.values import questions_data
from reconciler.specwrite.values import spec_data
from reconciler.specwrite.values import template_value

AVA = Template("t-1", "Ava", "interactive_heygen", "active", "en")
AVA_TOO = Template("t-2", "Ava", "interactive_heygen", "active", "de")
MARCUS = Template("t-3", "Marcus", "interactive_heygen", "active", "en")


def _definition(**extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "name": "Barista",
        "interview_location": "Porto",
        "mojito_language_code": "en",
        "interview_template_id": "t-3",
        "description": None,
        "status": "draft",
        "visibility": "merchant_invite",
        "type": "interview",
        "type_credit": None,
        "merchant_id": "m-1",
        "max_duration": 1200.0,
        "candidate_video_introduction": None,
        "required_pronunciation": False,
        "result_enable_edit_transcript": True,
        "tags": ["iac:acme/barista", "cafe"],
        "result_scoring": {"max_retries": 2},
        "creation_parameters": {"interview_type": "pre-screening", "interview_tone": None},
        "questions": [],
    }
    return {**base, **extra}


def test_defaults_nulls_markers_and_admin_fields_are_left_out() -> None:
    values = interview_values(_definition(), [AVA, MARCUS])
    assert values == {
        "name": "Barista",
        "location": "Porto",
        "description": None,
        "tags": ["cafe"],
        "mojito_language_code": "en",
        "template": "Marcus",
        "interview_attempts": 2,
    }


def test_renamed_and_nested_fields_are_read_through_the_registry() -> None:
    definition = _definition(
        interview_description_long="Long",
        max_duration=900.0,
        result_scoring={"max_retries": 3, "pass_mark": 60},
        creation_parameters={"interview_type": "second-interview", "seniority_level": "senior"},
        pdf_export_auto_config={"transcript": True, "files": None},
    )
    values = interview_values(definition, [MARCUS])
    assert values["description_long"] == "Long"
    assert values["max_duration"] == 900
    assert values["interview_attempts"] == 3
    assert values["custom_scoring"] == {"pass_mark": 60}
    assert values["interview_type"] == "second-interview"
    assert values["seniority_level"] == "senior"
    assert values["pdf_export_auto_config"] == {"transcript": True}


def test_template_by_name_only_when_the_name_is_unique() -> None:
    assert template_value("t-1", [AVA, MARCUS]) == ("template", "Ava")
    assert template_value("t-1", [AVA, AVA_TOO]) == ("interview_template_id", "t-1")
    assert template_value("t-9", [AVA]) == ("interview_template_id", "t-9")


def test_question_keys_prefer_valid_external_ids_and_derive_the_rest() -> None:
    items = [
        {"question": "Why this role?", "external_id": "why"},
        {"question": "Why this role?", "external_id": "Not A Key"},
        {"question": "Why this role?"},
        {"question": "Anything else?", "external_id": "why"},
    ]
    assert question_keys(items) == ["why", "role", "role-2", "anything-else"]


def test_questions_in_schema_order_with_follows_from_the_parent_id() -> None:
    items = [
        {"id": "a", "question": "First?", "duration": 30.0, "is_expert": False},
        {
            "id": "b",
            "question": "Then?",
            "is_conditional": True,
            "conditional_question_main_id": "a",
            "question_alternatives": [],
            "label": "x",
        },
    ]
    assert questions_data(items) == [
        {"key": "first", "question": "First?", "duration": 30},
        {"key": "then", "question": "Then?", "label": "x", "follows": "first"},
    ]


def test_spec_data_is_in_schema_order() -> None:
    data = spec_data(_definition(), [MARCUS], key="barista-2", import_id="id-1")
    assert list(data) == [
        "key",
        "template",
        "name",
        "location",
        "description",
        "tags",
        "mojito_language_code",
        "interview_attempts",
        "questions",
        "import_id",
    ]
