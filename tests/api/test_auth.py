"""Credentials: the apikey header, a service user's sign-in, renewal before expiry and on
401, and secrecy of the password, the key and every token."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.api.auth import ServiceUser
from reconciler.api.auth import StaticToken
from reconciler.api.auth import credentials_for
from reconciler.api.auth import token_life
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.emulator.gateway import SIGN_IN_PATH
from reconciler.emulator.gateway import GatewayConfig
from reconciler.errors import AuthError
from reconciler.errors import ReconcilerError
from reconciler.errors import TransportError
from tests.api.scripted_server import scripted_server
from tests.api.test_client_bounds import trickled_headers
from tests.api.test_tokens import jwt

API_URL = "http://127.0.0.1:8787/functions/v1"
EMAIL = "ci@acme.test"
PASSWORD = "pw-77e1-correct-horse"
API_KEY = "anon-key-5a5a"


def service_settings(password: str = PASSWORD, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "api_url": API_URL,
        "token": Secret(""),
        "email": EMAIL,
        "password": Secret(password),
        "auth_url": "http://127.0.0.1:8787/auth/v1",
        "api_key": Secret(API_KEY),
        "max_rps": 1e6,
        "max_attempts": 3,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


class Clock:
    """A wall clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    config = GatewayConfig(apikey=API_KEY, logins={EMAIL: PASSWORD}, token_ttl_s=3600)
    emu = Emulator(gateway=config)
    yield emu
    emu.close()


def client_for(
    emulator: Emulator, settings: Settings, clock: Callable[[], float] | None = None
) -> tuple[JobMojitoClient, ServiceUser]:
    user = ServiceUser(
        settings, transport=emulator.transport(), clock=clock or Clock(), sleep=lambda _: None
    )
    http = emulator.transport()
    return JobMojitoClient(settings, transport=http, sleep=lambda _: None, credentials=user), user


def sign_ins(emulator: Emulator) -> int:
    return sum(1 for r in emulator.requests if r.path == SIGN_IN_PATH)


def statuses(emulator: Emulator) -> list[tuple[str, int | None]]:
    return [(r.path, r.status) for r in emulator.requests]


def test_many_threads_share_one_sign_in(emulator: Emulator) -> None:
    client, user = client_for(emulator, service_settings(parallelism=8))

    client.map_parallel(lambda _: client.list_languages(), range(24))

    assert sign_ins(emulator) == user.sign_ins == 1
    assert all(status == 200 for _, status in statuses(emulator))


def test_signs_in_again_shortly_before_the_token_expires(emulator: Emulator) -> None:
    clock = Clock()
    client, user = client_for(emulator, service_settings(), clock)

    client.list_languages()
    clock.now += 3600 - 61  # more than a minute left: the token is kept
    client.list_languages()
    clock.now += 2  # under a minute left: renewed before use
    client.list_languages()

    assert user.sign_ins == 2
    assert statuses(emulator) == [
        (SIGN_IN_PATH, 200),
        ("/platform-languages-list", 200),
        ("/platform-languages-list", 200),
        (SIGN_IN_PATH, 200),
        ("/platform-languages-list", 200),
    ]


def test_a_401_signs_in_once_more_and_retries_once() -> None:
    # The emulator's clock runs, the user's does not: the token expires unnoticed.
    config = GatewayConfig(apikey=API_KEY, logins={EMAIL: PASSWORD}, token_ttl_s=0.2)
    emulator = Emulator(gateway=config)
    expired = threading.Event()
    meeting = threading.Barrier(6, timeout=10)

    def handler(request: httpx.Request) -> httpx.Response:
        if expired.is_set() and request.url.path != SIGN_IN_PATH:
            first_try = request.headers["authorization"] not in renewed_tokens
            if first_try:
                meeting.wait()  # all six carry the expired token at once
        answer = emulator.handle(request)
        if request.url.path == SIGN_IN_PATH and expired.is_set():
            renewed_tokens.add(f"Bearer {answer.json()['access_token']}")
        return answer

    renewed_tokens: set[str] = set()
    settings = service_settings(parallelism=6)

    async def off_the_loop(request: httpx.Request) -> httpx.Response:
        await request.aread()
        return await asyncio.to_thread(handler, request)  # the barrier must not block the loop

    user = ServiceUser(
        settings, transport=httpx.MockTransport(handler), clock=Clock(), sleep=lambda _: None
    )
    client = JobMojitoClient(
        settings, transport=httpx.MockTransport(off_the_loop), sleep=lambda _: None,
        credentials=user,
    )  # fmt: skip
    client.list_languages()
    threading.Event().wait(0.3)
    expired.set()

    client.map_parallel(lambda _: client.list_languages(), range(6))

    # Six 401s, one renewal: the threads that waited for it used its token.
    assert user.sign_ins == sign_ins(emulator) == 2
    listed = [status or 0 for path, status in statuses(emulator) if path != SIGN_IN_PATH]
    assert sorted(listed) == [200] * 7 + [401] * 6


