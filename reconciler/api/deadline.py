"""The total deadline of a request, held at the socket so that it covers every wait.

httpx bounds each wait (connect, write, each read) by its own timeout but never the sum of
them: a server that trickles the answer's headers a byte at a time, each just inside the
read timeout, would keep a request going until h11's header limit, for days. The client
checks the deadline itself as each piece of the body arrives, but nothing of its own runs
while the headers arrive. So httpcore's network backend (a public interface) is wrapped:
every wait on a connection opened through it is capped at the time left before the
deadline of the request the current thread is making, and fails as a timeout once that
has passed. The deadline is thread-local because the client sends on many threads, each
waiting on its own connection.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Iterable
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

_CURRENT = threading.local()


@contextmanager
def deadline(at: float) -> Iterator[None]:
    """Bound the waits of this thread's request to `at` (a `time.monotonic()` instant)."""
    before: float | None = getattr(_CURRENT, "at", None)
    _CURRENT.at = at
    try:
        yield
    finally:
        _CURRENT.at = before


def _capped(timeout: float | None, late: type[httpcore.TimeoutException]) -> float | None:
    """`timeout` no longer than the time left; `late` once none is left (the class the
    wait itself would raise, so that a connect past the deadline still proves the
    request was never sent)."""
    at: float | None = getattr(_CURRENT, "at", None)
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise late("the request's deadline has passed")
    return left if timeout is None else min(timeout, left)


class DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait ends by the current thread's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(
            ssl_context, server_hostname, _capped(timeout, httpcore.ConnectTimeout)
        )
        return DeadlineStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """Opens connections through `backend` as DeadlineStreams."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(
            host, port, _capped(timeout, httpcore.ConnectTimeout), local_address, socket_options
        )
        return DeadlineStream(stream)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(
            path, _capped(timeout, httpcore.ConnectTimeout), socket_options
        )
        return DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def bound_transports(client: httpx.Client) -> None:
    """Open every connection of `client`'s own transports (the direct one and one per
    proxy) through a DeadlineBackend.

    httpx has no public way to give its transports a network backend, nor to list the
    transports a client made for the proxies of the environment; this reaches for the
    private `_transport`, `_mounts`, `_pool` and `_network_backend`, and fails loudly
    (tests/api/test_deadline.py pins it) rather than leave a transport unbounded should
    httpx rename them."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        if isinstance(transport, httpx.HTTPTransport):
            pool = transport._pool
            backend = pool._network_backend
            if not isinstance(backend, httpcore.NetworkBackend):
                raise TypeError(f"httpx's pool has no network backend to bound: {backend!r}")
            if not isinstance(backend, DeadlineBackend):
                pool._network_backend = DeadlineBackend(backend)
