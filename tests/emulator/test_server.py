"""The emulator over real loopback HTTP: smoke, concurrency, resets, loopback only."""

from __future__ import annotations

import socket
import threading
import time

import httpx
import pytest

from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import EmulatorServer
from reconciler.emulator.server import serve
from tests.emulator import samples

AUTH = {"Authorization": "Bearer test-token"}


def test_serves_the_api_over_http() -> None:
    with (
        serve(Emulator(), port=0) as server,
        httpx.Client(base_url=server.url, headers=AUTH) as http,
    ):
        created = http.post("/job-interview-create", json=samples.create_body())
        interview_id = created.json()["interview_def_set_id"]
        fetched = http.get("/job-interview-get", params={"position_id": interview_id})

    assert server.url.startswith("http://127.0.0.1:")
    assert created.status_code == 200
    assert fetched.json()["name"] == "Barista"


class _MeetingEmulator(Emulator):
    """Holds each request until `parties` requests are inside `handle` at the same time."""

    def __init__(self, parties: int) -> None:
        super().__init__(faults=FaultConfig(latency_ms=50))
        self.meeting = threading.Barrier(parties, timeout=20)

    def handle(self, request: httpx.Request) -> httpx.Response:
        self.meeting.wait()  # breaks (and the test fails) if requests were serialised
        return super().handle(request)


def test_requests_are_handled_concurrently() -> None:
    emulator = _MeetingEmulator(parties=8)
    statuses: list[int] = []

    def call(url: str) -> None:
        statuses.append(httpx.get(f"{url}/platform-languages-list", headers=AUTH).status_code)

    with serve(emulator, port=0) as server:
        threads = [threading.Thread(target=call, args=(server.url,)) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert statuses == [200] * 8
    assert not emulator.meeting.broken


def test_reset_after_commit_drops_the_answer_but_keeps_the_change() -> None:
    emulator = Emulator(faults=FaultConfig(rate=1.0, kinds=("reset_after",)))

    with serve(emulator, port=0) as server, pytest.raises(httpx.TransportError):
        httpx.post(f"{server.url}/job-interview-create", json=samples.create_body(), headers=AUTH)

    assert len(emulator.interview_ids()) == 1
    assert [entry.fault for entry in emulator.requests] == ["reset_after"]


def test_reset_before_drops_the_request() -> None:
    emulator = Emulator(faults=FaultConfig(rate=1.0, kinds=("reset_before",)))

    with serve(emulator, port=0) as server, pytest.raises(httpx.TransportError):
        httpx.post(f"{server.url}/job-interview-create", json=samples.create_body(), headers=AUTH)

    assert emulator.interview_ids() == ()


def test_bad_gateway_is_an_html_page() -> None:
    emulator = Emulator(faults=FaultConfig(rate=1.0, kinds=("502",)))

    with serve(emulator, port=0) as server:
        response = httpx.get(f"{server.url}/merchant-avatar-list", headers=AUTH)

    assert response.status_code == 502
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>502 Bad Gateway</h1>" in response.text


def test_refuses_addresses_other_than_loopback() -> None:
    with pytest.raises(ValueError) as caught:
        EmulatorServer(Emulator(), "0.0.0.0", 0)

    assert str(caught.value) == (
        "the emulator listens on loopback only; 0.0.0.0 is not a loopback address"
    )


def test_a_client_that_hangs_up_is_not_reported_as_an_error(
    capfd: pytest.CaptureFixture[str],
) -> None:
    with serve(Emulator(faults=FaultConfig(latency_ms=200)), port=0) as server:
        host, port = server.server_address[:2]
        with socket.create_connection((str(host), port)) as raw:
            raw.sendall(
                b"GET /merchant-avatar-list HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n"
            )
            raw.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        time.sleep(0.4)  # let the server try to answer the closed socket
    assert "Traceback" not in capfd.readouterr().err
