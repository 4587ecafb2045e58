"""The total deadline holds while the answer's headers arrive: a server (or proxy) that
trickles them a byte at a time, each just inside the read timeout, is cut off there."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from pathlib import Path

import httpcore
import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.api.deadline import DeadlineBackend
from reconciler.api.deadline import bound_transports
from reconciler.api.deadline import deadline
from reconciler.api.retry import RetryPolicy
from reconciler.cli import main
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import TransportError
from tests.api.fake_server import TOKEN
from tests.api.fake_server import make_settings
from tests.api.scripted_server import Recorder
from tests.api.scripted_server import scripted_server

GIVE_UP_S = 6.0
"""How long the hostile server trickles before it hangs up, so that a client without the
bound fails these tests in seconds instead of waiting for h11's header limit (days)."""


def _trickling_headers(status_line: bytes) -> Callable[[socket.socket, int], None]:
    """A server that reads the request, sends `status_line`, then one header byte every
    0.2 s (well inside a 0.5 s read timeout) until the client hangs up."""

    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        stop = time.monotonic() + GIVE_UP_S
        try:
            conn.sendall(status_line)
            while time.monotonic() < stop:
                conn.sendall(b"X")
                time.sleep(0.2)
        except OSError:
            return

    return script


TRICKLE = _trickling_headers(b"HTTP/1.1 200 OK\r\n")


def client_for(url: str, **overrides: object) -> JobMojitoClient:
    values: dict[str, object] = {
        "api_url": url,
        "timeout_s": 0.5,
        "request_deadline_s": 1.0,
        "max_attempts": 1,
        **overrides,
    }
    return JobMojitoClient(make_settings(**values), sleep=lambda _: None)


def test_headers_trickled_past_the_deadline_fail_at_the_deadline() -> None:
    with scripted_server(TRICKLE) as (url, received), client_for(url) as client:
        started = time.monotonic()
        with pytest.raises(TransportError) as caught:
            client.get_interview("a")
        elapsed = time.monotonic() - started

    assert str(caught.value) == "job-interview-get: no whole answer within 1 s (request_deadline_s)"
    assert 1.0 <= elapsed < 1.5
    assert len(received) == 1


def test_a_create_with_headers_trickled_past_create_timeout_s_is_ambiguous() -> None:
    with (
        scripted_server(TRICKLE) as (url, received),
        client_for(url, create_timeout_s=1.0, max_attempts=3) as client,
    ):
        started = time.monotonic()
        with pytest.raises(AmbiguousOutcomeError) as caught:
            client.create_interview_from_array({"name": "Barista"})
        elapsed = time.monotonic() - started

    assert str(caught.value).startswith(
        "job-interview-create-from-array: no whole answer within 1 s (create_timeout_s) "
        "after the request was sent; "
    )
    assert elapsed < 1.5
    assert len(received) == 1  # never resent: it may have been created


def test_a_proxy_trickling_its_answer_to_connect_fails_at_the_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The transports httpx makes for the proxies of the environment are bounded too."""
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    proxy = _trickling_headers(b"HTTP/1.1 200 Connection established\r\n")
    with scripted_server(proxy) as (proxy_url, received):
        monkeypatch.setenv("HTTPS_PROXY", proxy_url)
        with client_for("https://api.example.test/functions/v1") as client:
            started = time.monotonic()
            with pytest.raises(TransportError) as caught:
                client.get_interview("a")
            elapsed = time.monotonic() - started

    assert str(caught.value) == "job-interview-get: no whole answer within 1 s (request_deadline_s)"
    assert elapsed < 1.5
    assert received[0].startswith(b"CONNECT api.example.test:443 HTTP/1.1\r\n")


def test_the_cli_meets_trickled_headers_with_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "reconciler.toml").write_text(
        "[reconciler]\nrequest_deadline_s = 1\ntimeout_s = 0.5\n"
    )
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    with scripted_server(TRICKLE) as (url, _):
        monkeypatch.setenv("JOBMOJITO_API_URL", url)
        started = time.monotonic()
        code = main(["templates"])
        elapsed = time.monotonic() - started
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    policy = RetryPolicy()
    assert captured.err == (
        "error: merchant-avatar-list: no whole answer within 1 s (request_deadline_s) "
        f"(gave up after {policy.max_attempts} attempts)\n"
    )
    # Each attempt stops at its deadline; between them, at most the backoff's ceilings.
    backoff = sum(policy.backoff_ceiling(n) for n in range(1, policy.max_attempts))
    assert elapsed < policy.max_attempts * 1.5 + backoff


def test_every_transport_of_a_client_with_proxies_opens_connections_with_the_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Pins the private attributes of httpx that bound_transports reaches for: should
    httpx rename them, this fails here rather than leave a transport unbounded."""
    for name in ("NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
    with httpx.Client() as http:
        bound_transports(http)
        transports = [http._transport, *http._mounts.values()]
        assert len(transports) == 3
        for transport in transports:
            assert isinstance(transport, httpx.HTTPTransport)
            assert isinstance(transport._pool._network_backend, DeadlineBackend)


def test_a_connect_after_the_deadline_is_refused_before_it_is_made() -> None:
    """As a connect timeout, so that a create stopped there is known never to have been
    sent; the listener sees no connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    with listener:
        with deadline(time.monotonic() - 0.01), pytest.raises(httpcore.ConnectTimeout):
            DeadlineBackend(httpcore.SyncBackend()).connect_tcp("127.0.0.1", port, timeout=5)
        with pytest.raises(TimeoutError):
            listener.accept()


def test_without_a_deadline_the_waits_are_httpx_own() -> None:
    """A thread that set no deadline (or whose request is over) gets the timeouts unchanged."""
    with scripted_server(lambda conn, number: conn.sendall(b"hello")) as (url, _):
        port = httpx.URL(url).port
        assert port is not None
        with deadline(time.monotonic() - 1):
            pass
        stream = DeadlineBackend(httpcore.SyncBackend()).connect_tcp("127.0.0.1", port, 1)
        try:
            assert stream.read(5, timeout=1) == b"hello"
        finally:
            stream.close()
