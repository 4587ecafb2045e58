"""The declarative request validator: one 422 naming the first bad field."""

from __future__ import annotations

from typing import Any

import pytest

from reconciler.emulator import rules
from reconciler.emulator.validation import ApiProblem
from reconciler.emulator.validation import Rule
from reconciler.emulator.validation import validate_body
from reconciler.emulator.validation import validate_query
from tests.emulator import samples


def _problem(body: Any, fields: Any = rules.CREATE_BODY) -> dict[str, str]:
    with pytest.raises(ApiProblem) as caught:
        validate_body(body, fields)
    assert caught.value.status == 422
    return caught.value.body()


@pytest.mark.parametrize(
    ("change", "error", "name"),
    [
        ({"name": None}, "name must not be null", "name"),
        ({"name": ""}, "name must not be empty", "name"),
        ({"status": "archived"}, "status must be one of: draft, active", "status"),
        (
            {"interview_template_id": "abc"},
            "interview_template_id must be a UUID",
            "interview_template_id",
        ),
        ({"interview_attempts": 21}, "interview_attempts must be at most 20", "interview_attempts"),
        ({"max_followups": 1.5}, "max_followups must be an integer", "max_followups"),
        ({"is_embedded": "yes"}, "is_embedded must be true or false", "is_embedded"),
        ({"tags": ["a", 3]}, "tags[1] must be a string", "tags[1]"),
        ({"colour": "red"}, "colour is not a known field", "colour"),
        (
            {"hiring_for_company": {"name": "x", "size": 3}},
            "hiring_for_company.size is not a known field",
            "hiring_for_company.size",
        ),
    ],
)
def test_names_the_bad_field(change: dict[str, Any], error: str, name: str) -> None:
    assert _problem(samples.create_body(**change)) == {"error": error, "name": name}


def test_missing_required_field() -> None:
    body = samples.create_body()
    del body["visibility"]

    assert _problem(body) == {"error": "visibility is required", "name": "visibility"}


def test_body_must_be_an_object() -> None:
    assert _problem([1, 2]) == {"error": "the request body must be a JSON object"}


def test_candidate_email_format() -> None:
    body = samples.candidate_body(candidate_email="kim at example")

    assert _problem(body, rules.CANDIDATE_BODY) == {
        "error": "candidate_email must be an email address",
        "name": "candidate_email",
    }


def test_empty_question_list() -> None:
    body = samples.from_array_body(questions=[])

    assert _problem(body, rules.CREATE_FROM_ARRAY_BODY) == {
        "error": "questions must have at least 1 item(s)",
        "name": "questions",
    }


def test_query_values_are_converted() -> None:
    params = validate_query({"limit": "5", "type": "coaching"}, rules.INTERVIEW_LIST_QUERY)

    assert params == {"limit": 5, "type": "coaching"}


def test_query_integer_that_is_not_a_number() -> None:
    with pytest.raises(ApiProblem) as caught:
        validate_query({"offset": "ten"}, rules.INTERVIEW_LIST_QUERY)

    assert caught.value.body() == {"error": "offset must be an integer", "name": "offset"}


def test_rule_without_types_accepts_anything() -> None:
    validate_body({"free": {"any": [1, "x"]}}, {"free": Rule()})
