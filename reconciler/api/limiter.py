"""The shared limiter: at most `parallelism` requests in flight, at most `max_rps` per second.

Thread-safe; one instance per client, shared by every thread that client serves. The rate
part is a token bucket that *reserves* a slot under the lock and sleeps outside it, so
waiting threads queue in order instead of waking together and racing. The clock and the
sleep are injectable so tests can run it on virtual time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager


class TokenBucket:
    """Hands out `rate` tokens per second with a burst of at most `capacity` tokens."""

    def __init__(
        self,
        rate: float,
        *,
        capacity: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate <= 0 or capacity < 1:
            raise ValueError("a token bucket needs rate > 0 and capacity >= 1")
        self._rate = rate
        self._capacity = capacity
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._tokens = capacity
        self._updated = clock()

    def acquire(self) -> float:
        """Take one token, sleeping until it is due; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            elapsed = max(0.0, now - self._updated)
            self._tokens = min(self._capacity, self._tokens + elapsed * self._rate)
            self._updated = now
            self._tokens -= 1  # may go negative: a reservation of a future token
            wait = -self._tokens / self._rate if self._tokens < 0 else 0.0
        if wait > 0:
            self._sleep(wait)
        return wait


class Limiter:
    """Concurrency and rate limits for every request one client sends."""

    def __init__(
        self,
        *,
        parallelism: int,
        max_rps: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if parallelism < 1:
            raise ValueError("parallelism must be at least 1")
        self._slots = threading.BoundedSemaphore(parallelism)
        self._bucket = TokenBucket(max_rps, clock=clock, sleep=sleep)

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one request slot; the rate wait happens before, without holding a slot."""
        self._bucket.acquire()
        with self._slots:
            yield

    def take_slot(self, *, wait: bool) -> bool:
        """Take a request slot for a caller that cannot use `slot()`'s block (one thread
        with several requests in flight): waits for the rate, then for a free slot only
        if `wait`. False when no slot was free. Give it back with `give_slot`."""
        if not self._slots.acquire(blocking=False):
            if not wait:
                return False
            self._slots.acquire()
        self._bucket.acquire()
        return True

    def give_slot(self) -> None:
        self._slots.release()
