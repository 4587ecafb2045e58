"""The shared limiter: how many requests one client keeps in flight, adapted to the API.

Thread-safe; one instance per client, shared by every thread that client serves
(discovery's reads and apply's writes alike). The limit starts at `parallelism`. When the
API says it is overloaded (429 or 503), the limit halves, down to one; while a request
waits out the Retry-After the API sent, no new request starts (`held`). After as many
successes in a row as the current limit, the limit grows by one again, up to
`parallelism`. So the tool runs as fast as
the API serves it, without a fixed pace that is too slow for one account and too fast
for another.

`max_rps`, when set, is a hard ceiling on top: a token bucket that *reserves* a slot
under the lock and sleeps outside it, so waiting threads queue in order instead of
waking together and racing. The clock and the sleep are injectable so tests can run the
limiter on virtual time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

LOG: Final = logging.getLogger("reconciler.api")


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


@dataclass(frozen=True)
class Ticket:
    """One request's slot, taken under the limit of generation `generation`."""

    generation: int


class Limiter:
    """The requests in flight and, optionally, per second, for every request of one client."""

    def __init__(
        self,
        *,
        parallelism: int,
        max_rps: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if parallelism < 1:
            raise ValueError("parallelism must be at least 1")
        self._ceiling = parallelism
        self._limit = parallelism
        self._in_flight = 0
        self._successes = 0
        self._generation = 0
        """Counts the decreases: answers to requests sent before the last one say nothing
        about the lower limit, so a burst of 429s halves the limit once, not per answer."""
        self._holders = 0
        self._queue: deque[object] = deque()
        """The threads waiting for a slot, first asked first."""
        self._changed = threading.Condition()
        self._bucket = None if max_rps is None else TokenBucket(max_rps, clock=clock, sleep=sleep)

    @property
    def limit(self) -> int:
        """How many requests may be in flight now."""
        with self._changed:
            return self._limit

    @contextmanager
    def slot(self) -> Iterator[Ticket]:
        """Hold one request slot. The wait for the rate ceiling happens before, without
        holding a slot."""
        if self._bucket is not None:
            self._bucket.acquire()
        turn = object()
        with self._changed:
            # In the order asked: a thread that frees a slot and asks again at once would
            # otherwise take it before the thread it woke, which then waits for the
            # whole of discovery's reads.
            self._queue.append(turn)
            try:
                while self._holders or self._in_flight >= self._limit or self._queue[0] is not turn:
                    self._changed.wait()
            finally:
                self._queue.remove(turn)
                self._changed.notify_all()  # the next in line, or a slot given up
            self._in_flight += 1
            ticket = Ticket(self._generation)
        try:
            yield ticket
        finally:
            with self._changed:
                self._in_flight -= 1
                self._changed.notify_all()

    def succeeded(self, ticket: Ticket) -> None:
        """The request of `ticket` got an answer that was not the API pushing back."""
        with self._changed:
            if ticket.generation != self._generation or self._limit >= self._ceiling:
                return
            self._successes += 1
            if self._successes >= self._limit:
                self._limit += 1
                self._successes = 0
                self._changed.notify_all()
                LOG.debug("requests in flight: up to %d", self._limit)

    def throttled(self, ticket: Ticket) -> None:
        """The request of `ticket` was answered 429 or 503: halve the limit, once for the
        requests sent under the same limit."""
        with self._changed:
            self._successes = 0
            if ticket.generation != self._generation:
                return
            self._generation += 1
            if self._limit > 1:
                self._limit //= 2
                LOG.debug("requests in flight: up to %d (the API pushed back)", self._limit)

    @contextmanager
    def held(self) -> Iterator[None]:
        """No new request starts inside this block: the caller waits out a Retry-After
        in it, which the API asked of the whole client, not of one request."""
        with self._changed:
            self._holders += 1
        try:
            yield
        finally:
            with self._changed:
                self._holders -= 1
                self._changed.notify_all()
