"""The definition-shape check on job-interview-get answers, read from the emulator and then
altered the way a differing API could answer."""

from __future__ import annotations

import copy
from typing import Any

import httpx
import pytest

from reconciler.doctor.model import Status
from reconciler.doctor.shape import check_shape
from tests.emulator.samples import from_array_body


@pytest.fixture
def definition(client: httpx.Client) -> dict[str, Any]:
    body = from_array_body(interview_attempts=3, interview_tone="relaxed")
    made = client.post("/job-interview-create-from-array", json=body)
    live_id = made.json()["interview_def_set_id"]
    answer: dict[str, Any] = client.get(
        "/job-interview-get", params={"position_id": live_id}
    ).json()
    return answer


def changed(definition: dict[str, Any], path: tuple[str, ...], value: Any = ...) -> dict[str, Any]:
    """A copy with the value at `path` replaced (or removed, when no value is given)."""
    document = copy.deepcopy(definition)
    parent: Any = document
    for key in path[:-1]:
        parent = parent[key]
    if value is ...:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


def test_the_emulators_answer_has_every_path_with_its_type(definition: dict[str, Any]) -> None:
    (check,) = check_shape(definition)
    assert check.status is Status.OK
    assert definition["result_scoring"]["max_retries"] == 3  # the nested path was seen


def test_nulls_are_accepted_everywhere_and_a_null_parent_hides_its_children(
    definition: dict[str, Any],
) -> None:
    nulls = {key: None for key in definition if key != "questions"}
    (check,) = check_shape({**nulls, "questions": definition["questions"]})
    assert check.status is Status.OK


def test_a_missing_field_is_a_warning_naming_its_path_and_spec_field(
    definition: dict[str, Any],
) -> None:
    (check,) = check_shape(changed(definition, ("result_scoring", "max_retries")))
    assert check.status is Status.WARNING
    assert check.found == ("result_scoring.max_retries (spec field interview_attempts) is missing")
    assert check.action.startswith("plans compare this field against nothing")


def test_an_immutable_field_missing_fails_as_it_would_recreate(
    definition: dict[str, Any],
) -> None:
    (check,) = check_shape(changed(definition, ("mojito_language_code",)))
    assert check.status is Status.FAILED
    assert "recreate the interview" in check.action


@pytest.mark.parametrize(
    ("path", "value"), [(("tags",), ...), (("tags",), "a,b"), (("status",), 1)]
)
def test_tags_or_status_unreadable_fail(
    definition: dict[str, Any], path: tuple[str, ...], value: Any
) -> None:
    (check,) = check_shape(changed(definition, path, value))
    assert check.status is Status.FAILED
    assert "plans cannot read markers or status" in check.action


def test_a_wrong_type_is_named_with_the_expected_one(definition: dict[str, Any]) -> None:
    checks = check_shape(changed(definition, ("max_duration",), "1200"))
    assert [(c.status, c.found) for c in checks] == [
        (Status.WARNING, "max_duration (spec field max_duration) is a string, not integer"),
    ]


def test_question_paths_are_checked_once_per_field(definition: dict[str, Any]) -> None:
    document = copy.deepcopy(definition)
    for question in document["questions"]:
        question["duration"] = "long"
    checks = check_shape(document)
    assert [c.found for c in checks] == [
        "questions[].duration (spec field questions[].duration) is a string, not integer"
    ]
    assert checks[0].status is Status.WARNING


def test_booleans_are_not_numbers(definition: dict[str, Any]) -> None:
    (check,) = check_shape(changed(definition, ("max_followups",), True))
    assert check.found == "max_followups (spec field max_followups) is a boolean, not integer"
