"""A lean HTTP/1.1 transport for httpx: kept-alive sockets, no httpcore or h11 underneath.

Why our own: the benchmarks (issue 8) showed httpx's default transport spending about a
millisecond of CPU per request in pure-Python protocol handling (httpcore's pool, h11's
state machine), several times what parsing the 30 KB answer costs. Discovery makes one
request per interview, so that overhead, not the network, set the pace at parallelism 32
on two cores. This transport speaks the small part of HTTP/1.1 the JobMojito API needs:
one request at a time per connection, Content-Length or chunked answers, keep-alive, TLS.
The client above it stays `httpx.Client` (redirect policy, headers, content decoding,
`MockTransport` in tests). When the environment names a proxy, the client uses httpx's
own transport instead, which honours it (api/client.py).

Failures map to the httpx exceptions httpcore raises in the same situations, because the
retry rules (api/retry.py, api/failures.py) decide on them: `ConnectError` and
`ConnectTimeout` mean the request was never sent; anything after the first byte left is
a read/write/protocol error, ambiguous for a create.
I/O: sockets.
"""

from __future__ import annotations

import select
import socket
import ssl
import threading
from collections.abc import Iterable
from collections.abc import Mapping
from dataclasses import dataclass
from typing import BinaryIO
from typing import Final
from typing import cast

import httpx

SocketOption = tuple[int, int, int]
Origin = tuple[bytes, bytes, int]
"""(scheme, host, port)"""

MAX_HEADER_LINE: Final = 65_536
MAX_HEADERS: Final = 200
_READ_SIZE: Final = 65_536  # per kept-alive connection; larger bodies bypass the buffer
_NO_BODY_STATUSES: Final = frozenset({204, 304})


