"""Many requests to one origin from a single thread, several of them in flight at once.

Why not threads: discovery reads one definition per interview. With a thread per request
in flight, every answer meant waking a thread and handing it the GIL, and at parallelism 32
that churn cost as much CPU as reading the answers (issue 8). Here one thread sends on up
to `width` kept-alive connections of the LeanTransport pool, waits on all of them with a
selector, and reads each answer when its first bytes arrive (the rest follows at network
speed: a connection's answer is read to its end before the next one is looked at).

Only the wire is handled here: each request ends as the transport's Answer or as the httpx
exception the transport would have raised. Deciding what a status means, retries and
errors stay with the client (api/client.py).
I/O: sockets (through api/transport.py).
"""

from __future__ import annotations

import selectors
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Generic
from typing import TypeVar
from typing import cast

import httpx

from reconciler.api.limiter import Limiter
from reconciler.api.transport import Answer
from reconciler.api.transport import Connection
from reconciler.api.transport import LeanTransport
from reconciler.api.transport import Origin

K = TypeVar("K")


def exchange_many(
    transport: LeanTransport,
    origin: Origin,
    requests: Iterable[tuple[K, bytes]],
    *,
    limiter: Limiter,
    width: int,
    timeout_s: float,
    method: str = "GET",
    idle: Callable[[], bool] | None = None,
) -> Iterator[tuple[K, Answer | httpx.TransportError]]:
    """Send each `(key, request bytes)` and yield `(key, answer or error)` as answers arrive.

    At most `width` requests are in flight, each holding one of the limiter's slots, and
    the limiter's rate is kept. `requests` is read lazily, one item per free connection,
    so a caller can stop the sending by ending it (the answers in flight still arrive).
    `timeout_s` bounds connecting, sending, the wait for an answer's first bytes and each
    read after them. Closing the generator early closes the connections in flight.

    While no answer is ready, `idle()` is called to do a slice of other work (it returns
    False when it has none left); whatever it raises ends the exchange.
    """
    exchange = _Exchange(transport, origin, iter(requests), limiter, width, timeout_s, method)
    try:
        outcomes = exchange.send_more()
        while outcomes or exchange.in_flight:
            yield from outcomes
            if not exchange.in_flight:
                outcomes = exchange.send_more()
                continue
            outcomes = exchange.receive(exchange.wait(idle))
            # The freed connections carry the next requests before these answers are
            # handed over: the caller's work on them then overlaps the next round trip.
            outcomes += exchange.send_more()
    finally:
        exchange.close()


Outcome = tuple[K, Answer | httpx.TransportError]


class _Exchange(Generic[K]):
    """The connections of one exchange_many and the request each one carries."""

    def __init__(
        self,
        transport: LeanTransport,
        origin: Origin,
        pending: Iterator[tuple[K, bytes]],
        limiter: Limiter,
        width: int,
        timeout_s: float,
        method: str,
    ) -> None:
        self._transport = transport
        self._origin = origin
        self._pending: Iterator[tuple[K, bytes]] | None = pending
        self._limiter = limiter
        self._width = width
        self._timeout_s = timeout_s
        self._method = method
        self._selector = selectors.DefaultSelector()
        self.in_flight: dict[Connection, tuple[K, float]] = {}
        # Connections freed by an answer, for the next requests: taken back straight
        # away, they skip the pool's lock and its check that the server has not closed
        # them while idle (a system call per request). Back to the pool at the end.
        self._free: list[Connection] = []

    def send_more(self) -> list[Outcome[K]]:
        """Send requests on free connections; the requests that failed to leave."""
        failed: list[Outcome[K]] = []
        while self._pending is not None and len(self.in_flight) < self._width:
            if not self._limiter.take_slot(wait=not self.in_flight):
                break  # another thread of the client holds the slots; ours will free
            request = next(self._pending, None)
            if request is None:
                self._limiter.give_slot()
                self._pending = None
                break
            key, message = request
            try:
                connection = self._free.pop() if self._free else self._checkout()
            except httpx.TransportError as exc:
                self._limiter.give_slot()
                failed.append((key, exc))
                continue
            try:
                connection.send(message, self._timeout_s)
            except httpx.TransportError as exc:
                connection.close()
                self._limiter.give_slot()
                failed.append((key, exc))
                continue
            self.in_flight[connection] = (key, time.monotonic() + self._timeout_s)
            self._selector.register(connection, selectors.EVENT_READ, connection)
        return failed

    def wait(self, idle: Callable[[], bool] | None) -> list[Connection]:
        """The connections with an answer arriving, after idle work or a blocking wait
        (empty when the nearest deadline passed first)."""
        ready = self._selector.select(0) if idle is not None else []
        while not ready and idle is not None and idle():
            ready = self._selector.select(0)
        if not ready:
            nearest = min(deadline for _, deadline in self.in_flight.values())
            ready = self._selector.select(max(0.0, nearest - time.monotonic()))
        return [cast(Connection, selector_key.data) for selector_key, _ in ready]

    def receive(self, ready: list[Connection]) -> list[Outcome[K]]:
        """The answers of the ready connections, and a timeout for each request whose
        deadline passed without one."""
        outcomes: list[Outcome[K]] = []
        for connection in ready:
            key = self._release(connection)
            try:
                answer = self._receive(connection)
            except httpx.TransportError as exc:
                outcomes.append((key, exc))
                continue
            if answer.reusable:
                self._free.append(connection)
            else:
                connection.close()
            outcomes.append((key, answer))
        now = time.monotonic()
        for connection, (key, deadline) in list(self.in_flight.items()):
            if deadline <= now:
                self._release(connection)
                connection.close()
                outcomes.append((key, httpx.ReadTimeout("timed out waiting for the answer")))
        return outcomes

    def close(self) -> None:
        """Close the connections still waiting for an answer (the caller left early) and
        hand the free ones back to the pool."""
        for connection in list(self.in_flight):
            self._release(connection)
            connection.close()
        self._selector.close()
        for connection in self._free:
            self._transport.release(self._origin, connection)
        self._free.clear()

    def _checkout(self) -> Connection:
        return self._transport.checkout(self._origin, {"connect": self._timeout_s})

    def _release(self, connection: Connection) -> K:
        self._selector.unregister(connection)
        key, _ = self.in_flight.pop(connection)
        self._limiter.give_slot()
        return key

    def _receive(self, connection: Connection) -> Answer:
        try:
            return connection.receive(self._method, self._timeout_s)
        except BaseException:
            connection.close()
            raise
