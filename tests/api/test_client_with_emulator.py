"""The client against the emulator with faults injected: retries succeed, Retry-After is
honoured, an ambiguous create is reported as such (and nothing is created twice)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.config import Settings
from reconciler.config import load_settings
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import ApiError
from tests.emulator import samples

TOKEN = "client-emulator-token-3e9a"


class Recorder:
    def __init__(self) -> None:
        self.sleeps: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.sleeps.append(seconds)


@pytest.fixture
def emulator() -> Iterator[Emulator]:
    emu = Emulator(token=TOKEN, seed=5)
    yield emu
    emu.close()


def settings_in(tmp_path: Path) -> Settings:
    env = {"JOBMOJITO_TOKEN": TOKEN, "JOBMOJITO_API_URL": "http://127.0.0.1:8787"}
    return load_settings(tmp_path, env=env, max_rps=10_000, require_namespace=False)


def client_for(emulator: Emulator, sleep: Recorder, tmp_path: Path) -> JobMojitoClient:
    return JobMojitoClient(settings_in(tmp_path), transport=emulator.transport(), sleep=sleep)


def test_reads_survive_transient_faults(emulator: Emulator, tmp_path: Path) -> None:
    sleep = Recorder()
    client = client_for(emulator, sleep, tmp_path)
    created = client.create_interview_from_array(samples.from_array_body())
    emulator.set_faults(FaultConfig(rate=0.5, retry_after_s=0, seed=1))
    for _ in range(20):
        assert "questions" in client.get_interview(created["interview_def_set_id"])
    assert client.stats.retries > 0
    assert sum(1 for r in emulator.requests if r.fault) == client.stats.retries


def test_retry_after_is_honoured(emulator: Emulator, tmp_path: Path) -> None:
    sleep = Recorder()
    client = client_for(emulator, sleep, tmp_path)
    emulator.set_faults(FaultConfig(rate=1.0, kinds=("429",), retry_after_s=3))
    with pytest.raises(ApiError) as caught:
        client.list_templates()
    assert caught.value.status == 429
    assert sleep.sleeps == [3.0, 3.0, 3.0, 3.0]  # five attempts, four waits, as asked


def test_a_create_whose_answer_is_lost_is_ambiguous_and_made_once(
    emulator: Emulator, tmp_path: Path
) -> None:
    client = client_for(emulator, Recorder(), tmp_path)
    emulator.set_faults(FaultConfig(rate=1.0, kinds=("reset_after",)))
    with pytest.raises(AmbiguousOutcomeError) as caught:
        client.create_interview_from_array(samples.from_array_body())
    assert "the interview may or may not have been created" in str(caught.value)
    assert len(emulator.interview_ids()) == 1
    assert [r.path for r in emulator.requests] == ["/job-interview-create-from-array"]


def test_a_create_refused_before_the_work_is_sent_again(emulator: Emulator, tmp_path: Path) -> None:
    client = client_for(emulator, Recorder(), tmp_path)
    emulator.set_faults(FaultConfig(rate=1.0, kinds=("reset_before",)))
    with pytest.raises(ApiError):
        client.create_interview_from_array(samples.from_array_body())
    assert emulator.interview_ids() == ()
    assert len(emulator.requests) == 5  # nothing reached the server, so it was safe to resend


def test_in_process_the_emulators_latency_overlaps_across_the_clients_threads(
    emulator: Emulator, tmp_path: Path
) -> None:
    """The emulator sleeps for its latency: off the client's event loop, or it would
    answer one request at a time."""
    client = client_for(emulator, Recorder(), tmp_path)  # parallelism 8 (the default)
    ids = [
        client.create_interview_from_array(samples.from_array_body(name=f"Role {n}"))[
            "interview_def_set_id"
        ]
        for n in range(16)
    ]
    emulator.set_faults(FaultConfig(latency_ms=100))
    answer = emulator.handle
    lock = threading.Lock()
    in_flight = peak = 0

    def counted(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        try:
            return answer(request)
        finally:
            with lock:
                in_flight -= 1

    emulator.handle = counted  # type: ignore[method-assign]
    with JobMojitoClient(settings_in(tmp_path), transport=emulator.transport()) as counting:
        read = counting.map_parallel(counting.get_interview, ids)

    assert len(read) == 16
    assert peak >= 4  # of 8 threads: one at a time if the latency held up the loop
