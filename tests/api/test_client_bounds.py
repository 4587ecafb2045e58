"""Every answer is bounded: what a spoofed or broken API server on loopback can send, and
that the client stops at once with one clear error, in little time and memory."""

from __future__ import annotations

import gzip
import signal
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reconciler.api import JobMojitoClient
from reconciler.cli import main
from reconciler.cli import options
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import TransportError
from tests.api.fake_server import TOKEN
from tests.api.fake_server import make_settings
from tests.api.scripted_server import Recorder
from tests.api.scripted_server import scripted_server

MIB = 1024 * 1024
MEMORY_CEILING = 200 * MIB
"""Far under what an unbounded read of these answers takes (64 MiB to gigabytes), and
over one decompressed chunk plus the largest answer kept."""

# 64 MiB of zeros in about 64 KiB: the gzip bomb, against the default 16 MiB cap.
BOMB = gzip.compress(bytes(64 * MIB), compresslevel=9)


def _head(*headers: str) -> bytes:
    return ("HTTP/1.1 200 OK\r\n" + "".join(f"{h}\r\n" for h in headers) + "\r\n").encode()


def _json(body: bytes) -> bytes:
    head = _head("Content-Type: application/json", f"Content-Length: {len(body)}")
    return head + body


def _send_until_closed(conn: socket.socket, head: bytes, piece: bytes, pause_s: float) -> None:
    """Send `head`, then `piece` over and over until the client hangs up."""
    try:
        conn.sendall(head)
        while True:
            conn.sendall(piece)
            if pause_s:
                time.sleep(pause_s)
    except OSError:
        return


def _bomb(conn: socket.socket, number: int) -> None:
    assert isinstance(conn, Recorder)
    conn.read()
    head = _head("Content-Encoding: gzip", f"Content-Length: {len(BOMB)}")
    try:
        conn.sendall(head + BOMB)
    except OSError:
        return


def _endless(conn: socket.socket, number: int) -> None:
    assert isinstance(conn, Recorder)
    conn.read()
    piece = b"10000\r\n" + b" " * 0x10000 + b"\r\n"  # 64 KiB chunks, never a last one
    _send_until_closed(conn, _head("Transfer-Encoding: chunked"), piece, 0)


def _huge_length(conn: socket.socket, number: int) -> None:
    assert isinstance(conn, Recorder)
    conn.read()
    _send_until_closed(conn, _head("Content-Length: 2147483648"), b" " * 4096, 0.05)


def _trickle(conn: socket.socket, number: int) -> None:
    assert isinstance(conn, Recorder)
    conn.read()
    _send_until_closed(conn, _head("Content-Length: 100000"), b" ", 0.05)


def trickled_headers(conn: socket.socket, number: int) -> None:
    """The status line, then one byte of a header line every 0.2 s: each read beats the
    per-read timeout, and h11's limit on the head's size is hours away."""
    assert isinstance(conn, Recorder)
    conn.read()
    _send_until_closed(conn, b"HTTP/1.1 200 OK\r\n", b"X", 0.2)


def _silent(conn: socket.socket, number: int) -> None:
    """Read the request, then never send a byte until the client hangs up."""
    assert isinstance(conn, Recorder)
    conn.read()
    _wait_for_hang_up(conn)


def _wait_for_hang_up(conn: socket.socket) -> None:
    try:
        while conn.recv(65536):
            pass
    except OSError:
        return


def _answering(answer: bytes) -> Any:
    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        try:
            conn.sendall(answer)
        except OSError:
            return

    return script


