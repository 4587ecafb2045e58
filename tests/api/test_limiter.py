from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from reconciler.api.limiter import Limiter
from reconciler.api.limiter import TokenBucket


class VirtualClock:
    """Time that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def test_bucket_spaces_requests_at_the_rate() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(20.0, clock=clock, sleep=clock.sleep)

    waits = [bucket.acquire() for _ in range(41)]

    assert waits[0] == 0.0
    assert waits[1:] == pytest.approx([0.05] * 40)
    assert clock.now == pytest.approx(2.0)  # 41 requests at 20/s: the 41st at t = 2 s


def test_bucket_refills_while_idle_up_to_its_capacity() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(10.0, capacity=3, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        bucket.acquire()
    clock.sleep(60)  # a long pause refills to the capacity, not beyond

    waits = [bucket.acquire() for _ in range(4)]

    assert waits == pytest.approx([0.0, 0.0, 0.0, 0.1])


def test_bucket_rate_holds_across_threads() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(50.0, clock=clock, sleep=clock.sleep)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: bucket.acquire(), range(101)))

    # Every acquire reserved its own slot: 100 spacings of 1/50 s, whoever slept them.
    assert clock.now >= 2.0 - 1e-9


def test_bucket_rejects_a_useless_rate() -> None:
    with pytest.raises(ValueError, match="rate > 0"):
        TokenBucket(0)


def test_limiter_bounds_requests_in_flight() -> None:
    limiter = Limiter(parallelism=3, max_rps=1e6)
    lock = threading.Lock()
    in_flight = 0
    peak = 0

    def request(_: int) -> None:
        nonlocal in_flight, peak
        with limiter.slot():
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            time.sleep(0.002)
            with lock:
                in_flight -= 1

    with ThreadPoolExecutor(max_workers=12) as pool:
        list(pool.map(request, range(48)))

    assert 1 <= peak <= 3
    assert in_flight == 0
