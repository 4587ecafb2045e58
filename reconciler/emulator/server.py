"""Real HTTP for the emulator, on loopback only.

`serve()` starts a ThreadingHTTPServer in a background thread: one daemon thread per
connection, so injected latency (slept outside every lock) never serialises requests.
An injected connection reset closes the socket with SO_LINGER 0, which sends a TCP RST
instead of an answer. Nothing is logged: the request line could carry query values, and
headers carry the token. I/O: sockets.
"""

from __future__ import annotations

import ipaddress
import socket
import struct
import sys
import threading
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from types import TracebackType
from typing import Final

import httpx

from reconciler.emulator.core import Emulator

_HOP_BY_HOP: Final = frozenset({"content-length", "transfer-encoding", "connection"})


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in two writes; with Nagle's algorithm the second waits for the
    # client's delayed ACK, adding about 40 ms to every answer on a kept-alive connection.
    disable_nagle_algorithm = True
    server: EmulatorServer

    def do_GET(self) -> None:
        self._relay()

    def do_POST(self) -> None:
        self._relay()

    def do_PUT(self) -> None:
        self._relay()

    def do_DELETE(self) -> None:
        self._relay()

    def log_message(self, format: str, *args: object) -> None:
        """Silent: see the module docstring."""

    def _relay(self) -> None:
        try:
            response = self.server.emulator.handle(self._as_httpx_request())
        except httpx.TransportError:  # an injected reset: no answer at all
            self._reset_connection()
            return
        self.send_response(response.status_code)
        for name, value in response.headers.items():
            if name.lower() not in _HOP_BY_HOP:
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.content)))
        self.end_headers()
        self.wfile.write(response.content)

    def _as_httpx_request(self) -> httpx.Request:
        length = int(self.headers.get("Content-Length") or 0)
        content = self.rfile.read(length) if length > 0 else b""
        host = self.headers.get("Host") or self.server.netloc
        headers = [(name, value) for name, value in self.headers.items()]
        return httpx.Request(
            self.command, f"http://{host}{self.path}", headers=headers, content=content
        )

    def _reset_connection(self) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True


class EmulatorServer(ThreadingHTTPServer):
    """The emulator on a loopback socket; a context manager that stops it on exit."""

    daemon_threads = True
    # socketserver's default backlog of 5 drops the SYNs of a client opening dozens of
    # connections at once, which then wait a second to retry; real API front ends queue.
    request_queue_size = 128

    def __init__(self, emulator: Emulator, host: str, port: int) -> None:
        _require_loopback(host)
        self.emulator = emulator
        super().__init__((host, port), _Handler)
        self._thread = threading.Thread(target=self.serve_forever, name="emulator", daemon=True)

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away mid-answer (killed, timed out) is normal, not an error."""
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    @property
    def netloc(self) -> str:
        host, port = self.server_address[:2]
        text = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{text}]" if ":" in text else text
        return f"{shown}:{port}"

    @property
    def url(self) -> str:
        """The base URL clients use, with the real port when 0 was asked for."""
        return f"http://{self.netloc}"

    def start(self) -> None:
        self._thread.start()

    def wait(self) -> None:
        """Block until the server stops (Ctrl-C reaches the caller between short waits)."""
        while self._thread.is_alive():
            self._thread.join(timeout=0.5)

    def __enter__(self) -> EmulatorServer:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.shutdown()
        self.server_close()


def serve(emulator: Emulator, host: str = "127.0.0.1", port: int = 8787) -> EmulatorServer:
    """Start serving `emulator` on host:port (port 0: any free port) in the background."""
    server = EmulatorServer(emulator, host, port)
    server.start()
    return server


def _require_loopback(host: str) -> None:
    if host == "localhost":
        return
    try:
        loopback = ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(f"the emulator listens on loopback only; {host} is not a loopback address")
