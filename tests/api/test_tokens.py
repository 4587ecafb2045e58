"""A JWT's expiry, read without verifying it."""

from __future__ import annotations

import base64
import json
from datetime import UTC
from datetime import datetime

import pytest

from reconciler.api.tokens import jwt_claims
from reconciler.api.tokens import token_expiry


def part(value: object) -> str:
    raw = json.dumps(value).encode() if not isinstance(value, bytes) else value
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def jwt(payload: object) -> str:
    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part(payload)}.c2lnbmF0dXJl"


def test_the_expiry_of_a_jwt_is_its_exp_in_utc() -> None:
    expiry = token_expiry(jwt({"sub": "u1", "exp": 1_800_000_000}))

    assert expiry == datetime(2027, 1, 15, 8, 0, tzinfo=UTC)
    assert expiry is not None and expiry.tzinfo is UTC


def test_a_fractional_exp_is_read() -> None:
    assert token_expiry(jwt({"exp": 1_800_000_000.5})) == datetime(
        2027, 1, 15, 8, 0, 0, 500000, tzinfo=UTC
    )


@pytest.mark.parametrize(
    "token",
    [
        "opaque-token-without-dots",
        "a.b",
        "a.b.c.d",
        ".e30.sig",
        f"{part({})}.!!!.sig",
        f"{part({})}.{part(b'not json')}.sig",
        f"{part({})}.{part([1, 2])}.sig",
        jwt({"sub": "u1"}),
        jwt({"exp": "1800000000"}),
        jwt({"exp": True}),
        jwt({"exp": 10**30}),
        f"{part({})}.{part(b'[' * 100000)}.sig",
    ],
)
def test_no_expiry_when_the_token_does_not_say(token: str) -> None:
    assert token_expiry(token) is None


def test_the_claims_are_read_unverified() -> None:
    assert jwt_claims(jwt({"sub": "u1", "role": "authenticated"})) == {
        "sub": "u1",
        "role": "authenticated",
    }
