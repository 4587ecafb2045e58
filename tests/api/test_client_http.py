"""JobMojitoClient over httpx's own transport, against a loopback server answering raw bytes:
what the network can do to an answer, and what the client makes of it."""

from __future__ import annotations

import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from reconciler.api import JobMojitoClient
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import TransportError
from tests.api.fake_server import TOKEN
from tests.api.fake_server import make_settings
from tests.api.scripted_server import Recorder
from tests.api.scripted_server import answer_each
from tests.api.scripted_server import read_request
from tests.api.scripted_server import scripted_server
from tests.api.scripted_server import wake_up

OK = b'HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{"ok":true}'


def client_for(url: str, **overrides: Any) -> JobMojitoClient:
    values: dict[str, Any] = {"api_url": url, "timeout_s": 2.0, **overrides}
    return JobMojitoClient(make_settings(**values), sleep=lambda _: None)


def answering(answer: bytes) -> Any:
    """A script that reads one request per connection and sends `answer`."""

    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        conn.sendall(answer)

    return script


def test_requests_share_a_kept_alive_connection() -> None:
    with scripted_server(answer_each(OK, OK)) as (url, received), client_for(url) as client:
        first = client.get_interview("a")
        second = client.update_interview({"position_id": "x"})

    assert first == second == {"ok": True}
    assert len(received) == 2  # both on the first connection: the script serves only one
    assert received[1].endswith(b'\r\n\r\n{"position_id":"x"}')


def test_cookies_from_the_server_are_never_sent_back() -> None:
    answer = b"HTTP/1.1 200 OK\r\nSet-Cookie: session=abc; Path=/\r\nContent-Length: 2\r\n\r\n{}"
    with scripted_server(answer_each(answer, answer)) as (url, received), client_for(url) as client:
        client.get_interview("a")
        client.get_interview("b")

    assert len(received) == 2
    assert b"session=abc" not in received[1]


def test_a_chunked_answer_with_trailers_is_read() -> None:
    answer = (
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
        b'5;ext=1\r\n{"a":\r\n3\r\n 1}\r\n0\r\nX-Trailer: t\r\n\r\n'
    )
    with scripted_server(answer_each(answer)) as (url, _), client_for(url) as client:
        assert client.get_interview("a") == {"a": 1}


def test_a_large_answer_without_length_runs_to_the_end_of_the_connection() -> None:
    answer = b"HTTP/1.1 200 OK\r\n\r\n" + b'{"long": "' + b"x" * 1_000_000 + b'"}'
    with scripted_server(answering(answer)) as (url, _), client_for(url) as client:
        assert len(client.get_interview("a")["long"]) == 1_000_000


def test_an_idle_connection_the_server_closed_is_not_reused() -> None:
    # The script answers once per connection, then closes it, as servers do with idle ones.
    with scripted_server(answering(OK)) as (url, received), client_for(url) as client:
        client.get_interview("a")
        time.sleep(0.2)  # let the close arrive
        assert client.get_interview("b") == {"ok": True}

    assert len(received) == 2


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param(b"", id="disconnected"),
        pytest.param(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n{}", id="cut short"),
        pytest.param(b"SMTP ready\r\n\r\n", id="not http"),
        pytest.param(b"HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", id="bad header"),
        pytest.param(
            b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
            id="two lengths",
        ),
        pytest.param(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", id="bad chunk"
        ),
    ],
)
def test_a_broken_answer_is_retried_then_one_clear_transport_error(answer: bytes) -> None:
    with (
        scripted_server(answering(answer)) as (url, received),
        client_for(url, max_attempts=2) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.get_interview("a")

    message = str(caught.value)
    assert message.startswith("job-interview-get: connection failed (")
    assert message.endswith("(gave up after 2 attempts)")
    assert "\n" not in message and TOKEN not in message
    assert len(received) == 2


def test_a_broken_answer_to_a_create_is_ambiguous_and_not_resent() -> None:
    with (
        scripted_server(answering(b"")) as (url, received),
        client_for(url) as client,
        pytest.raises(AmbiguousOutcomeError, match="after the request was sent"),
    ):
        client.create_interview_from_array({"name": "Barista"})

    assert len(received) == 1


def test_a_closed_port_is_a_clear_connect_error() -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()

    with (
        client_for(f"http://127.0.0.1:{port}", max_attempts=1) as client,
        pytest.raises(TransportError, match=re.escape("cannot connect to http://127.0.0.1:")),
    ):
        client.get_interview("a")


def _slow(seconds: float, answer: bytes, release: threading.Event) -> Any:
    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        if not release.wait(seconds):
            conn.sendall(answer)

    return script


def test_a_silent_server_is_a_timeout_after_timeout_s() -> None:
    release = threading.Event()
    with scripted_server(_slow(5, OK, release)) as (url, _):
        with client_for(url, timeout_s=0.2, max_attempts=1) as client:
            started = time.monotonic()
            with pytest.raises(TransportError, match="no answer in time"):
                client.get_interview("a")
        release.set()

    assert time.monotonic() - started < 2


def test_creates_wait_create_timeout_s_where_other_requests_wait_timeout_s() -> None:
    # Connection: close, as the script serves one request per connection: a create sent
    # on a connection the server is closing would be ambiguous.
    created = (
        b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 32\r\n\r\n"
        b'{"interview_def_set_id": "id-1"}'
    )
    release = threading.Event()
    settings = {"timeout_s": 0.3, "create_timeout_s": 5.0, "max_attempts": 1}
    with scripted_server(_slow(0.8, created, release)) as (url, _):
        with client_for(url, **settings) as client:
            assert client.create_interview({"name": "Barista"}) == {"interview_def_set_id": "id-1"}
            assert client.create_interview_from_array({"name": "Barista"})["interview_def_set_id"]
            with pytest.raises(TransportError, match="no answer in time"):
                client.update_interview({"position_id": "id-1"})
        release.set()


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
    port = listener.getsockname()[1]
    done = threading.Event()

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            if done.is_set():
                conn.close()
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
        yield f"https://127.0.0.1:{port}"
    finally:
        done.set()
        wake_up(port)
        listener.close()
        thread.join(timeout=5)


def test_https_refuses_a_certificate_it_does_not_trust(certificate: tuple[Path, Path]) -> None:
    with (
        tls_server(certificate, OK) as url,
        client_for(url, max_attempts=1) as client,
        pytest.raises(TransportError, match="CERTIFICATE_VERIFY_FAILED") as caught,
    ):
        client.get_interview("a")

    assert str(caught.value).startswith("job-interview-get: cannot connect to https://127.0.0.1:")


def test_https_with_a_certificate_trusted_through_ssl_cert_file(
    certificate: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    with tls_server(certificate, OK) as url, client_for(url) as client:
        answers = [client.get_interview("a"), client.get_interview("b")]

    assert answers == [{"ok": True}, {"ok": True}]


def test_a_proxy_from_the_environment_carries_remote_https_only_as_a_tunnel(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    refusal = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n"
    with scripted_server(answering(refusal)) as (proxy_url, received):
        monkeypatch.setenv("HTTPS_PROXY", proxy_url)
        with (
            client_for("https://api.example.test/functions/v1", max_attempts=1) as client,
            pytest.raises(TransportError),
        ):
            client.get_interview("a")

    assert len(received) == 1
    assert received[0].startswith(b"CONNECT api.example.test:443 HTTP/1.1\r\n")
    assert TOKEN.encode() not in received[0]
