"""The emulated gateway: the apikey header, the password sign-in and expiring tokens."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import httpx
import pytest

from reconciler.emulator import Emulator
from reconciler.emulator.gateway import Gateway
from reconciler.emulator.gateway import GatewayConfig
from reconciler.emulator.gateway import parse_login
from reconciler.emulator.validation import ApiProblem

BASE_URL = "http://emulator.test"
PASSWORD = "pw:with-colon-4e1"
LOGIN = {"ci@acme.test": PASSWORD}
SIGN_IN = "/auth/v1/token?grant_type=password"
LIST = "/functions/v1/merchant-avatar-list"


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = Emulator(gateway=GatewayConfig(apikey="anon-1", logins=LOGIN, token_ttl_s=60))
    yield emu
    emu.close()


@pytest.fixture
def http(emulator: Emulator) -> Iterator[httpx.Client]:
    with httpx.Client(transport=emulator.transport(), base_url=BASE_URL) as client:
        yield client


def sign_in(http: httpx.Client, password: str = PASSWORD) -> httpx.Response:
    body = {"email": "ci@acme.test", "password": password}
    return http.post(SIGN_IN, json=body, headers={"apikey": "anon-1"})


def claims(token: str) -> dict[str, object]:
    payload = token.split(".")[1]
    decoded: dict[str, object] = json.loads(base64.urlsafe_b64decode(payload + "==="))
    return decoded


def test_requests_without_the_api_key_get_supabase_s_401(http: httpx.Client) -> None:
    missing = http.get(LIST, headers={"Authorization": "Bearer x"})
    wrong = http.get(LIST, headers={"Authorization": "Bearer x", "apikey": "anon-2"})
    no_key_sign_in = http.post(SIGN_IN, json={"email": "ci@acme.test", "password": PASSWORD})

    assert (missing.status_code, missing.json()["message"]) == (401, "No API key found in request")
    assert (wrong.status_code, wrong.json()["message"]) == (401, "Invalid API key")
    assert no_key_sign_in.status_code == 401


def test_a_sign_in_issues_a_jwt_shaped_token_that_the_api_accepts(http: httpx.Client) -> None:
    answer = sign_in(http)
    session = answer.json()
    token = session["access_token"]
    listed = http.get(LIST, headers={"Authorization": f"Bearer {token}", "apikey": "anon-1"})

    assert answer.status_code == 200
    assert session["token_type"] == "bearer"
    assert session["expires_in"] == 60
    assert token.count(".") == 2
    payload = claims(token)
    assert payload["email"] == "ci@acme.test" and payload["sub"] == session["user"]["id"]
    assert payload["exp"] == session["expires_at"]
    assert listed.status_code == 200


def test_a_wrong_password_gets_supabase_s_invalid_credentials(http: httpx.Client) -> None:
    answer = sign_in(http, password="not-it")

    assert answer.status_code == 400
    assert answer.json() == {
        "code": 400,
        "error_code": "invalid_credentials",
        "msg": "Invalid login credentials",
    }


def test_with_logins_only_issued_tokens_are_accepted(http: httpx.Client) -> None:
    token = sign_in(http).json()["access_token"]
    header, payload, _ = token.split(".")
    forged = f"{header}.{payload}.c2lnbmF0dXJl"

    for bearer in ("emulator-token", forged, f"{header}.{payload}"):
        answer = http.get(LIST, headers={"Authorization": f"Bearer {bearer}", "apikey": "anon-1"})
        assert answer.status_code == 401, bearer


def test_the_request_log_never_keeps_the_password(emulator: Emulator, http: httpx.Client) -> None:
    sign_in(http)

    logged = emulator.requests
    assert [(r.path, r.status, r.body) for r in logged] == [("/auth/v1/token", 200, None)]


def test_an_expired_token_is_refused() -> None:
    now = [1_000.0]
    gateway = Gateway(None, GatewayConfig(logins=LOGIN, token_ttl_s=3), clock=lambda: now[0])
    body = {"email": "ci@acme.test", "password": PASSWORD}
    request = httpx.Request("POST", f"{BASE_URL}{SIGN_IN}", json=body)
    token = gateway.sign_in(request).json()["access_token"]
    use = httpx.Request("GET", f"{BASE_URL}{LIST}", headers={"Authorization": f"Bearer {token}"})

    now[0] = 1_002.9
    gateway.authenticate(use)
    now[0] = 1_003.0
    with pytest.raises(ApiProblem) as caught:
        gateway.authenticate(use)
    assert (caught.value.status, caught.value.message) == (401, "JWT expired")


def test_without_logins_the_static_token_rules_stay() -> None:
    def status(gateway: Gateway, bearer: str) -> int:
        request = httpx.Request("GET", f"{BASE_URL}{LIST}", headers={"Authorization": bearer})
        try:
            gateway.authenticate(request)
        except ApiProblem as problem:
            return problem.status
        return 200

    assert status(Gateway(None), "Bearer anything") == 200
    assert status(Gateway(None), "Bearer ") == 401
    assert status(Gateway("right"), "Bearer right") == 200
    assert status(Gateway("right"), "Bearer wrong") == 401


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a@b.test:pw", ("a@b.test", "pw")), ("a@b.test:p:w", ("a@b.test", "p:w"))],
)
def test_logins_are_email_colon_password(value: str, expected: tuple[str, str]) -> None:
    assert parse_login(value) == expected


@pytest.mark.parametrize("value", ["a@b.test", ":pw", "a@b.test:"])
def test_a_login_without_both_halves_is_refused(value: str) -> None:
    with pytest.raises(ValueError, match="expected EMAIL:PASSWORD"):
        parse_login(value)