def test_a_401_after_a_fresh_sign_in_is_final() -> None:
    refusing = Emulator(gateway=GatewayConfig(apikey=API_KEY, logins={EMAIL: PASSWORD}))

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == SIGN_IN_PATH:
            return refusing.handle(request)
        return httpx.Response(401, json={"error": "this merchant is suspended"})

    user = ServiceUser(service_settings(), transport=httpx.MockTransport(handler))
    http = httpx.MockTransport(handler)
    client = JobMojitoClient(service_settings(), transport=http, credentials=user)

    with pytest.raises(AuthError) as caught:
        client.list_languages()

    assert str(caught.value) == (
        "JobMojito rejected the service user's token (401 from platform-languages-list) right "
        f"after a sign-in: check that {EMAIL} may use {API_URL}, and that JOBMOJITO_AUTH_URL "
        "(http://127.0.0.1:8787/auth/v1) is the same project's sign-in address"
    )
    assert user.sign_ins == 2  # the first, and the one renewal


def test_a_wrong_password_is_one_clear_error_without_it(emulator: Emulator) -> None:
    client, _ = client_for(emulator, service_settings(password="Wrong-Pa55"), Clock())

    with pytest.raises(AuthError) as caught:
        client.list_languages()
    with pytest.raises(AuthError) as again:
        client.list_languages()

    assert str(caught.value) == (
        f"sign-in refused for the service user {EMAIL} (400 from "
        "http://127.0.0.1:8787/auth/v1/token): Invalid login credentials. Check "
        "JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD"
    )
    assert again.value is caught.value
    assert statuses(emulator) == [(SIGN_IN_PATH, 400)]  # refused once, never sent again


def test_a_sign_in_is_retried_on_a_server_error() -> None:
    emulator = Emulator(gateway=GatewayConfig(apikey=API_KEY, logins={EMAIL: PASSWORD}))
    answers = [httpx.Response(503, text="busy"), None]

    def handler(request: httpx.Request) -> httpx.Response:
        scripted = answers.pop(0) if request.url.path == SIGN_IN_PATH and answers else None
        return scripted or emulator.handle(request)

    user = ServiceUser(
        service_settings(), transport=httpx.MockTransport(handler), sleep=lambda _: None
    )

    assert user.headers()["Authorization"].startswith("Bearer ey")
    assert user.sign_ins == 1


def test_no_sign_in_service_names_the_auth_url_setting() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(404, text="not found"))
    user = ServiceUser(service_settings(), transport=transport)

    with pytest.raises(AuthError) as caught:
        user.headers()

    assert str(caught.value) == (
        "no sign-in service at http://127.0.0.1:8787/auth/v1/token (404): set "
        "JOBMOJITO_AUTH_URL to the project's Supabase Auth address (like "
        "https://<project>.supabase.co/auth/v1)"
    )


def test_an_unreachable_sign_in_service_is_a_transport_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    user = ServiceUser(
        service_settings(), transport=httpx.MockTransport(refuse), sleep=lambda _: None
    )

    with pytest.raises(TransportError) as caught:
        user.headers()

    assert str(caught.value) == (
        "sign-in at http://127.0.0.1:8787/auth/v1/token: cannot connect to "
        "http://127.0.0.1:8787 (connection refused) (gave up after 3 attempts)"
    )


def test_the_api_key_goes_with_every_request_of_a_token() -> None:
    keyed = Emulator(token="t-1", gateway=GatewayConfig(apikey=API_KEY))
    settings = Settings(api_url=API_URL, token=Secret("t-1"), api_key=Secret(API_KEY))
    http = keyed.transport()

    JobMojitoClient(settings, transport=http).list_languages()

    assert statuses(keyed) == [("/platform-languages-list", 200)]