class LeanTransport(httpx.BaseTransport):
    """HTTP/1.1 with a pool of kept-alive connections per origin.

    At most `max_idle` idle connections are kept per origin; the client's limiter bounds
    how many are open at once. Thread-safe: a connection belongs to one request at a time.
    """

    def __init__(
        self,
        *,
        max_idle: int = 20,
        socket_options: Iterable[SocketOption] = (),
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self._max_idle = max_idle
        self._socket_options = tuple(socket_options)
        self._ssl_context = ssl_context
        self._idle: dict[Origin, list[Connection]] = {}
        self._lock = threading.Lock()
        self._closed = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        origin = origin_of(request.url)
        timeouts = request.extensions.get("timeout", {})
        body = request.read()
        connection = self.checkout(origin, timeouts)
        try:
            answer = connection.exchange(request, body, timeouts)
        except BaseException:
            connection.close()
            raise
        self.checkin(origin, connection, answer)
        return answer.response()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle = [connection for pool in self._idle.values() for connection in pool]
            self._idle.clear()
        for connection in idle:
            connection.close()

    def checkout(self, origin: Origin, timeouts: Mapping[str, float | None]) -> Connection:
        """A kept-alive connection to `origin`, or a new one (raises httpx.ConnectError or
        httpx.ConnectTimeout when none can be made). Hand it back with `checkin`."""
        connection = self._idle_connection(origin)
        return connection if connection is not None else self._connect(origin, timeouts)

    def checkin(self, origin: Origin, connection: Connection, answer: Answer) -> None:
        """Keep the connection for the next request if `answer` allows, else close it."""
        if answer.reusable:
            self.release(origin, connection)
        else:
            connection.close()

    def _idle_connection(self, origin: Origin) -> Connection | None:
        while True:
            with self._lock:
                pool = self._idle.get(origin)
                connection = pool.pop() if pool else None
            if connection is None or connection.usable():
                return connection
            connection.close()  # the server closed it while it sat idle

    def release(self, origin: Origin, connection: Connection) -> None:
        """Keep a connection whose last answer left it reusable (or close it when the pool
        is full or closed)."""
        with self._lock:
            pool = self._idle.setdefault(origin, [])
            if not self._closed and len(pool) < self._max_idle:
                pool.append(connection)
                return
        connection.close()

    def _tls_context(self) -> ssl.SSLContext:
        """Made once: loading the certificate store takes milliseconds per connection."""
        with self._lock:
            if self._ssl_context is None:
                self._ssl_context = httpx.create_ssl_context()
            return self._ssl_context

    def _connect(self, origin: Origin, timeouts: Mapping[str, float | None]) -> Connection:
        scheme, host, port = origin
        hostname = host.decode("ascii")
        try:
            sock = socket.create_connection((hostname, port), timeout=timeouts.get("connect"))
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(str(exc) or "timed out connecting") from exc
        except OSError as exc:
            raise httpx.ConnectError(str(exc)) from exc
        try:
            for option in self._socket_options:
                sock.setsockopt(*option)
            if scheme == b"https":
                context = self._tls_context()
                sock = context.wrap_socket(sock, server_hostname=hostname)
        except TimeoutError as exc:
            sock.close()
            raise httpx.ConnectTimeout(str(exc) or "timed out in the TLS handshake") from exc
        except OSError as exc:  # ssl.SSLError is an OSError
            sock.close()
            raise httpx.ConnectError(str(exc)) from exc
        return Connection(sock)


@dataclass(frozen=True, slots=True)
class Answer:
    """One HTTP answer as read from the socket, and whether the connection may be reused."""

    status: int
    reason: bytes
    version: bytes
    headers: list[tuple[bytes, bytes]]
    body: bytes
    reusable: bool

    def response(self, request: httpx.Request | None = None) -> httpx.Response:
        """The answer as an httpx.Response (its body still to be read through httpx, which
        decodes any Content-Encoding)."""
        return httpx.Response(
            self.status,
            headers=self.headers,
            stream=httpx.ByteStream(self.body),
            extensions={"http_version": self.version, "reason_phrase": self.reason},
            request=request,
        )


class Connection:
    """One socket and its read buffer; one exchange at a time."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock
        self._reader = cast(BinaryIO, sock.makefile("rb", buffering=_READ_SIZE))

    def usable(self) -> bool:
        """False when the server closed (or wrote to) the connection while it sat idle."""
        try:
            readable, _, _ = select.select([self._sock], [], [], 0)
        except (OSError, ValueError):
            return False
        return not readable

    def close(self) -> None:
        try:
            self._reader.close()
        finally:
            self._sock.close()

    def fileno(self) -> int:
        """The socket's descriptor, for waiting on several connections at once."""
        return self._sock.fileno()

    def exchange(
        self, request: httpx.Request, body: bytes, timeouts: Mapping[str, float | None]
    ) -> Answer:
        lines = [b"%s %s HTTP/1.1" % (request.method.encode("ascii"), request.url.raw_path)]
        lines.extend(b"%s: %s" % pair for pair in request.headers.raw)
        self.send(b"\r\n".join(lines) + b"\r\n\r\n" + body, timeouts.get("write"))
        return self.receive(request.method, timeouts.get("read"))

    def send(self, message: bytes, timeout: float | None) -> None:
        """Write a whole request (head and body), mapping failures to httpx's errors."""
        self._sock.settimeout(timeout)
        try:
            self._sock.sendall(message)
        except TimeoutError as exc:
            raise httpx.WriteTimeout(str(exc) or "timed out sending the request") from exc
        except OSError as exc:
            raise httpx.WriteError(str(exc)) from exc

    def receive(self, method: str, timeout: float | None) -> Answer:
        """Read one whole answer to a `method` request, mapping failures to httpx's errors."""
        self._sock.settimeout(timeout)
        try:
            return self._receive(method)
        except TimeoutError as exc:
            raise httpx.ReadTimeout(str(exc) or "timed out reading the answer") from exc
        except OSError as exc:
            raise httpx.ReadError(str(exc)) from exc

    def _receive(self, method: str) -> Answer:
        while True:
            version, status, reason = self._status_line()
            headers = self._headers()
            if not 100 <= status < 200:
                break  # an informational answer (100 Continue) precedes the real one
        fields = _fields(headers)
        keep_alive = version == b"HTTP/1.1" and b"close" not in fields.get(b"connection", b"")
        if method == "HEAD" or status in _NO_BODY_STATUSES:
            return Answer(status, reason, version, headers, b"", keep_alive)
        if b"chunked" in fields.get(b"transfer-encoding", b"").lower():
            return Answer(status, reason, version, headers, self._chunked(), keep_alive)
        length = fields.get(b"content-length")
        if length is not None:
            return Answer(status, reason, version, headers, self._exactly(length), keep_alive)
        return Answer(status, reason, version, headers, self._reader.read(), False)

    def _status_line(self) -> tuple[bytes, int, bytes]:
        line = self._reader.readline(MAX_HEADER_LINE + 1)
        if not line:
            raise httpx.RemoteProtocolError("Server disconnected without sending a response.")
        parts = line.rstrip(b"\r\n").split(b" ", 2)
        if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
            raise httpx.RemoteProtocolError(f"not an HTTP/1.1 status line: {line[:80]!r}")
        return parts[0], int(parts[1]), parts[2] if len(parts) == 3 else b""

    def _headers(self) -> list[tuple[bytes, bytes]]:
        headers: list[tuple[bytes, bytes]] = []
        while True:
            line = self._reader.readline(MAX_HEADER_LINE + 1)
            if line in (b"\r\n", b"\n"):
                return headers
            if not line.endswith(b"\n") or len(headers) >= MAX_HEADERS:
                raise httpx.RemoteProtocolError("the answer's headers are cut off or too long")
            name, colon, value = line.partition(b":")
            if not colon or not name or name != name.strip():
                raise httpx.RemoteProtocolError(f"a malformed header line: {line[:80]!r}")
            headers.append((name, value.strip()))

    def _exactly(self, length_text: bytes) -> bytes:
        if not length_text.isdigit():
            raise httpx.RemoteProtocolError(f"a malformed Content-Length: {length_text[:40]!r}")
        length = int(length_text)
        body = self._reader.read(length)
        if len(body) != length:
            raise httpx.RemoteProtocolError(
                "peer closed connection without sending complete message body"
            )
        return body

    def _chunked(self) -> bytes:
        chunks: list[bytes] = []
        while True:
            size_line = self._reader.readline(MAX_HEADER_LINE + 1)
            size_text = size_line.split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                message = f"a malformed chunk size: {size_line[:40]!r}"
                raise httpx.RemoteProtocolError(message) from None
            if size == 0:
                self._headers()  # trailers, up to the blank line
                return b"".join(chunks)
            chunk = self._reader.read(size + 2)
            if len(chunk) != size + 2 or not chunk.endswith(b"\r\n"):
                raise httpx.RemoteProtocolError(
                    "peer closed connection without sending complete message body"
                )
            chunks.append(chunk[:-2])


def _fields(headers: list[tuple[bytes, bytes]]) -> dict[bytes, bytes]:
    """The framing headers by lower-cased name; repeated ones joined as HTTP allows."""
    fields: dict[bytes, bytes] = {}
    for name, value in headers:
        key = name.lower()
        if key == b"content-length":
            if fields.setdefault(key, value) != value:
                raise httpx.RemoteProtocolError("conflicting Content-Length headers")
        elif key in (b"connection", b"transfer-encoding"):
            fields[key] = fields[key] + b", " + value if key in fields else value
    return fields


def origin_of(url: httpx.URL) -> Origin:
    """(scheme, host, port) of an http or https URL: the key of a pool of connections."""
    scheme = url.raw_scheme
    if scheme not in (b"http", b"https"):
        raise httpx.UnsupportedProtocol(f"unsupported URL scheme {url.scheme!r}")
    port = url.port or (443 if scheme == b"https" else 80)
    return scheme, url.raw_host, port
