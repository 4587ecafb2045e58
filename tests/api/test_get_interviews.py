"""JobMojitoClient.get_interviews over real HTTP: the emulator served on a loopback port."""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from reconciler.api import JobMojitoClient
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import EmulatorServer
from reconciler.emulator.server import serve
from reconciler.errors import ApiError
from reconciler.errors import TransportError
from tests.api.scripted_server import answer_each
from tests.api.scripted_server import scripted_server
from tests.emulator import samples

TOKEN = "get-many-token-7c41"


@pytest.fixture
def server() -> Iterator[EmulatorServer]:
    with serve(Emulator(token=TOKEN, seed=3), port=0) as running:
        yield running


def _client(
    url: str, *, sleeps: list[float] | None = None, parallelism: int = 4, max_attempts: int = 5
) -> JobMojitoClient:
    settings = Settings(
        api_url=url,
        token=Secret(TOKEN),
        parallelism=parallelism,
        max_rps=1e6,
        timeout_s=5.0,
        max_attempts=max_attempts,
    )
    return JobMojitoClient(settings, sleep=(sleeps if sleeps is not None else []).append)


def _created(client: JobMojitoClient, count: int) -> list[str]:
    return [
        str(
            client.create_interview_from_array(samples.from_array_body(name=f"Role {n}"))[
                "interview_def_set_id"
            ]
        )
        for n in range(count)
    ]


def _all(client: JobMojitoClient, ids: list[str], **options: Any) -> dict[int, Any]:
    return dict(client.get_interviews(ids, **options))


def test_each_definition_is_the_one_get_interview_reads(server: EmulatorServer) -> None:
    with _client(server.url) as client:
        ids = _created(client, 12)
        before = client.stats.requests

        outcomes = _all(client, ids)

        assert client.stats.requests - before == 12
        assert outcomes == {index: client.get_interview(ids[index]) for index in range(12)}


def test_transient_faults_are_retried_until_every_read_succeeds(server: EmulatorServer) -> None:
    sleeps: list[float] = []
    # Which request meets a fault depends on the order the reads reach the server: with 5
    # attempts, one of 20 reads could meet five faults in a row (0.4^5 = 1 % each).
    with _client(server.url, sleeps=sleeps, max_attempts=12) as client:
        ids = _created(client, 20)
        server.emulator.set_faults(FaultConfig(rate=0.4, retry_after_s=0, seed=2))

        outcomes = _all(client, ids)
        server.emulator.set_faults(None)

        assert sorted(outcomes) == list(range(20))
        assert all(isinstance(definition, dict) for definition in outcomes.values())
        assert client.stats.retries > 0
        assert len(sleeps) == client.stats.retries  # each retry waited its backoff first


def test_a_missing_interview_is_a_404_error_and_the_others_are_read(
    server: EmulatorServer,
) -> None:
    with _client(server.url) as client:
        ids = [*_created(client, 2), "00000000-0000-0000-0000-000000000000"]

        outcomes = _all(client, ids)

    assert isinstance(outcomes[0], dict) and isinstance(outcomes[1], dict)
    missing = outcomes[2]
    assert isinstance(missing, ApiError) and missing.status == 404


def test_an_expired_token_fails_every_read_without_showing_the_token(
    server: EmulatorServer,
) -> None:
    with _client(server.url) as client:
        ids = _created(client, 3)
    settings = Settings(api_url=server.url, token=Secret("expired-secret-99"), max_rps=1e6)
    with JobMojitoClient(settings) as stranger:
        outcomes = _all(stranger, ids)

    assert {type(error).__name__ for error in outcomes.values()} == {"AuthError"}
    assert all("expired-secret-99" not in str(error) for error in outcomes.values())


def test_an_answer_that_is_not_a_json_object_is_a_clear_error() -> None:
    html = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 11\r\n\r\n<html></ht>"
    listed = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]"
    with (
        scripted_server(answer_each(html, listed)) as (url, _),
        _client(url, parallelism=1) as client,
    ):
        outcomes = _all(client, ["a", "b"])

    assert isinstance(outcomes[0], TransportError) and "text/html" in str(outcomes[0])
    assert isinstance(outcomes[1], ApiError) and "JSON list" in str(outcomes[1])


def test_a_gzip_encoded_answer_is_decoded() -> None:
    body = gzip.compress(b'{"name": "Barista"}')
    answer = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n%s" % (
        len(body),
        body,
    )
    with scripted_server(answer_each(answer)) as (url, received), _client(url) as client:
        outcomes = _all(client, ["a b"])

    assert outcomes == {0: {"name": "Barista"}}
    request = received[0]
    assert request.startswith(b"GET /job-interview-get?position_id=a+b HTTP/1.1\r\n")
    assert b"\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\n" in request
    assert b"\r\nHost: 127.0.0.1:" in request


def test_through_an_injected_client_the_reads_go_where_told_and_loopback_skips_proxies(
    server: EmulatorServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _client(server.url) as client:
        ids = _created(client, 3)
    injected = server.emulator.transport()
    settings = Settings(api_url=server.url, token=Secret(TOKEN), max_rps=1e6)
    with JobMojitoClient(settings, transport=injected) as client:
        assert sorted(_all(client, ids)) == [0, 1, 2]
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    for name in ("HTTP_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    with JobMojitoClient(replace(settings, max_attempts=1)) as direct:
        outcomes = _all(direct, ids[:1])
        # Through the (dead) proxy it would fail to connect: the token stays off the proxy.
        assert outcomes == {0: direct.get_interview(ids[0])}


def test_pushback_lowers_the_requests_in_flight_and_successes_raise_them_again(
    server: EmulatorServer, caplog: pytest.LogCaptureFixture
) -> None:
    with _client(server.url, parallelism=8) as client:
        ids = _created(client, 12)
        caplog.set_level(logging.DEBUG, logger="reconciler.api")
        server.emulator.set_faults(FaultConfig(rate=1.0, kinds=("429",), retry_after_s=0))
        with pytest.raises(ApiError) as caught:
            client.get_interview(ids[0])
        server.emulator.set_faults(None)
        outcomes = _all(client, ids)

    assert caught.value.status == 429
    assert all(isinstance(definition, dict) for definition in outcomes.values())
    limits = [
        record.getMessage()
        for record in caplog.records
        if record.getMessage().startswith("requests in flight")
    ]
    # Five 429s halve 8 down to 1 and keep it there; then runs of 1, 2, 3 and 4 successes
    # add one back each.
    pushed = "requests in flight: up to {} (the API pushed back)"
    assert limits == [
        *(pushed.format(limit) for limit in (4, 2, 1)),
        *(f"requests in flight: up to {limit}" for limit in (2, 3, 4, 5)),
    ]
