"""The create endpoints: generated questions, caller's questions, candidate enrolment."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from reconciler.emulator import Emulator
from tests.emulator import samples


def _create(client: httpx.Client, **overrides: Any) -> dict[str, Any]:
    response = client.post("/job-interview-create", json=samples.create_body(**overrides))
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _definition(client: httpx.Client, interview_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = client.get(
        "/job-interview-get", params={"position_id": interview_id}
    ).json()
    return answer


@pytest.mark.parametrize(
    ("length", "max_duration", "generated"),
    [(12, None, 10), ("7", None, 7), (40, 4800, 40), (30, 1800, 15), (3, 300, 2)],
)
def test_question_count_honours_the_duration_cap(
    client: httpx.Client, length: Any, max_duration: int | None, generated: int
) -> None:
    answer = _create(client, interview_length=length, max_duration=max_duration)

    assert answer["questions_generated"] == generated
    assert len(_definition(client, answer["interview_def_set_id"])["questions"]) == generated


def test_omitted_length_gives_five_to_eight_questions_deterministically(
    client: httpx.Client,
) -> None:
    first, second = _create(client), _create(client)

    assert 5 <= first["questions_generated"] <= 8
    assert first["max_duration"] == 1200
    texts = [
        [q["question"] for q in _definition(client, answer["interview_def_set_id"])["questions"]]
        for answer in (first, second)
    ]
    assert texts[0] == texts[1]


@pytest.mark.parametrize("length", [0, 41, "many", 2.5])
def test_length_outside_one_to_forty_is_refused(client: httpx.Client, length: Any) -> None:
    response = client.post(
        "/job-interview-create", json=samples.create_body(interview_length=length)
    )

    assert response.status_code == 422
    assert response.json() == {
        "error": "interview_length must be a whole number of questions from 1 to 40",
        "name": "interview_length",
    }


def test_legacy_template_cannot_be_used(client: httpx.Client) -> None:
    body = samples.create_body(interview_template_id=samples.ELAI_LEGACY)

    response = client.post("/job-interview-create", json=body)

    assert response.status_code == 422
    assert response.json() == {
        "error": "interview_template_id names a legacy offline_elai template, which new "
        "interviews cannot use",
        "name": "interview_template_id",
    }


@pytest.mark.parametrize(
    ("path", "status"),
    [("/job-interview-create", 422), ("/job-interview-create-from-array", 500)],
)
def test_unknown_template_status_differs_per_endpoint(
    client: httpx.Client, path: str, status: int
) -> None:
    body = samples.from_array_body(interview_template_id=samples.UNKNOWN_ID)
    if path == "/job-interview-create":
        del body["questions"]

    response = client.post(path, json=body)

    assert response.status_code == status
    assert response.json()["name"] == "interview_template_id"


def test_unknown_knowledge_base_store_is_refused(client: httpx.Client) -> None:
    body = samples.create_body(knowledge_base_store_id=samples.UNKNOWN_ID)

    response = client.post("/job-interview-create", json=body)

    assert response.json() == {
        "error": f"knowledge_base_store_id {samples.UNKNOWN_ID} is not a known "
        "knowledge-base store",
        "name": "knowledge_base_store_id",
    }


def test_from_array_keeps_questions_and_links_conditional_parents(client: httpx.Client) -> None:
    created = client.post("/job-interview-create-from-array", json=samples.from_array_body())

    questions = _definition(client, created.json()["interview_def_set_id"])["questions"]

    assert [q["external_id"] for q in questions] == ["why", "drinks", "favourite"]
    assert questions[2]["conditional_question_main_id"] == questions[1]["id"]
    assert questions[1]["id"] != "d"
    assert "questions_generated" not in created.json()


def test_conditional_parent_must_come_earlier(client: httpx.Client) -> None:
    body = samples.from_array_body(
        questions=[{"question": "Child?", "conditional_question_main_id": "later"}]
    )

    response = client.post("/job-interview-create-from-array", json=body)

    assert response.status_code == 422
    assert response.json() == {
        "error": "questions[0].conditional_question_main_id must be the id of an earlier question",
        "name": "questions[0].conditional_question_main_id",
    }


def test_create_only_fields_are_accepted_but_not_returned(
    emulator: Emulator, client: httpx.Client
) -> None:
    answer = _create(
        client,
        welcome_message="Hello!",
        thank_you_message="Bye!",
        instructional_video=True,
        include_rapport_question=True,
        interview_length=5,
        interview_attempts=3,
    )

    definition = _definition(client, answer["interview_def_set_id"])

    assert "welcome_message" not in definition
    assert "Hello!" not in str(definition)
    assert definition["creation_parameters"]["include_rapport_question"] is True
    assert definition["creation_parameters"]["interview_length"] == 5
    assert definition["result_scoring"] == {"max_retries": 3}
    stored = emulator.raw_definition(answer["interview_def_set_id"])
    assert stored["_create_only"]["welcome_message"] == "Hello!"


def test_embedded_create_returns_the_embed_key(client: httpx.Client) -> None:
    answer = _create(client, is_embedded=True)

    assert set(answer) == {
        "interview_def_set_id",
        "questions_generated",
        "max_duration",
        "embed_id",
        "embed_signing_key",
    }


def test_candidate_gets_a_url_on_a_new_active_interview(
    emulator: Emulator, client: httpx.Client
) -> None:
    response = client.post(
        "/job-interview-create-for-candidate-with-token", json=samples.candidate_body()
    )

    answer = response.json()
    assert answer["status"] == "ai_accept"
    assert answer["interview_url"].startswith("http://emulator.test/i/")
    assert _definition(client, answer["interview_def_set_id"])["status"] == "active"
    assert "kim@example.com" not in str(emulator.raw_definition(answer["interview_def_set_id"]))


def test_an_interview_id_is_no_position(client: httpx.Client) -> None:
    interview_id = _create(client, status="active")["interview_def_set_id"]
    body = samples.candidate_body(position_def_set_id=interview_id)

    response = client.post("/job-interview-create-for-candidate-with-token", json=body)

    assert response.status_code == 404
    assert response.json() == {
        "error": f"position_def_set_id {interview_id} is not a known position",
        "name": "position_def_set_id",
    }


def test_a_new_position_is_found_again_by_its_id_and_external_id(client: httpx.Client) -> None:
    path = "/job-interview-create-for-candidate-with-token"
    first = client.post(path, json=samples.candidate_body(position_external_id="JOB-7")).json()
    by_id = samples.candidate_body(position_def_set_id=first["position_def_set_id"])
    by_external_id = samples.candidate_body(position_external_id="JOB-7")

    answers = [client.post(path, json=body).json() for body in (by_id, by_external_id)]

    assert first["position_def_set_id"] != first["interview_def_set_id"]
    for answer in answers:
        assert answer["position_def_set_id"] == first["position_def_set_id"]
        assert answer["interview_def_set_id"] == first["interview_def_set_id"]


def test_a_position_whose_interview_is_not_active_is_refused(client: httpx.Client) -> None:
    path = "/job-interview-create-for-candidate-with-token"
    first = client.post(path, json=samples.candidate_body()).json()
    client.post(
        "/job-interview-set-state",
        json={"position_id": first["interview_def_set_id"], "status": "draft"},
    )
    body = samples.candidate_body(position_def_set_id=first["position_def_set_id"])

    response = client.post(path, json=body)

    assert response.status_code == 422
    assert response.json() == {
        "error": "position_def_set_id names a position whose interview is draft, not active",
        "name": "position_def_set_id",
    }


def test_candidate_for_a_new_position_needs_its_name(client: httpx.Client) -> None:
    body = samples.candidate_body()
    del body["position_name"]

    response = client.post("/job-interview-create-for-candidate-with-token", json=body)

    assert response.json() == {
        "error": "position_name is required when position_def_set_id is not given",
        "name": "position_name",
    }
