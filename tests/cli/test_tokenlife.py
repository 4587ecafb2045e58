"""--min-token-life: the limit, the words for the time left, and who is never checked."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta

import pytest

from reconciler.cli.tokenlife import check_token_life
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.errors import AuthError
from tests.api.test_tokens import jwt

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


def settings_expiring_in(left: timedelta) -> Settings:
    token = jwt({"sub": "u1", "exp": (NOW + left).timestamp()})
    return Settings(api_url="https://api.test/functions/v1", token=Secret(token))


@pytest.mark.parametrize(
    ("left", "words"),
    [
        (timedelta(seconds=42), "in 42 s"),
        (timedelta(minutes=9, seconds=59), "in 9 min"),
        (timedelta(hours=1, minutes=5), "in 1 h 5 min"),
    ],
)
def test_apply_refuses_under_the_limit(left: timedelta, words: str) -> None:
    with pytest.raises(AuthError) as caught:
        check_token_life(settings_expiring_in(left), 70, refuse=True, now=NOW)

    assert f"expires at {(NOW + left):%Y-%m-%d %H:%M:%S} UTC, {words}, which is under " in str(
        caught.value
    )


def test_enough_life_left_passes_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    check_token_life(settings_expiring_in(timedelta(minutes=10)), 10, refuse=True, now=NOW)
    check_token_life(settings_expiring_in(timedelta(minutes=10)), 10, refuse=False, now=NOW)

    assert capsys.readouterr() == ("", "")


def test_a_limit_of_zero_still_stops_an_expired_token() -> None:
    with pytest.raises(AuthError, match=r"expired at 2026-12-06 08:59:59 UTC \(1 s ago\)"):
        check_token_life(settings_expiring_in(timedelta(seconds=-1)), 0, refuse=True, now=NOW)


def test_tokens_that_do_not_say_and_service_users_are_not_checked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    opaque = Settings(api_url="https://api.test/functions/v1", token=Secret("opaque"))
    service_user = Settings(
        api_url="https://api.test/functions/v1",
        token=Secret(""),
        email="ci@acme.test",
        password=Secret("pw"),
    )

    for settings in (opaque, service_user):
        check_token_life(settings, 10, refuse=True, now=NOW)  # raises nothing
        check_token_life(settings, 10, refuse=False, now=NOW)

    assert capsys.readouterr() == ("", "")
