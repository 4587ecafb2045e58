"""The lean HTTP/1.1 transport against a scripted loopback server that answers raw bytes."""

from __future__ import annotations

import gzip
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.api.transport import LeanTransport
from tests.api.fake_server import make_settings
from tests.api.scripted_server import Recorder
from tests.api.scripted_server import answer_each
from tests.api.scripted_server import read_request
from tests.api.scripted_server import scripted_server


def client_for(url: str) -> httpx.Client:
    return httpx.Client(base_url=url, transport=LeanTransport(max_idle=4), timeout=2.0)


def test_a_content_length_answer_and_the_connection_is_kept_alive() -> None:
    answer = b'HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{"ok":true}'
    with scripted_server(answer_each(answer, answer)) as (url, received), client_for(url) as client:
        first = client.get("/job-interview-get", params={"position_id": "a b"})
        second = client.post("/job-interview-update", json={"position_id": "x"})

    assert (first.status_code, first.json(), second.json()) == (200, {"ok": True}, {"ok": True})
    assert len(received) == 2  # both on the first connection: the script serves only one
    assert received[0].startswith(b"GET /job-interview-get?position_id=a+b HTTP/1.1\r\n")
    assert b"\r\nHost: 127.0.0.1:" in received[0]
    assert received[1].endswith(b'\r\n\r\n{"position_id":"x"}')
    assert b"\r\nContent-Length: 19\r\n" in received[1]


def test_a_chunked_answer_with_trailers() -> None:
    answer = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b'5;ext=1\r\n{"a":\r\n3\r\n 1}\r\n0\r\nX-Trailer: t\r\n\r\n'
    )
    with scripted_server(answer_each(answer, answer)) as (url, received), client_for(url) as client:
        bodies = [client.get("/x").json(), client.get("/x").json()]

    assert bodies == [{"a": 1}, {"a": 1}]
    assert len(received) == 2


def test_connection_close_is_honoured_and_the_next_request_dials_again() -> None:
    closing = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}"

    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        conn.sendall(closing)

    with scripted_server(script) as (url, received), client_for(url) as client:
        answers = [client.get("/x").status_code, client.get("/x").status_code]

    assert answers == [200, 200]
    assert len(received) == 2


def test_an_answer_without_length_runs_to_the_end_of_the_connection() -> None:
    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        conn.sendall(b"HTTP/1.1 200 OK\r\n\r\n" + b'{"long": "' + b"x" * 100_000 + b'"}')

    with scripted_server(script) as (url, _), client_for(url) as client:
        answer = client.get("/x")

    assert len(answer.json()["long"]) == 100_000


def test_an_idle_connection_the_server_closed_is_not_reused() -> None:
    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
        # then the server closes it, as servers do with idle keep-alive connections

    with scripted_server(script) as (url, received), client_for(url) as client:
        client.get("/x")
        threading.Event().wait(0.2)  # let the close arrive
        answer = client.get("/x")

    assert answer.status_code == 200
    assert len(received) == 2


def test_gzip_bodies_are_decoded_by_httpx() -> None:
    packed = gzip.compress(b'{"packed": true}')
    answer = (
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(packed)
    ) + packed
    with scripted_server(answer_each(answer)) as (url, _), client_for(url) as client:
        assert client.get("/x").json() == {"packed": True}


def test_an_interim_100_continue_is_skipped() -> None:
    answer = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"
    with scripted_server(answer_each(answer)) as (url, _), client_for(url) as client:
        assert client.get("/x").status_code == 201


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (b"", "Server disconnected without sending a response."),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}", "peer closed connection"),
        (b"SMTP ready\r\n\r\n", "not an HTTP/1.1 status line"),
        (b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "a malformed header line"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", "conflicting"),
        (b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "a malformed Content-Length"),
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "a malformed chunk"),
    ],
)
def test_a_broken_answer_is_a_protocol_error(answer: bytes, message: str) -> None:
    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        conn.sendall(answer)

    with (
        scripted_server(script) as (url, _),
        client_for(url) as client,
        pytest.raises(httpx.RemoteProtocolError, match=message),
    ):
        client.get("/x")


def test_a_closed_port_is_a_connect_error_so_the_request_was_never_sent() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()

    with client_for(f"http://127.0.0.1:{port}") as client, pytest.raises(httpx.ConnectError):
        client.get("/x")


def test_a_silent_server_is_a_read_timeout() -> None:
    release = threading.Event()

    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        release.wait(5)

    with scripted_server(script) as (url, _):
        transport = LeanTransport()
        with (
            httpx.Client(base_url=url, transport=transport, timeout=0.2) as client,
            pytest.raises(httpx.ReadTimeout),
        ):
            client.get("/x")
        release.set()


def test_other_schemes_are_refused() -> None:
    with (
        httpx.Client(transport=LeanTransport()) as client,
        pytest.raises(httpx.UnsupportedProtocol),
    ):
        client.get("ftp://127.0.0.1/x")


def test_the_default_client_keeps_no_cookie_between_requests() -> None:
    answer = b"HTTP/1.1 200 OK\r\nSet-Cookie: session=abc; Path=/\r\nContent-Length: 2\r\n\r\n{}"
    with scripted_server(answer_each(answer, answer)) as (url, received):
        client = JobMojitoClient(make_settings(api_url=url))
        client.get_interview("a")
        client.get_interview("b")
        client.close()

    assert len(received) == 2
    assert b"session=abc" not in received[1]


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1",
    ]  # fmt: skip
    subprocess.run(command, check=True, capture_output=True)
    return cert, key


@contextmanager
def tls_server(certificate: tuple[Path, Path], answer: bytes) -> Iterator[str]:
    """A loopback HTTPS server answering every request on its connections with `answer`."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            try:
                with context.wrap_socket(conn, server_side=True) as tls:
                    while read_request(tls):
                        tls.sendall(answer)
            except (ssl.SSLError, OSError):
                continue  # a client that refused our certificate

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()
        thread.join(timeout=5)


def test_https_with_a_trusted_certificate(certificate: tuple[Path, Path]) -> None:
    trusted = ssl.create_default_context(cafile=str(certificate[0]))
    answer = b'HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{"ok":true}'
    with tls_server(certificate, answer) as url:
        transport = LeanTransport(ssl_context=trusted)
        with httpx.Client(base_url=url, transport=transport, timeout=5) as client:
            answers = [client.get("/x").json(), client.get("/x").json()]

    assert answers == [{"ok": True}, {"ok": True}]


def test_https_refuses_a_certificate_it_does_not_trust(certificate: tuple[Path, Path]) -> None:
    answer = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
    with tls_server(certificate, answer) as url:
        client = httpx.Client(base_url=url, transport=LeanTransport(), timeout=5)
        with client, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            client.get("/x")