HUGE_INTEGER = _json(b'{"n": ' + b"7" * 5000 + b"}")
DEEP_NESTING = _json(b'{"n": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def client_for(url: str, **overrides: Any) -> JobMojitoClient:
    values: dict[str, Any] = {"api_url": url, "timeout_s": 2.0, "max_attempts": 1, **overrides}
    return JobMojitoClient(make_settings(**values), sleep=lambda _: None)


@contextmanager
def bounded(seconds: float) -> Iterator[None]:
    """Fail unless the block runs within `seconds` and MEMORY_CEILING of Python memory."""
    tracemalloc.start()
    started = time.monotonic()
    try:
        yield
    finally:
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert elapsed < seconds
    assert peak < MEMORY_CEILING


def _failure(script: Any, **overrides: Any) -> tuple[TransportError, int]:
    """The error the client raises against `script`, and the requests the server saw."""
    with (
        scripted_server(script) as (url, received),
        client_for(url, **overrides) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.get_interview("a")
    message = str(caught.value)
    assert "\n" not in message and TOKEN not in message
    return caught.value, len(received)


def test_a_gzip_bomb_is_refused_at_the_cap_after_decompression() -> None:
    with bounded(10):
        error, requests = _failure(_bomb)

    assert str(error) == (
        "job-interview-get answered 200 with more than 16 MiB, which was not read "
        "(max_answer_mib); if the API really sends that much, raise max_answer_mib in "
        "reconciler.toml or IAC_MAX_ANSWER_MIB"
    )
    assert requests == 1  # final: the same request would get the same answer


def test_an_answer_under_the_cap_is_read_whole_after_decompression() -> None:
    body = b'{"text": "' + b"x" * MIB + b'"}'
    packed = gzip.compress(body)
    answer = _head("Content-Encoding: gzip", f"Content-Length: {len(packed)}") + packed
    with scripted_server(_answering(answer)) as (url, _), client_for(url) as client:
        assert len(client.get_interview("a")["text"]) == MIB


def test_an_endless_chunked_body_stops_at_the_cap() -> None:
    with bounded(10):
        error, requests = _failure(_endless, max_answer_mib=1)

    assert str(error).startswith("job-interview-get answered 200 with more than 1 MiB, which ")
    assert requests == 1


def test_a_huge_content_length_is_refused_before_any_body_is_read() -> None:
    with bounded(1.5):
        error, requests = _failure(_huge_length)

    assert str(error).startswith("job-interview-get answered 200 with more than 16 MiB, which ")
    assert requests == 1


def test_a_trickling_answer_stops_at_the_deadline_and_is_retried_like_a_timeout() -> None:
    with bounded(3):
        error, requests = _failure(_trickle, request_deadline_s=0.5, max_attempts=2)

    assert str(error) == (
        "job-interview-get: no whole answer within 0.5 s (request_deadline_s) "
        "(gave up after 2 attempts)"
    )
    assert requests == 2


def test_a_create_trickling_past_create_timeout_s_is_ambiguous_and_not_resent() -> None:
    with (
        bounded(3),
        scripted_server(_trickle) as (url, received),
        client_for(url, create_timeout_s=0.5, max_attempts=3) as client,
        pytest.raises(AmbiguousOutcomeError) as caught,
    ):
        client.create_interview_from_array({"name": "Barista"})

    assert str(caught.value).startswith(
        "job-interview-create-from-array: no whole answer within 0.5 s (create_timeout_s) "
        "after the request was sent; "
    )
    assert len(received) == 1


def test_headers_trickled_byte_by_byte_stop_at_the_deadline() -> None:
    with bounded(1.5):
        error, requests = _failure(trickled_headers, request_deadline_s=1, timeout_s=0.5)

    assert str(error) == "job-interview-get: no whole answer within 1 s (request_deadline_s)"
    assert requests == 1


def test_a_server_that_never_answers_stops_at_the_per_read_timeout() -> None:
    with bounded(1.5):
        error, requests = _failure(_silent, request_deadline_s=1, timeout_s=0.5)

    assert str(error) == "job-interview-get: no answer in time (ReadTimeout)"
    assert requests == 1


def test_a_create_whose_headers_trickle_past_create_timeout_s_is_ambiguous() -> None:
    with (
        bounded(2.5),
        scripted_server(trickled_headers) as (url, received),
        client_for(url, create_timeout_s=1, max_attempts=3) as client,
        pytest.raises(AmbiguousOutcomeError) as caught,
    ):
        client.create_interview_from_array({"name": "Barista"})

    assert str(caught.value).startswith(
        "job-interview-create-from-array: no whole answer within 1 s (create_timeout_s) "
        "after the request was sent; "
    )
    assert len(received) == 1


def test_a_create_stuck_while_connecting_was_never_sent_and_is_sent_again() -> None:
    """A TLS handshake that outlasts the deadline: the request was not written yet, so it
    is not ambiguous, and the create is sent again."""
    connections: list[int] = []

    def silent_handshake(conn: socket.socket, number: int) -> None:
        connections.append(number)
        # Not until the client hangs up: a handshake cancelled by asyncio leaves its
        # socket to the garbage collector (anyio closes it on errors, not cancellation).
        time.sleep(0.8)

    with (
        bounded(3),
        scripted_server(silent_handshake) as (url, received),
        client_for(url.replace("http:", "https:"), create_timeout_s=0.5, max_attempts=2) as client,
        pytest.raises(TransportError) as caught,
    ):
        client.create_interview_from_array({"name": "Barista"})

    assert not isinstance(caught.value, AmbiguousOutcomeError)
    assert str(caught.value).endswith("(gave up after 2 attempts)")
    assert connections == [0, 1]
    assert received == []


def test_a_create_answered_past_the_cap_is_ambiguous() -> None:
    with (
        scripted_server(_endless) as (url, received),
        client_for(url, max_answer_mib=1, max_attempts=3) as client,
        pytest.raises(AmbiguousOutcomeError, match="answered 200 with more than 1 MiB"),
    ):
        client.create_interview({"name": "Barista"})

    assert len(received) == 1


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        pytest.param(HUGE_INTEGER, "a number too long to read", id="huge integer"),
        pytest.param(DEEP_NESTING, "nested too deep", id="deep nesting"),
        pytest.param(
            _json(b"[" * 500 + b"]" * 500), "nested too deep", id="deep enough to break a copy"
        ),
        pytest.param(_json(b'{"n": NaN}'), "NaN, which JSON does not have", id="nan"),
        pytest.param(_json(b'{"n": -Infinity}'), "-Infinity, which JSON does not have", id="inf"),
        pytest.param(_json(b'{"n": 1e999}'), "a number too large to read", id="overflow"),
        pytest.param(_json(b'{"n": "\xff\xfe"}'), "not UTF-8", id="invalid utf-8"),
        pytest.param(_json(b'{"n": '), "Expecting value at line 1 column 7", id="cut"),
    ],
)
def test_json_the_client_cannot_read_is_one_located_error(answer: bytes, reason: str) -> None:
    with bounded(5):
        error, requests = _failure(_answering(answer), max_attempts=3)

    assert str(error).startswith(
        f"job-interview-get answered 200 with JSON it cannot read ({reason}): "
    )
    assert requests == 1  # final: retrying gets the same body


