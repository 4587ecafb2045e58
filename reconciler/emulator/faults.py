"""Fault injection: latency and the failures a client meets on a real network.

Kinds: `429` (with Retry-After), `500`, `502` (an HTML page from a "gateway"),
`reset_before` (the connection drops before the request is handled) and `reset_after`
(the request is handled and committed, then the connection drops: the answer is lost,
the change is not). A share `rate` of requests meets one kind, drawn at random from a
`random.Random(seed)` guarded by a lock, so a run is reproducible. Pure but for the RNG
and, with `rate_limit_rps`, the clock: a rate limit as an API enforces it, a token
bucket over all requests, beyond which the answer is a 429 with Retry-After.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

FAULT_KINDS: Final = ("429", "500", "502", "reset_before", "reset_after")
RESETS: Final = frozenset({"reset_before", "reset_after"})


@dataclass(frozen=True)
class FaultConfig:
    """What goes wrong, how often, and how slow every answer is.

    `latency_ms` is fixed or a (low, high) range drawn per request. `seed` None takes the
    emulator's seed. `rate_limit_rps` (None: no limit) admits that many requests per
    second over all clients, with a burst of one second's worth.
    """

    rate: float = 0.0
    kinds: tuple[str, ...] = FAULT_KINDS
    latency_ms: float | tuple[float, float] = 0
    retry_after_s: float = 1
    seed: int | None = None
    rate_limit_rps: float | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.rate <= 1:
            raise ValueError(f"fault rate must be between 0 and 1, not {self.rate}")
        unknown = sorted(set(self.kinds) - set(FAULT_KINDS))
        if unknown or not self.kinds:
            raise ValueError(
                f"unknown fault kinds {', '.join(unknown) or '(none given)'}; "
                f"choose from {', '.join(FAULT_KINDS)}"
            )
        low, high = _latency_range(self.latency_ms)
        if low < 0 or high < low:
            raise ValueError(f"latency must be a non-negative number or range, not {low}-{high}")
        if self.retry_after_s < 0:
            raise ValueError("retry_after_s must not be negative")
        if self.rate_limit_rps is not None and not self.rate_limit_rps > 0:
            raise ValueError(f"the rate limit must be above 0, not {self.rate_limit_rps:g}")


@dataclass(frozen=True)
class Draw:
    """What happens to one request: how long it waits and which fault (if any) it meets."""

    latency_s: float
    fault: str | None
    retry_after_s: float = 0
    """What a 429 asks the client to wait."""


class FaultInjector:
    """Draws a `Draw` per request; thread-safe, reproducible for a given seed."""

    def __init__(
        self,
        config: FaultConfig,
        default_seed: int,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._random = random.Random(default_seed if config.seed is None else config.seed)
        self._lock = threading.Lock()
        self._clock = clock
        rate = config.rate_limit_rps
        self._tokens = 0.0 if rate is None else max(1.0, rate)
        self._updated = clock()

    def draw(self) -> Draw:
        low, high = _latency_range(self.config.latency_ms)
        with self._lock:
            latency_ms = low if low == high else self._random.uniform(low, high)
            hit = self.config.rate > 0 and self._random.random() < self.config.rate
            fault = self._random.choice(self.config.kinds) if hit else None
            wait = self._over_limit()
        if wait is not None:
            # Retry-After carries whole seconds, as APIs send it.
            return Draw(latency_ms / 1000, "429", float(max(1, math.ceil(wait))))
        return Draw(latency_ms / 1000, fault, self.config.retry_after_s)

    def _over_limit(self) -> float | None:
        """None when the rate limit admits one more request now (taking its token), else
        the seconds until it would. Called under the lock."""
        rate = self.config.rate_limit_rps
        if rate is None:
            return None
        now = self._clock()
        self._tokens = min(max(1.0, rate), self._tokens + (now - self._updated) * rate)
        self._updated = now
        if self._tokens >= 1:
            self._tokens -= 1
            return None
        return (1 - self._tokens) / rate


def _latency_range(latency_ms: float | tuple[float, float]) -> tuple[float, float]:
    if isinstance(latency_ms, tuple):
        return float(latency_ms[0]), float(latency_ms[1])
    return float(latency_ms), float(latency_ms)


BAD_GATEWAY_PAGE: Final = (
    "<html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>502 Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>"
)
