from __future__ import annotations

from datetime import UTC
from datetime import datetime

import pytest

from reconciler.api.retry import RetryPolicy

NOW = datetime(2025, 6, 2, 12, 0, 0, tzinfo=UTC)


def ceiling_policy() -> RetryPolicy:
    """A policy whose jitter always picks the top of the range, so waits are exact."""
    return RetryPolicy(rng=lambda: 1.0, now=lambda: NOW)


def test_backoff_doubles_from_half_a_second_and_is_capped_at_30() -> None:
    policy = ceiling_policy()

    waits = [policy.delay(attempt) for attempt in range(1, 10)]

    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0, 30.0]


def test_full_jitter_scales_the_ceiling() -> None:
    policy = RetryPolicy(rng=lambda: 0.25)

    assert policy.delay(3) == 0.5


def test_retry_after_seconds_replaces_the_backoff() -> None:
    assert ceiling_policy().delay(1, "12") == 12.0
    assert ceiling_policy().delay(1, " 0 ") == 0.0


def test_retry_after_http_date_counts_from_now() -> None:
    assert ceiling_policy().delay(1, "Mon, 02 Jun 2025 12:00:09 GMT") == 9.0


def test_retry_after_in_the_past_means_now() -> None:
    assert ceiling_policy().delay(1, "Mon, 02 Jun 2025 11:00:00 GMT") == 0.0


def test_retry_after_is_bounded() -> None:
    assert ceiling_policy().delay(1, "86400") == 120.0


@pytest.mark.parametrize("value", [None, "", "soon", "-"])
def test_unusable_retry_after_falls_back_to_backoff(value: str | None) -> None:
    assert ceiling_policy().delay(2, value) == 1.0


def test_attempts_are_bounded() -> None:
    policy = RetryPolicy(max_attempts=3)

    assert [policy.can_retry(n) for n in (1, 2, 3)] == [True, True, False]