@pytest.mark.parametrize(
    ("api_key", "fix"),
    [
        ("", "Set JOBMOJITO_API_KEY to the project's API key (its Supabase anon key)"),
        (
            "anon-wrong",
            "Check JOBMOJITO_API_KEY: it must be the API key (anon key) of the project at "
            + API_URL,
        ),
    ],
)
def test_a_missing_or_wrong_api_key_says_which_setting_to_fix(api_key: str, fix: str) -> None:
    keyed = Emulator(token="t-1", gateway=GatewayConfig(apikey=API_KEY))
    settings = Settings(api_url=API_URL, token=Secret("t-1"), api_key=Secret(api_key))
    client = JobMojitoClient(settings, transport=keyed.transport())

    with pytest.raises(AuthError) as caught:
        client.list_languages()

    words = "Invalid API key" if api_key else "No API key found in request"
    assert str(caught.value) == (
        f"JobMojito's gateway refused the request (401 from platform-languages-list): {words}. "
        + fix
    )


def test_a_static_token_is_never_renewed() -> None:
    calls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request.url.path)
        return httpx.Response(401, json={"error": "Invalid JWT"})

    settings = Settings(api_url=API_URL, token=Secret("t-1"))
    client = JobMojitoClient(settings, transport=httpx.MockTransport(handler))

    with pytest.raises(AuthError, match="JobMojito rejected the token"):
        client.list_languages()
    assert calls == ["/functions/v1/platform-languages-list"]


def test_no_secret_reaches_errors_logs_or_reprs(
    emulator: Emulator, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    issued: list[str] = []

    def echoing(request: httpx.Request) -> httpx.Response:
        if request.url.path == SIGN_IN_PATH:
            answer = emulator.handle(request)
            issued.append(answer.json()["access_token"])
            return answer
        echoed = f"{request.headers['authorization']} apikey={request.headers['apikey']}"
        return httpx.Response(422, json={"error": f"bad {echoed} for {PASSWORD}"})

    settings = service_settings()
    user = ServiceUser(settings, transport=httpx.MockTransport(echoing))
    client = JobMojitoClient(settings, transport=httpx.MockTransport(echoing), credentials=user)

    with pytest.raises(ReconcilerError) as caught:
        client.update_interview({"position_id": "p"})

    texts = [str(caught.value), repr(caught.value), repr(client), repr(user), repr(settings)]
    texts += [record.getMessage() for record in caplog.records]
    assert issued and "***" in str(caught.value)
    for secret in (PASSWORD, API_KEY, *issued):
        assert all(secret not in text for text in texts)


def test_credentials_follow_the_settings() -> None:
    assert isinstance(credentials_for(service_settings()), ServiceUser)
    token = Settings(api_url=API_URL, token=Secret("t"), api_key=Secret(API_KEY))
    assert isinstance(credentials_for(token), StaticToken)
    assert credentials_for(token).headers() == {"Authorization": "Bearer t", "apikey": API_KEY}


def test_token_life_of_a_jwt_only() -> None:
    now = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
    expires = now + timedelta(minutes=4)
    jwt_settings = Settings(api_url=API_URL, token=Secret(jwt({"exp": expires.timestamp()})))

    assert token_life(jwt_settings, now=now) == (expires, timedelta(minutes=4))
    assert token_life(Settings(api_url=API_URL, token=Secret("opaque")), now=now) is None
    assert token_life(service_settings(), now=now) is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            httpx.Response(200, html="<html>Welcome</html>"),
            "the sign-in at http://127.0.0.1:8787/auth/v1/token answered 200 without a JSON "
            "object: set JOBMOJITO_AUTH_URL to the project's Supabase Auth address (like "
            "https://<project>.supabase.co/auth/v1)",
        ),
        (
            httpx.Response(200, json={"token_type": "bearer", "access_token": "line\nbreak"}),
            "the sign-in at http://127.0.0.1:8787/auth/v1/token answered without a usable "
            "access_token",
        ),
    ],
)
def test_an_unusable_sign_in_answer_is_a_transport_error(
    answer: httpx.Response, message: str
) -> None:
    user = ServiceUser(service_settings(), transport=httpx.MockTransport(lambda _: answer))

    with pytest.raises(TransportError) as caught:
        user.headers()

    assert str(caught.value) == message


def test_a_sign_in_whose_headers_trickle_stops_at_the_request_deadline() -> None:
    with scripted_server(trickled_headers) as (url, received):
        settings = service_settings(
            auth_url=url, request_deadline_s=1, timeout_s=0.5, max_attempts=1
        )
        user = ServiceUser(settings, sleep=lambda _: None)
        started = time.monotonic()
        with pytest.raises(TransportError) as caught:
            user.headers()
    assert time.monotonic() - started < 1.5
    assert "sent no whole answer of a sensible size in time" in str(caught.value)
    assert PASSWORD not in str(caught.value)
    assert len(received) == 1
