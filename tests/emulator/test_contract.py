"""Every emulator answer, success and error, matches the real spec's response schema.

The spec is read at run time through the `openapi_spec` fixture (skipped when absent).
Successful requests are checked against the spec's request schemas too, so the samples
the other tests send are realistic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from tests.emulator import samples
from tests.openapi_contract import validate_query
from tests.openapi_contract import validate_request_body
from tests.openapi_contract import validate_response

pytestmark = pytest.mark.contract
Payload = Callable[[str], dict[str, Any]]  # built from the id of an existing interview


def _fixed(payload: dict[str, Any]) -> Payload:
    return lambda _existing: payload


CASES: list[tuple[str, str, Payload, int]] = [
    ("POST", "/job-interview-create", _fixed(samples.create_body()), 200),
    ("POST", "/job-interview-create", _fixed(samples.create_body(is_embedded=True)), 200),
    ("POST", "/job-interview-create", _fixed(samples.create_body(status="archived")), 422),
    ("POST", "/job-interview-create-from-array", _fixed(samples.from_array_body()), 200),
    (
        "POST",
        "/job-interview-create-from-array",
        _fixed(samples.from_array_body(questions=[])),
        422,
    ),
    (
        "POST",
        "/job-interview-create-from-array",
        _fixed(samples.from_array_body(interview_template_id=samples.UNKNOWN_ID)),
        500,
    ),
    (
        "POST",
        "/job-interview-create-for-candidate-with-token",
        _fixed(samples.candidate_body()),
        200,
    ),
    (
        "POST",
        "/job-interview-create-for-candidate-with-token",
        _fixed(samples.candidate_body(position_def_set_id=samples.UNKNOWN_ID)),
        404,
    ),
    (
        "POST",
        "/job-interview-create-for-candidate-with-token",
        lambda existing: samples.candidate_body(position_def_set_id=existing),
        404,  # an interview id names no position
    ),
    (
        "POST",
        "/job-interview-register-users",
        lambda existing: samples.register_users_body(existing, is_test=True),
        200,  # a test registration may take the existing draft
    ),
    (
        "POST",
        "/job-interview-register-users",
        lambda existing: samples.register_users_body(existing),
        200,  # one "Error: ..." row: the existing interview is a draft
    ),
    (
        "POST",
        "/job-interview-register-users",
        _fixed(samples.register_users_body(samples.UNKNOWN_ID)),
        422,
    ),
    ("POST", "/job-interview-register-users", lambda existing: {"interview_id": existing}, 422),
    ("GET", "/job-interview-get", lambda existing: {"position_id": existing}, 200),
    ("GET", "/job-interview-get", _fixed({"position_id": samples.UNKNOWN_ID}), 404),
    ("GET", "/job-interview-get", _fixed({"position_id": "not-a-uuid"}), 422),
    (
        "POST",
        "/job-interview-update",
        lambda existing: {"position_id": existing, "name": "Head barista", "tags": ["x"]},
        200,
    ),
    (
        "POST",
        "/job-interview-update",
        lambda existing: {"position_id": existing, "questions": [{"question": "Only one?"}]},
        200,
    ),
    ("POST", "/job-interview-update", _fixed({"position_id": samples.UNKNOWN_ID}), 404),
    ("POST", "/job-interview-update", lambda existing: {"position_id": existing, "x": 1}, 422),
    (
        "POST",
        "/job-interview-set-state",
        lambda existing: {"position_id": existing, "status": "active"},
        200,
    ),
    (
        "POST",
        "/job-interview-set-state",
        lambda existing: {"position_id": existing, "is_embedded": True},
        200,
    ),
    ("POST", "/job-interview-set-state", lambda existing: {"position_id": existing}, 422),
    (
        "POST",
        "/job-interview-set-state",
        _fixed({"position_id": samples.UNKNOWN_ID, "status": "draft"}),
        500,
    ),
    ("GET", "/merchant-interview-list", _fixed({}), 200),
    ("GET", "/merchant-interview-list", _fixed({"limit": "1", "status": "draft"}), 200),
    ("GET", "/merchant-interview-list", _fixed({"limit": "0"}), 422),
    ("GET", "/merchant-avatar-list", _fixed({"type": "offline_heygen"}), 200),
    ("GET", "/merchant-avatar-list", _fixed({"offset": "-1"}), 422),
    ("GET", "/platform-languages-list", _fixed({}), 200),
]


def _send(client: httpx.Client, method: str, path: str, payload: dict[str, Any]) -> httpx.Response:
    if method == "GET":
        return client.get(path, params=payload)
    return client.post(path, json=payload)


@pytest.mark.parametrize(("method", "path", "payload", "status"), CASES)
def test_answer_matches_the_spec(
    openapi_spec: dict[str, Any],
    client: httpx.Client,
    method: str,
    path: str,
    payload: Payload,
    status: int,
) -> None:
    existing = client.post("/job-interview-create", json=samples.create_body()).json()
    sent = payload(existing["interview_def_set_id"])

    response = _send(client, method, path, sent)

    assert response.status_code == status, response.text
    validate_response(openapi_spec, path, method, status, response.json())
    if status == 200 and method == "GET":
        validate_query(openapi_spec, path, method, sent)
    elif status == 200:
        validate_request_body(openapi_spec, path, method, sent)


@pytest.mark.parametrize("path", sorted({path for _, path, _, _ in CASES}))
def test_unauthorised_answer_matches_the_spec(
    openapi_spec: dict[str, Any], emulator: Emulator, path: str
) -> None:
    method = next(method for method, case_path, _, _ in CASES if case_path == path)
    with httpx.Client(transport=emulator.transport(), base_url="http://emulator.test") as http:
        response = http.request(method, path)

    assert response.status_code == 401
    validate_response(openapi_spec, path, method, 401, response.json())


def test_injected_server_error_matches_the_spec(
    openapi_spec: dict[str, Any], emulator: Emulator, client: httpx.Client
) -> None:
    emulator.set_faults(FaultConfig(rate=1.0, kinds=("500",)))

    response = client.get("/platform-languages-list")

    assert response.status_code == 500
    validate_response(openapi_spec, "/platform-languages-list", "GET", 500, response.json())


def test_definition_with_every_field_set_matches_the_spec(
    openapi_spec: dict[str, Any], client: httpx.Client
) -> None:
    body = samples.from_array_body(
        knowledge_base_store_id=samples.HANDBOOK,
        recording="audio_all",
        recording_full_session="video_all",
        result_view="full",
        candidate_video_introduction="optional",
        interview_attempts=3,
        custom_scoring={"max_score": 10},
        hiring_for_company={"name": "Cafe Co", "sector": "food"},
        pdf_export_auto_config={"template": "modern", "transcript": True},
        tags=["iac:demo/barista"],
        max_followups=2,
        questions_random_subset=0.5,
    )
    validate_request_body(openapi_spec, "/job-interview-create-from-array", "POST", body)
    created = client.post("/job-interview-create-from-array", json=body).json()

    answer = client.get(
        "/job-interview-get", params={"position_id": created["interview_def_set_id"]}
    )

    validate_response(openapi_spec, "/job-interview-get", "GET", 200, answer.json())
    listed = client.get("/merchant-interview-list").json()
    validate_response(openapi_spec, "/merchant-interview-list", "GET", 200, listed)
