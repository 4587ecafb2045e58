"""job-interview-register-users in the emulator: interview or position ids, per-user rows,
emails only when asked, and the registration quirks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from reconciler.emulator import Emulator
from reconciler.emulator import parse_quirks
from reconciler.emulator.store import Registration
from tests.emulator import samples

REGISTER = "/job-interview-register-users"


def _interview(client: httpx.Client, status: str = "active") -> str:
    answer = client.post("/job-interview-create", json=samples.create_body(status=status)).json()
    interview_id: str = answer["interview_def_set_id"]
    return interview_id


def _rows(client: httpx.Client, body: dict[str, Any]) -> list[dict[str, Any]]:
    response = client.post(REGISTER, json=body)
    assert response.status_code == 200, response.text
    rows: list[dict[str, Any]] = response.json()
    return rows


def test_registering_for_an_interview_gives_a_url(emulator: Emulator, client: httpx.Client) -> None:
    interview_id = _interview(client)

    [row] = _rows(client, samples.register_users_body(interview_id))

    assert row["result"] == "ok"
    assert row["interview_url"].startswith("http://emulator.test/i/")
    assert (row["name"], row["email"], row["external_id"]) == (
        "Kim Example",
        "kim@example.com",
        "k-1",
    )
    assert emulator.registrations(interview_id) == (Registration("kim@example.com", False),)


def test_a_position_id_registers_for_its_interview(
    emulator: Emulator, client: httpx.Client
) -> None:
    made = client.post(
        "/job-interview-create-for-candidate-with-token", json=samples.candidate_body()
    ).json()

    [row] = _rows(client, samples.register_users_body(made["position_def_set_id"]))

    assert row["result"] == "ok"
    assert [r.email for r in emulator.registrations(made["interview_def_set_id"])] == [
        "kim@example.com"
    ]


def test_an_unknown_id_is_a_422(client: httpx.Client) -> None:
    response = client.post(REGISTER, json=samples.register_users_body(samples.UNKNOWN_ID))

    assert response.status_code == 422
    assert response.json() == {
        "error": f"interview_id {samples.UNKNOWN_ID} is not a known interview or position",
        "name": "interview_id",
    }


def test_problems_are_rows_not_request_errors(emulator: Emulator, client: httpx.Client) -> None:
    draft = _interview(client, status="draft")
    users = [{"email": "not-an-email"}, {"name": "Kim", "email": "kim@example.com"}]

    rows = _rows(client, samples.register_users_body(draft, users=users))

    assert [row["result"] for row in rows] == [
        "Error: email is not a valid email address",
        "Error: the interview is draft, not active",
    ]
    assert "interview_url" not in rows[1]
    assert emulator.registrations(draft) == ()


def test_a_test_registration_may_take_a_draft(emulator: Emulator, client: httpx.Client) -> None:
    draft = _interview(client, status="draft")

    [row] = _rows(client, samples.register_users_body(draft, is_test="true", send_email=True))

    assert row["result"] == "ok"
    assert emulator.registrations(draft) == (Registration("kim@example.com", False),)


@pytest.mark.parametrize(
    ("quirks", "send_email", "emailed"),
    [
        ((), True, True),
        ((), None, False),
        (("send-email-by-default",), None, True),
        (("send-email-by-default",), False, False),
    ],
)
def test_email_only_when_asked_or_by_the_quirk(
    emulator: Emulator,
    client: httpx.Client,
    quirks: tuple[str, ...],
    send_email: bool | None,
    emailed: bool,
) -> None:
    emulator.set_quirks(parse_quirks(quirks))
    interview_id = _interview(client)
    body = samples.register_users_body(interview_id)
    del body["send_email"]
    if send_email is not None:
        body["send_email"] = send_email

    _rows(client, body)

    assert emulator.registrations(interview_id) == (Registration("kim@example.com", emailed),)


@pytest.mark.parametrize(
    ("quirks", "second"),
    [
        ((), "ok"),
        (
            ("refuse-repeat-registration",),
            "Error: the candidate is already registered for this interview",
        ),
    ],
)
def test_registering_again(
    emulator: Emulator, client: httpx.Client, quirks: tuple[str, ...], second: str
) -> None:
    emulator.set_quirks(parse_quirks(quirks))
    interview_id = _interview(client)
    body = samples.register_users_body(interview_id)

    results = [_rows(client, body)[0]["result"] for _ in range(2)]

    assert results == ["ok", second]
