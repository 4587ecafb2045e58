"""exchange_many: many requests from one thread over a few kept-alive connections."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import httpx
import pytest

from reconciler.api.limiter import Limiter
from reconciler.api.multiplex import exchange_many
from reconciler.api.transport import Answer
from reconciler.api.transport import LeanTransport
from reconciler.api.transport import origin_of
from tests.api.scripted_server import Recorder
from tests.api.scripted_server import answer_each
from tests.api.scripted_server import read_request
from tests.api.scripted_server import scripted_server


def _get(path: str) -> bytes:
    return f"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n".encode()


def _ok(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


class EchoServer:
    """Answers each GET with its path, on many connections at once (a thread each), and
    counts how many connections were ever open together."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._lock = threading.Lock()
        self.open_now = 0
        self.most_open = 0
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._listener.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with self._lock:
            self.connections += 1
            self.open_now += 1
            self.most_open = max(self.most_open, self.open_now)
        try:
            with conn:
                while request := read_request(conn):
                    path = request.split(b" ", 2)[1]
                    conn.sendall(_ok(path))
        except OSError:
            pass
        finally:
            with self._lock:
                self.open_now -= 1


@pytest.fixture
def echo() -> Iterator[EchoServer]:
    server = EchoServer()
    yield server
    server.close()


def _exchange(
    url: str, paths: list[str], *, width: int, limiter: Limiter | None = None, **options: object
) -> list[tuple[int, Answer | httpx.TransportError]]:
    transport = LeanTransport(max_idle=width)
    try:
        return list(
            exchange_many(
                transport,
                origin_of(httpx.URL(url)),
                [(index, _get(path)) for index, path in enumerate(paths)],
                limiter=limiter or Limiter(parallelism=width, max_rps=1e6),
                width=width,
                timeout_s=2.0,
                **options,  # type: ignore[arg-type]
            )
        )
    finally:
        transport.close()


def test_every_request_is_answered_over_at_most_width_connections(echo: EchoServer) -> None:
    paths = [f"/item/{number}" for number in range(60)]

    outcomes = _exchange(echo.url, paths, width=4)

    assert sorted(key for key, _ in outcomes) == list(range(60))
    for key, answer in outcomes:
        assert isinstance(answer, Answer)
        assert answer.body == paths[key].encode()
    assert echo.most_open <= 4
    assert echo.connections <= 4  # kept alive, not dialled per request


def test_the_connections_go_back_to_the_pool_for_the_next_exchange(echo: EchoServer) -> None:
    transport = LeanTransport(max_idle=4)
    origin = origin_of(httpx.URL(echo.url))
    limiter = Limiter(parallelism=4, max_rps=1e6)
    try:
        for round_ in range(3):
            requests = [(n, _get(f"/{round_}/{n}")) for n in range(30)]
            outcomes = exchange_many(
                transport, origin, requests, limiter=limiter, width=4, timeout_s=2.0
            )
            assert all(isinstance(answer, Answer) for _, answer in outcomes)
    finally:
        transport.close()
    assert echo.connections <= 4  # the second and third exchanges dialled none


def test_the_limiter_slots_are_all_given_back(echo: EchoServer) -> None:
    limiter = Limiter(parallelism=3, max_rps=1e6)
    _exchange(echo.url, [f"/{n}" for n in range(20)], width=3, limiter=limiter)

    assert [limiter.take_slot(wait=False) for _ in range(4)] == [True, True, True, False]


def test_idle_work_runs_while_answers_are_awaited() -> None:
    slow = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
    released = threading.Event()

    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        released.wait(5)  # the answer comes only once idle work has run
        conn.sendall(slow)

    calls: list[int] = []

    def idle() -> bool:
        calls.append(1)
        if len(calls) == 3:
            released.set()
        return len(calls) < 3

    with scripted_server(script) as (url, _):
        outcomes = _exchange(url, ["/x"], width=1, idle=idle)

    assert len(calls) == 3
    assert [type(answer) for _, answer in outcomes] == [Answer]


def test_what_idle_raises_ends_the_exchange_and_frees_its_slots() -> None:
    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        conn.recv(1)  # never answers; waits for the client to go away

    def idle() -> bool:
        raise ValueError("a spec problem")

    limiter = Limiter(parallelism=1, max_rps=1e6)
    with scripted_server(script) as (url, _), pytest.raises(ValueError, match="spec problem"):
        _exchange(url, ["/x"], width=1, limiter=limiter, idle=idle)

    assert limiter.take_slot(wait=False)


def test_chunked_and_closing_answers_on_one_connection_each() -> None:
    chunked = (
        b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n{"a\r\n4\r\n":1}\r\n0\r\n\r\n'
    )
    closing = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n[]"
    with scripted_server(answer_each(chunked, closing, _ok(b"{}"))) as (url, received):
        outcomes = _exchange(url, ["/1", "/2", "/3"], width=1)

    bodies = [answer.body for _, answer in outcomes if isinstance(answer, Answer)]
    assert bodies == [b'{"a":1}', b"[]", b"{}"]
    assert len(received) == 3  # the third request dialled again after the close


def test_a_broken_answer_is_a_protocol_error_for_its_request_only() -> None:
    with scripted_server(answer_each(b"garbage\r\n\r\n", _ok(b"{}"))) as (url, _):
        outcomes = _exchange(url, ["/bad", "/good"], width=1)

    assert isinstance(outcomes[0][1], httpx.RemoteProtocolError)
    assert isinstance(outcomes[1][1], Answer)


def test_a_closed_port_is_a_connect_error_for_every_request() -> None:
    with socket.create_server(("127.0.0.1", 0)) as probe:
        url = f"http://127.0.0.1:{probe.getsockname()[1]}"
    outcomes = _exchange(url, ["/a", "/b"], width=2)

    assert [type(error) for _, error in outcomes] == [httpx.ConnectError, httpx.ConnectError]


def test_a_silent_server_is_a_read_timeout() -> None:
    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        conn.recv(1)

    transport = LeanTransport(max_idle=1)
    with scripted_server(script) as (url, _):
        outcomes = list(
            exchange_many(
                transport,
                origin_of(httpx.URL(url)),
                [(0, _get("/x"))],
                limiter=Limiter(parallelism=1, max_rps=1e6),
                width=1,
                timeout_s=0.2,
            )
        )

    assert [type(error) for _, error in outcomes] == [httpx.ReadTimeout]
