"""A loopback server that answers raw bytes, scripted per connection, for transport tests.

Connections are served one at a time, in the order they were accepted.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from collections.abc import Iterator
from contextlib import contextmanager

Script = Callable[[socket.socket, int], None]
"""Serves one accepted connection; gets the socket and the connection's number (0, 1...)."""


def read_request(conn: socket.socket) -> bytes:
    """One request, head and Content-Length body; b"" when the client closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return data
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        body += conn.recv(65536)
    return head + b"\r\n\r\n" + body


@contextmanager
def scripted_server(script: Script) -> Iterator[tuple[str, list[bytes]]]:
    """A loopback server running `script` for each connection; yields its URL and the
    requests received so far."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    received: list[bytes] = []
    done = threading.Event()

    def serve() -> None:
        number = 0
        while not done.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            if done.is_set():  # the wake-up call below
                conn.close()
                return
            with conn:
                script(Recorder(conn, received), number)
            number += 1

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}", received
    finally:
        done.set()
        wake_up(port)
        listener.close()
        thread.join(timeout=5)


def wake_up(port: int) -> None:
    """Connect once, so that a thread blocked in accept() sees that it is done: closing
    the listening socket alone leaves accept() waiting (on Linux)."""
    with contextlib.suppress(OSError):  # the thread already left
        socket.create_connection(("127.0.0.1", port), timeout=1).close()


class Recorder(socket.socket):
    """The accepted socket, noting every request read through `read`."""

    def __init__(self, conn: socket.socket, received: list[bytes]) -> None:
        super().__init__(fileno=conn.detach())
        self.received = received

    def read(self) -> bytes:
        request = read_request(self)
        if request:
            self.received.append(request)
        return request


def answer_each(*answers: bytes) -> Script:
    """Read a request and send the next answer, for as long as answers remain."""
    remaining = list(answers)

    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        while remaining and conn.read():
            conn.sendall(remaining.pop(0))

    return script
