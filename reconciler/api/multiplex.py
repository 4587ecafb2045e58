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
    pending = iter(requests)
    in_flight: dict[Connection, tuple[K, float]] = {}
    selector = selectors.DefaultSelector()
    timeouts = {"connect": timeout_s, "write": timeout_s}
    more = True
    try:
        while True:
            while more and len(in_flight) < width:
                if not limiter.take_slot(wait=not in_flight):
                    break  # another thread of the client holds the slots; ours will free
                request = next(pending, None)
                if request is None:
                    limiter.give_slot()
                    more = False
                    break
                key, message = request
                try:
                    connection = transport.checkout(origin, timeouts)
                except httpx.TransportError as exc:
                    limiter.give_slot()
                    yield key, exc
                    continue
                try:
                    connection.send(message, timeout_s)
                except httpx.TransportError as exc:
                    connection.close()
                    limiter.give_slot()
                    yield key, exc
                    continue
                in_flight[connection] = (key, time.monotonic() + timeout_s)
                selector.register(connection, selectors.EVENT_READ, connection)
            if not in_flight:
                return
            ready = selector.select(0) if idle is not None else []
            while not ready and idle is not None and idle():
                ready = selector.select(0)
            if not ready:
                nearest = min(deadline for _, deadline in in_flight.values())
                ready = selector.select(max(0.0, nearest - time.monotonic()))
            for selector_key, _ in ready:
                connection = cast(Connection, selector_key.data)
                selector.unregister(connection)
                key, _ = in_flight.pop(connection)
                limiter.give_slot()
                try:
                    answer = connection.receive(method, timeout_s)
                except BaseException as exc:
                    connection.close()
                    if not isinstance(exc, httpx.TransportError):
                        raise
                    yield key, exc
                    continue
                transport.checkin(origin, connection, answer)
                yield key, answer
            now = time.monotonic()
            for connection, (key, deadline) in list(in_flight.items()):
                if deadline <= now:
                    selector.unregister(connection)
                    del in_flight[connection]
                    connection.close()
                    limiter.give_slot()
                    yield key, httpx.ReadTimeout("timed out waiting for the answer")
    finally:
        for connection in in_flight:
            connection.close()
            limiter.give_slot()
        selector.close()
