"""Injected faults, in-process: 429 with Retry-After, 5xx, resets before and after commit."""

from __future__ import annotations

import httpx
import pytest

from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.faults import FaultInjector
from tests.emulator import samples


def test_rate_limit_answer_carries_retry_after(emulator: Emulator, client: httpx.Client) -> None:
    emulator.set_faults(FaultConfig(rate=1.0, kinds=("429",), retry_after_s=0))

    response = client.get("/merchant-avatar-list")

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "0"
    assert response.json() == {"error": "rate limit exceeded; retry later"}


def test_reset_before_changes_nothing(emulator: Emulator, client: httpx.Client) -> None:
    emulator.set_faults(FaultConfig(rate=1.0, kinds=("reset_before",)))

    with pytest.raises(httpx.ConnectError):
        client.post("/job-interview-create", json=samples.create_body())

    assert emulator.interview_ids() == ()
    assert emulator.requests[-1].status is None


def test_reset_after_commit_keeps_the_change(emulator: Emulator, client: httpx.Client) -> None:
    emulator.set_faults(FaultConfig(rate=1.0, kinds=("reset_after",)))

    with pytest.raises(httpx.ReadError):
        client.post("/job-interview-create", json=samples.create_body())

    assert len(emulator.interview_ids()) == 1
    assert (emulator.requests[-1].status, emulator.requests[-1].fault) == (200, "reset_after")


def test_same_seed_gives_the_same_faults() -> None:
    config = FaultConfig(rate=0.5, seed=7)
    injectors = (FaultInjector(config, 0), FaultInjector(config, 0))

    runs = [[injector.draw().fault for _ in range(50)] for injector in injectors]

    assert runs[0] == runs[1]
    assert None in runs[0]
    assert len(set(runs[0])) > 1  # some requests meet faults, some do not


def test_rate_zero_never_faults(emulator: Emulator, client: httpx.Client) -> None:
    emulator.set_faults(FaultConfig(rate=0.0))

    statuses = {client.get("/platform-languages-list").status_code for _ in range(20)}

    assert statuses == {200}


def test_beyond_the_rate_limit_the_answer_is_the_apis_429_with_retry_after(
    emulator: Emulator, client: httpx.Client
) -> None:
    emulator.set_faults(FaultConfig(rate_limit_rps=5))

    statuses = [client.get("/platform-languages-list").status_code for _ in range(8)]
    limited = client.get("/platform-languages-list")

    assert statuses[:5] == [200] * 5  # a burst of one second's worth
    assert 429 in statuses[5:]
    assert limited.status_code == 429
    assert limited.headers["Retry-After"] == "1"  # whole seconds, as APIs send them
    assert limited.json() == {"error": "rate limit exceeded; retry later"}
    assert emulator.requests[-1].fault == "429"


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_rate_limit_admits_its_rate_once_the_burst_is_spent() -> None:
    clock = FakeClock()
    injector = FaultInjector(FaultConfig(rate_limit_rps=4), 0, clock=clock)
    burst = [injector.draw().fault for _ in range(5)]
    admitted = []
    for _ in range(20):  # five seconds in steps of a quarter second
        clock.now += 0.25
        admitted.append(injector.draw().fault is None)

    assert burst == [None, None, None, None, "429"]
    assert all(admitted)  # one request per token as it comes
    assert injector.draw().fault == "429"  # and no more


def test_retry_after_counts_whole_seconds_until_a_token_is_back() -> None:
    clock = FakeClock()
    injector = FaultInjector(FaultConfig(rate_limit_rps=0.25), 0, clock=clock)
    assert injector.draw().fault is None

    clock.now += 1.5
    refused = injector.draw()

    assert (refused.fault, refused.retry_after_s) == ("429", 3.0)  # 2.5 s, rounded up


def test_latency_range_is_drawn_within_bounds() -> None:
    injector = FaultInjector(FaultConfig(latency_ms=(10, 20)), 3)

    latencies = [injector.draw().latency_s for _ in range(20)]

    assert all(0.010 <= latency <= 0.020 for latency in latencies)


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"rate": 1.5}, "fault rate must be between 0 and 1, not 1.5"),
        (
            {"kinds": ("418",)},
            "unknown fault kinds 418; choose from 429, 500, 502, reset_before, reset_after",
        ),
        ({"latency_ms": (20, 10)}, "latency must be a non-negative number or range, not 20.0-10.0"),
        ({"rate_limit_rps": 0}, "the rate limit must be above 0, not 0"),
    ],
)
def test_bad_configuration_is_refused(config: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        FaultConfig(**config)  # type: ignore[arg-type]

    assert str(caught.value) == message
