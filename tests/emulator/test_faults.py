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
    ],
)
def test_bad_configuration_is_refused(config: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError) as caught:
        FaultConfig(**config)  # type: ignore[arg-type]

    assert str(caught.value) == message
