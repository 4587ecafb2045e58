"""The retry policy: exponential backoff with full jitter, honouring Retry-After.

Pure: no I/O and no sleeping; the client asks how long to wait and sleeps itself. The
random source and the clock are injectable so tests get exact, repeatable delays.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import UTC
from datetime import datetime
from email.utils import parsedate_to_datetime

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RetryPolicy:
    """How many attempts a request gets and how long to wait between them.

    The n-th wait (n = 1 after the first failure) is uniform in [0, min(cap, base * factor**(n-1))]
    ("full jitter": concurrent clients that failed together do not retry together). A server's
    Retry-After replaces the computed wait, bounded by `max_retry_after_s` so that a confused
    server cannot park the tool for hours.
    """

    max_attempts: int = 5
    base_s: float = 0.5
    factor: float = 2.0
    cap_s: float = 30.0
    max_retry_after_s: float = 120.0
    rng: Callable[[], float] = field(default=random.random, repr=False)
    now: Callable[[], datetime] = field(default=_utc_now, repr=False)

    def can_retry(self, attempt: int) -> bool:
        """Whether attempt number `attempt` (1-based) may be followed by another."""
        return attempt < self.max_attempts

    def backoff_ceiling(self, attempt: int) -> float:
        return float(min(self.cap_s, self.base_s * self.factor ** (attempt - 1)))

    def delay(self, attempt: int, retry_after: str | None = None) -> float:
        """Seconds to wait after failed attempt `attempt`, given the Retry-After header."""
        requested = self.retry_after_seconds(retry_after)
        if requested is not None:
            return min(requested, self.max_retry_after_s)
        return self.rng() * self.backoff_ceiling(attempt)

    def retry_after_seconds(self, value: str | None) -> float | None:
        """Retry-After as seconds: a number of seconds or an HTTP-date; None if absent/bad."""
        if value is None or not value.strip():
            return None
        text = value.strip()
        try:
            return max(0.0, float(text))
        except ValueError:
            pass
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # RFC 9110 dates are GMT; treat a naive one as UTC
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - self.now()).total_seconds())