def test_an_error_answer_with_unreadable_json_is_one_located_error() -> None:
    answer = DEEP_NESTING.replace(b"200 OK", b"400 Bad Request", 1)
    error, _ = _failure(_answering(answer))

    assert str(error).startswith(
        "job-interview-get answered 400 with JSON it cannot read (nested too deep): "
    )


def test_a_create_answered_with_unreadable_json_is_ambiguous() -> None:
    with (
        scripted_server(_answering(HUGE_INTEGER)) as (url, _),
        client_for(url) as client,
        pytest.raises(AmbiguousOutcomeError, match=r"^job-interview-create answered 200 with "),
    ):
        client.create_interview({"name": "Barista"})


# Over the CLI: exit 1 with one `error:` line, never a traceback.


@pytest.mark.parametrize(
    "script",
    [
        pytest.param(_bomb, id="gzip bomb"),
        pytest.param(_endless, id="endless chunked body"),
        pytest.param(_huge_length, id="huge content-length"),
        pytest.param(_trickle, id="trickle"),
        pytest.param(_answering(HUGE_INTEGER), id="huge integer"),
        pytest.param(_answering(DEEP_NESTING), id="deep nesting"),
    ],
)
def test_the_cli_meets_a_hostile_server_with_one_error_line(
    script: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "reconciler.toml").write_text("[reconciler]\nrequest_deadline_s = 0.3\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    monkeypatch.setenv("IAC_MAX_ANSWER_MIB", "4")
    with bounded(20), scripted_server(script) as (url, _):
        monkeypatch.setenv("JOBMOJITO_API_URL", url)
        code = main(["templates"])
    captured = capsys.readouterr()

    assert code == 1
    assert captured.out == ""
    assert captured.err.startswith("error: merchant-avatar-list")
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err and TOKEN not in captured.err


@pytest.mark.parametrize(
    ("script", "reason"),
    [
        pytest.param(
            trickled_headers,
            "no whole answer within 0.6 s (request_deadline_s)",
            id="headers trickled",
        ),
        pytest.param(_silent, "no answer in time (ReadTimeout)", id="never answers"),
    ],
)
def test_plan_meets_a_server_that_holds_the_headers_with_one_error_line(
    script: Any,
    reason: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "interviews").mkdir()
    # one request at a time: the server serves one connection at a time
    settings = 'namespace = "acme"\nparallelism = 1\nrequest_deadline_s = 0.6\ntimeout_s = 0.4\n'
    (tmp_path / "reconciler.toml").write_text(f"[reconciler]\n{settings}")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    # the real client, with one attempt per request: the plan's lists all run to the end
    monkeypatch.setattr(
        options, "open_client", lambda settings: JobMojitoClient(replace(settings, max_attempts=1))
    )
    with bounded(10), scripted_server(script) as (url, _):
        monkeypatch.setenv("JOBMOJITO_API_URL", url)
        code = main(["plan", "interviews"])
    captured = capsys.readouterr()

    [error] = [line for line in captured.err.splitlines() if "error" in line]
    assert code == 1
    assert captured.out == ""
    assert error == f"error: merchant-interview-list: {reason}"
    assert captured.err.endswith(error + "\n")  # after the progress lines, nothing
    assert "Traceback" not in captured.err and TOKEN not in captured.err


def test_a_stalled_server_does_not_hold_the_next_connection() -> None:
    """After a refusal the connection is dropped, not returned to the pool half-read."""
    release = threading.Event()

    def script(conn: socket.socket, number: int) -> None:
        assert isinstance(conn, Recorder)
        conn.read()
        if number == 0:
            _send_until_closed(conn, _head("Transfer-Encoding: chunked"), b"1\r\n \r\n", 0.01)
        else:
            conn.sendall(_json(b'{"ok": true}'))
            release.wait(1)

    with scripted_server(script) as (url, _), client_for(url, request_deadline_s=0.3) as client:
        with pytest.raises(TransportError, match=r"no whole answer within 0\.3 s"):
            client.get_interview("a")
        assert client.get_interview("b") == {"ok": True}
        release.set()


def test_ctrl_c_during_a_request_drops_its_connection_and_close_returns() -> None:
    hung_up = threading.Event()

    def script(conn: socket.socket, number: int) -> None:
        _silent(conn, number)
        hung_up.set()

    main = threading.main_thread().ident
    assert main is not None
    timer = threading.Timer(0.3, signal.pthread_kill, (main, signal.SIGINT))
    with scripted_server(script) as (url, _):
        client = client_for(url, timeout_s=30)
        timer.start()
        try:
            with pytest.raises(KeyboardInterrupt):
                client.get_interview("a")
            assert hung_up.wait(5)
        finally:
            timer.cancel()
            closing = time.monotonic()
            client.close()
    assert time.monotonic() - closing < 1
