"""The read-only checks on their own: the token's expiry, and paging against an API whose
pages disagree with what they say."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC
from datetime import datetime
from datetime import timedelta

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.doctor.model import Status
from reconciler.doctor.readonly import check_listing
from reconciler.doctor.readonly import check_paging
from reconciler.doctor.readonly import check_token
from reconciler.doctor.readonly import usable_templates
from reconciler.emulator import Emulator
from reconciler.live import Template
from tests.emulator.samples import from_array_body

NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def jwt_with(payload: object) -> str:
    def part(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    return f"{part({'alg': 'HS256'})}.{part(payload)}.c2ln"


def expiring_in(delta: timedelta) -> str:
    return jwt_with({"exp": int((NOW + delta).timestamp()), "sub": "someone"})


@pytest.mark.parametrize(
    ("token", "status", "found"),
    [
        (expiring_in(-timedelta(hours=1)), Status.FAILED,
         "the token expired at 2026-03-01 11:00:00 UTC"),
        (expiring_in(timedelta(minutes=5)), Status.FAILED,
         "the token expires at 2026-03-01 12:05:00 UTC, in 5 min"),
        (expiring_in(timedelta(minutes=50)), Status.WARNING,
         "the token expires at 2026-03-01 12:50:00 UTC, in 50 min"),
        (expiring_in(timedelta(days=30)), Status.OK,
         "the token is valid until 2026-03-31 12:00:00 UTC"),
        ("plain-opaque-token", Status.UNKNOWN,
         "the token is not a JWT with an expiry; it cannot be read"),
        (jwt_with({"sub": "no exp"}), Status.UNKNOWN,
         "the token is not a JWT with an expiry; it cannot be read"),
        (jwt_with({"exp": "tomorrow"}), Status.UNKNOWN,
         "the token is not a JWT with an expiry; it cannot be read"),
        ("a.%%%not-base64%%%.c", Status.UNKNOWN,
         "the token is not a JWT with an expiry; it cannot be read"),
    ],
)  # fmt: skip
def test_token_expiry(token: str, status: Status, found: str) -> None:
    check = check_token(token, now=NOW)
    assert (check.status, check.found) == (status, found)
    assert token not in check.found + check.action


def test_an_expired_token_says_what_to_do() -> None:
    check = check_token(expiring_in(-timedelta(seconds=1)), now=NOW)
    assert check.action == "every request is refused with 401; set JOBMOJITO_TOKEN to a fresh token"


class _OffsetIgnored(Emulator):
    """Answers every merchant-interview-list page as if it were the first."""

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/merchant-interview-list":
            params = [(k, v) for k, v in request.url.params.multi_items() if k != "offset"]
            request = httpx.Request(
                request.method, request.url.copy_with(params=params), headers=request.headers
            )
        return super().handle(request)


@contextmanager
def client_of(emulator: Emulator) -> Iterator[JobMojitoClient]:
    settings = Settings(api_url="http://127.0.0.1:8787", token=Secret("t"))
    http = emulator.transport()
    with JobMojitoClient(settings, transport=http, sleep=lambda _: None) as client:
        yield client


def seed(emulator: Emulator, count: int) -> None:
    with httpx.Client(transport=emulator.transport(), headers={"Authorization": "Bearer t"}) as h:
        for number in range(count):
            body = from_array_body(name=f"Seeded {number}")
            assert h.post("http://x/job-interview-create-from-array", json=body).is_success


def test_paging_agrees_on_the_plain_emulator() -> None:
    emulator = Emulator()
    seed(emulator, 3)
    with client_of(emulator) as client:
        listing, listed = check_listing(client)
        check = check_paging(client, listed)
    assert listing.status is Status.OK
    assert (check.status, check.found) == (
        Status.OK, "pages of one item (type interview): offsets and has_more agree"
    )  # fmt: skip


def test_an_api_that_ignores_offsets_fails_paging() -> None:
    emulator = _OffsetIgnored()
    seed(emulator, 3)
    with client_of(emulator) as client:
        _, listed = check_listing(client)
        check = check_paging(client, listed)
    assert check.status is Status.FAILED
    assert check.found == (
        "merchant-interview-list (type interview, one item per page): asked for offset 1, "
        "pagination says 0"
    )
    assert check.action.startswith("plans could miss live interviews")


def test_paging_is_unknown_with_fewer_than_two_interviews() -> None:
    emulator = Emulator()
    seed(emulator, 1)
    with client_of(emulator) as client:
        _, listed = check_listing(client)
        check = check_paging(client, listed)
    assert check.status is Status.UNKNOWN


def test_the_throwaway_interview_gets_an_interactive_template_never_a_legacy_one() -> None:
    found = [
        Template("1", "Elai", "offline_elai", "active", "en"),
        Template("2", "Studio", "offline_heygen", "active", "en"),
        Template("3", "Old voice", "interactive_elevenlabs", "archived", "en"),
        Template("4", "Voice", "interactive_elevenlabs", "active", "fr"),
    ]
    assert [template.id for template in usable_templates(found)] == ["4", "2"]
