"""job-interview-update and job-interview-set-state (API-FACTS sections 5 and 6)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from reconciler.emulator import Emulator
from tests.emulator import samples


def _new(client: httpx.Client, **overrides: Any) -> str:
    created = client.post(
        "/job-interview-create-from-array", json=samples.from_array_body(**overrides)
    )
    assert created.status_code == 200, created.text
    interview_id: str = created.json()["interview_def_set_id"]
    return interview_id


def _get(client: httpx.Client, interview_id: str) -> dict[str, Any]:
    answer: dict[str, Any] = client.get(
        "/job-interview-get", params={"position_id": interview_id}
    ).json()
    return answer


def _update(client: httpx.Client, interview_id: str, **fields: Any) -> httpx.Response:
    return client.post("/job-interview-update", json={"position_id": interview_id, **fields})


def test_partial_update_writes_only_sent_fields(client: httpx.Client) -> None:
    interview_id = _new(client, code="B-1", interview_salary="30k")

    answer = _update(client, interview_id, name="Head barista", code="", location="Munich")

    definition = _get(client, interview_id)
    assert answer.json() == {
        "position_id": interview_id,
        "is_multistage": False,
        "updated_fields": ["name", "code", "location"],
    }
    assert (definition["name"], definition["code"]) == ("Head barista", None)
    assert definition["interview_location"] == "Munich"
    assert definition["interview_salary"] == "30k"


def test_resending_the_questions_from_get_changes_nothing(client: httpx.Client) -> None:
    interview_id = _new(client)
    before = _get(client, interview_id)

    diff = _update(client, interview_id, questions=before["questions"]).json()["questions_diff"]

    assert diff["kept"] == [q["id"] for q in before["questions"]]
    assert (diff["added"], diff["removed"], diff["replaced"], diff["reactivated"]) == (
        [],
        [],
        [],
        False,
    )
    assert _get(client, interview_id) == before


def test_question_diff_matches_by_external_id_then_text(client: httpx.Client) -> None:
    interview_id = _new(client, status="active")
    old = {q["external_id"]: q["id"] for q in _get(client, interview_id)["questions"]}

    diff = _update(
        client,
        interview_id,
        questions=[
            {"question": "Why this job, really?", "external_id": "why"},
            {"question": "Which drinks can you make?"},
            {"question": "When can you start?", "external_id": "start"},
        ],
    ).json()["questions_diff"]

    questions = _get(client, interview_id)["questions"]
    assert diff["replaced"] == [{"from": old["why"], "to": questions[0]["id"]}]
    assert diff["kept"] == [old["drinks"]]
    assert diff["added"] == [questions[2]["id"]]
    assert diff["removed"] == [old["favourite"]]
    assert diff["question_ids"][1:-1] == [q["id"] for q in questions]
    assert diff["reactivated"] is True
    assert questions[1]["external_id"] == "drinks"  # omitted fields keep their values


def test_replaced_question_inherits_omitted_fields(client: httpx.Client) -> None:
    interview_id = _new(client)
    questions = _get(client, interview_id)["questions"]

    _update(client, interview_id, questions=[{"question": "New text", "external_id": "favourite"}])

    replaced = _get(client, interview_id)["questions"][0]
    assert replaced["is_conditional"] is True
    assert replaced["id"] != questions[2]["id"]


def test_active_offline_interview_refuses_question_changes(client: httpx.Client) -> None:
    interview_id = _new(client, status="active", interview_template_id=samples.GRACE_STUDIO)

    response = _update(client, interview_id, questions=[{"question": "Only one?"}])

    assert response.status_code == 422
    assert response.json() == {
        "error": "questions of an active interview with a pre-rendered (offline_heygen) "
        "template cannot change; set it to draft first",
        "name": "questions",
    }


def test_draft_offline_interview_accepts_question_changes(client: httpx.Client) -> None:
    interview_id = _new(client, interview_template_id=samples.GRACE_STUDIO)

    response = _update(client, interview_id, questions=[{"question": "Only one?"}])

    assert response.status_code == 200
    assert response.json()["questions_diff"]["reactivated"] is False


@pytest.mark.parametrize(
    ("fields", "error", "name"),
    [
        (
            {"mojito_language_code": "de"},
            "mojito_language_code cannot be changed",
            "mojito_language_code",
        ),
        ({"questions": []}, "questions must have at least 1 item(s)", "questions"),
        ({"welcome_message": "Hi"}, "welcome_message is not a known field", "welcome_message"),
        ({"interview_attempts": None}, "interview_attempts must not be null", "interview_attempts"),
    ],
)
def test_refused_updates(
    client: httpx.Client, fields: dict[str, Any], error: str, name: str
) -> None:
    response = _update(client, _new(client), **fields)

    assert response.status_code == 422
    assert response.json() == {"error": error, "name": name}


def test_unknown_id_is_not_found(client: httpx.Client) -> None:
    response = _update(client, samples.UNKNOWN_ID, name="x")

    assert response.status_code == 404
    assert response.json() == {"error": f"no interview or position with id {samples.UNKNOWN_ID}"}


def test_scoring_type_and_creation_knobs(client: httpx.Client) -> None:
    interview_id = _new(client, custom_scoring={"max_score": 10, "early_stop": True})

    _update(
        client,
        interview_id,
        interview_attempts=4,
        custom_scoring={"max_score": 5},
        type="coaching",
        interview_tone="professional",
    )

    definition = _get(client, interview_id)
    assert definition["result_scoring"] == {"max_score": 5, "early_stop": True, "max_retries": 4}
    assert definition["type_credit"] == "interview_coach_manager"
    assert definition["creation_parameters"]["interview_tone"] == "professional"


def test_updated_at_moves_only_on_a_change(client: httpx.Client) -> None:
    interview_id = _new(client)
    created = _get(client, interview_id)["updated_at"]

    _update(client, interview_id, name=samples.create_body()["name"])
    unchanged = _get(client, interview_id)["updated_at"]
    _update(client, interview_id, name="Renamed")

    assert unchanged == created
    assert _get(client, interview_id)["updated_at"] > created


def test_regenerates_expectations_from_the_new_questions(client: httpx.Client) -> None:
    interview_id = _new(client)

    answer = _update(
        client,
        interview_id,
        questions=[{"question": "Can you steam milk?"}],
        regenerate_candidate_expectations=True,
    ).json()

    assert answer["updated_fields"] == ["questions", "candidate_expectations_json"]
    rubric = _get(client, interview_id)["candidate_expectations_json"]
    assert rubric["strong"] == ["Answers with measurable results: can you steam milk"]


def test_set_state_changes_status_and_embed_key(client: httpx.Client) -> None:
    interview_id = _new(client)

    published = client.post(
        "/job-interview-set-state", json={"position_id": interview_id, "status": "active"}
    )
    embedded = client.post(
        "/job-interview-set-state", json={"position_id": interview_id, "is_embedded": True}
    )
    again = client.post(
        "/job-interview-set-state", json={"position_id": interview_id, "is_embedded": True}
    )

    assert published.json() == {"success": True}
    assert embedded.json() == again.json()
    assert set(embedded.json()) == {"embed_id", "embed_signing_key"}
    assert _get(client, interview_id)["status"] == "active"


def test_set_state_needs_status_or_embed(client: httpx.Client) -> None:
    response = client.post("/job-interview-set-state", json={"position_id": _new(client)})

    assert response.status_code == 422
    assert response.json() == {"error": "status or is_embedded must be given", "name": "status"}


def test_set_state_of_an_unknown_id_is_a_server_error(client: httpx.Client) -> None:
    body = {"position_id": samples.UNKNOWN_ID, "status": "archived"}

    response = client.post("/job-interview-set-state", json=body)

    assert response.status_code == 500


def test_failed_update_changes_nothing(emulator: Emulator, client: httpx.Client) -> None:
    interview_id = _new(client, status="active", interview_template_id=samples.GRACE_STUDIO)
    before = emulator.raw_definition(interview_id)

    _update(client, interview_id, name="New", questions=[{"question": "Only one?"}])

    assert emulator.raw_definition(interview_id) == before
