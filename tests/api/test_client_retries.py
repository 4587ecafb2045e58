"""The client's retry rules, with faults injected by the scripted server."""

from __future__ import annotations

import httpx
import pytest

from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import ApiError
from reconciler.errors import TransportError
from tests.api.fake_server import Client
from tests.api.fake_server import html
from tests.api.fake_server import reply

CREATED = {"interview_def_set_id": "new-1"}
AMBIGUOUS_HINT = (
    "the interview may or may not have been created; apply re-discovers interviews by their "
    "marker before it retries, so no duplicate is left behind"
)


@pytest.mark.parametrize(
    "fault",
    [
        reply(429),
        reply(500),
        reply(502),
        reply(503),
        reply(504),
        httpx.ReadError,
        httpx.ReadTimeout,
    ],
)
def test_reads_retry_then_succeed(fault: httpx.Response | type[httpx.RequestError]) -> None:
    client = Client()
    client.server.queue("job-interview-get", fault, reply(body={"name": "ok"}))

    assert client.api.get_interview("p1") == {"name": "ok"}
    assert len(client.server.requests) == 2
    assert len(client.sleeps) == 1


def test_idempotent_writes_retry_on_server_errors() -> None:
    client = Client()
    client.server.queue("job-interview-update", reply(500), httpx.ReadError, reply(body={}))

    assert client.api.update_interview({"position_id": "p1"}) == {}
    assert len(client.server.requests) == 3


def test_retry_after_seconds_is_honoured() -> None:
    client = Client()
    limited = reply(429, {"error": "slow down"}, headers={"Retry-After": "7"})
    client.server.queue("job-interview-get", limited, reply(body={}))

    client.api.get_interview("p1")

    assert client.sleeps == [7.0]


def test_retry_after_on_503_is_honoured_too() -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(503, headers={"Retry-After": "2"}), reply())

    client.api.get_interview("p1")

    assert client.sleeps == [2.0]


def test_backoff_waits_stay_under_the_growing_ceiling() -> None:
    client = Client(max_attempts=5)
    client.server.queue("job-interview-get", *[reply(503)] * 4, reply())

    client.api.get_interview("p1")

    assert len(client.sleeps) == 4
    for attempt, slept in enumerate(client.sleeps, start=1):
        assert 0 <= slept <= 0.5 * 2 ** (attempt - 1)


def test_reads_give_up_after_max_attempts_with_the_last_error() -> None:
    client = Client(max_attempts=3)
    client.server.queue("job-interview-get", *[reply(503, {"error": "Service unavailable"})] * 3)

    with pytest.raises(ApiError) as caught:
        client.api.get_interview("p1")

    assert str(caught.value) == (
        "job-interview-get answered 503: Service unavailable (gave up after 3 attempts)"
    )
    assert caught.value.status == 503
    assert len(client.server.requests) == 3


def test_rate_limit_exhaustion_says_so() -> None:
    client = Client(max_attempts=2)
    client.server.queue("job-interview-get", *[reply(429, {"error": "Too many requests"})] * 2)

    with pytest.raises(ApiError) as caught:
        client.api.get_interview("p1")

    assert str(caught.value) == (
        "job-interview-get answered 429 (rate limited): Too many requests "
        "(gave up after 2 attempts)"
    )


def test_transport_failures_give_up_as_transport_error() -> None:
    client = Client(max_attempts=2)
    client.server.queue("merchant-interview-list", httpx.ConnectError, httpx.ConnectError)

    with pytest.raises(TransportError) as caught:
        client.api.list_interviews(type="interview")

    assert str(caught.value) == (
        "merchant-interview-list: cannot connect to https://api.test (scripted network failure) "
        "(gave up after 2 attempts)"
    )
    assert isinstance(caught.value.__cause__, httpx.ConnectError)


def test_client_errors_are_never_retried() -> None:
    client = Client()
    client.server.queue("job-interview-update", reply(409, {"error": "Conflict"}))

    with pytest.raises(ApiError):
        client.api.update_interview({"position_id": "p1"})

    assert len(client.server.requests) == 1
    assert client.sleeps == []


def test_create_read_error_after_sending_is_ambiguous_and_not_resent() -> None:
    client = Client()
    client.server.queue("job-interview-create-from-array", httpx.ReadError)

    with pytest.raises(AmbiguousOutcomeError) as caught:
        client.api.create_interview_from_array({"name": "Barista"})

    assert str(caught.value) == (
        "job-interview-create-from-array: connection failed (ReadError: scripted network "
        f"failure) after the request was sent; {AMBIGUOUS_HINT}"
    )
    assert len(client.server.requests) == 1


def test_create_timeout_is_ambiguous() -> None:
    client = Client()
    client.server.queue("job-interview-create", httpx.ReadTimeout)

    with pytest.raises(AmbiguousOutcomeError) as caught:
        client.api.create_interview({"name": "Barista"})

    assert str(caught.value) == (
        "job-interview-create: no answer in time (ReadTimeout) after the request was sent; "
        f"{AMBIGUOUS_HINT}"
    )
    assert len(client.server.requests) == 1


def test_create_500_is_ambiguous_and_quotes_the_api() -> None:
    client = Client()
    client.server.queue("job-interview-create-from-array", reply(500, {"error": "Template error"}))

    with pytest.raises(AmbiguousOutcomeError) as caught:
        client.api.create_interview_from_array({"name": "Barista"})

    assert str(caught.value) == (
        f"job-interview-create-from-array answered 500: Template error; {AMBIGUOUS_HINT}"
    )
    assert caught.value.status == 500
    assert len(client.server.requests) == 1


def test_create_502_html_is_ambiguous() -> None:
    client = Client()
    client.server.queue("job-interview-register-users", html(502))

    with pytest.raises(AmbiguousOutcomeError) as caught:
        client.api.register_users({"interview_id": "i-1", "users": [], "send_email": False})

    assert str(caught.value) == (
        "job-interview-register-users answered 502 with text/html instead of JSON; "
        f"{AMBIGUOUS_HINT}"
    )
    assert len(client.server.requests) == 1


def test_create_success_that_is_not_json_is_ambiguous() -> None:
    client = Client()
    client.server.queue("job-interview-create", html(200, "<html>ok</html>"))

    with pytest.raises(AmbiguousOutcomeError):
        client.api.create_interview({"name": "Barista"})


@pytest.mark.parametrize("fault", [httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout])
def test_create_is_resent_when_it_never_left(fault: type[httpx.RequestError]) -> None:
    client = Client()
    client.server.queue("job-interview-create-from-array", fault, reply(body=CREATED))

    assert client.api.create_interview_from_array({"name": "Barista"}) == CREATED
    assert len(client.server.requests) == 2


def test_create_is_resent_after_429_honouring_retry_after() -> None:
    client = Client()
    limited = reply(429, {"error": "slow down"}, headers={"Retry-After": "3"})
    client.server.queue("job-interview-create", limited, reply(body=CREATED))

    assert client.api.create_interview({"name": "Barista"}) == CREATED
    assert client.sleeps == [3.0]


def test_create_422_is_a_plain_api_error() -> None:
    client = Client()
    body = {"error": "Unknown template", "name": "interview_template_id"}
    client.server.queue("job-interview-create", reply(422, body))

    with pytest.raises(ApiError) as caught:
        client.api.create_interview({"name": "Barista"})

    assert type(caught.value) is ApiError
    assert str(caught.value) == (
        "job-interview-create answered 422: Unknown template (field 'interview_template_id')"
    )
