"""The strict request check refuses what the spec does not list, at any depth, and leaves
the spec's free-form objects open; the lenient check keeps the spec's passthroughs."""

from __future__ import annotations

from typing import Any

import pytest

from tests.openapi_contract import validate_query
from tests.openapi_contract import validate_request_body

UPDATE = "/job-interview-update"
ID = "00000000-0000-4000-8000-000000000000"


def test_an_unlisted_question_key_passes_leniently_and_fails_strictly(
    openapi_spec: dict[str, Any],
) -> None:
    body = {"position_id": ID, "questions": [{"question": "Why us?", "key": "why"}]}

    validate_request_body(openapi_spec, UPDATE, "post", body)
    with pytest.raises(AssertionError, match=r"\$\.questions\[0\]: .*'key' was unexpected"):
        validate_request_body(openapi_spec, UPDATE, "post", body, strict=True)


@pytest.mark.parametrize(
    ("body", "unexpected"),
    [
        ({"position_id": ID, "positon_name": "x"}, r"\$: .*'positon_name'"),
        ({"position_id": ID, "hiring_for_company": {"name": "A", "size": 3}}, r"'size'"),
        (
            {"interview_id": ID, "users": [{"email": "a@example.com", "country": "PT"}]},
            r"\$\.users\[0\]: .*'country'",
        ),
    ],
)
def test_strict_refuses_unlisted_properties_at_every_depth(
    openapi_spec: dict[str, Any], body: dict[str, Any], unexpected: str
) -> None:
    path = UPDATE if "position_id" in body else "/job-interview-register-users"
    with pytest.raises(AssertionError, match=unexpected):
        validate_request_body(openapi_spec, path, "post", body, strict=True)


def test_strict_leaves_free_form_objects_open(openapi_spec: dict[str, Any]) -> None:
    body = {"position_id": ID, "custom_scoring": {"anything": {"goes": 1}}}

    validate_request_body(openapi_spec, UPDATE, "post", body, strict=True)


def test_undeclared_query_parameters_are_refused(openapi_spec: dict[str, Any]) -> None:
    with pytest.raises(AssertionError, match="page: not a declared parameter"):
        validate_query(openapi_spec, "/merchant-interview-list", "get", {"page": "2"})
