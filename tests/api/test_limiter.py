from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from reconciler.api.limiter import Limiter
from reconciler.api.limiter import TokenBucket


class VirtualClock:
    """Time that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 0.0
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.now += seconds


def test_bucket_spaces_requests_at_the_rate() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(20.0, clock=clock, sleep=clock.sleep)

    waits = [bucket.acquire() for _ in range(41)]

    assert waits[0] == 0.0
    assert waits[1:] == pytest.approx([0.05] * 40)
    assert clock.now == pytest.approx(2.0)  # 41 requests at 20/s: the 41st at t = 2 s


def test_bucket_refills_while_idle_up_to_its_capacity() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(10.0, capacity=3, clock=clock, sleep=clock.sleep)
    for _ in range(3):
        bucket.acquire()
    clock.sleep(60)  # a long pause refills to the capacity, not beyond

    waits = [bucket.acquire() for _ in range(4)]

    assert waits == pytest.approx([0.0, 0.0, 0.0, 0.1])


def test_bucket_rate_holds_across_threads() -> None:
    clock = VirtualClock()
    bucket = TokenBucket(50.0, clock=clock, sleep=clock.sleep)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: bucket.acquire(), range(101)))

    # Every acquire reserved its own slot: 100 spacings of 1/50 s, whoever slept them.
    assert clock.now >= 2.0 - 1e-9


def test_bucket_rejects_a_useless_rate() -> None:
    with pytest.raises(ValueError, match="rate > 0"):
        TokenBucket(0)


def _peak_in_flight(limiter: Limiter, *, threads: int, requests: int) -> int:
    """The most requests that held a slot of `limiter` at once, from `threads` threads;
    every slot is given back by the end."""
    lock = threading.Lock()
    in_flight = 0
    peak = 0

    def request(_: int) -> None:
        nonlocal in_flight, peak
        with limiter.slot():
            with lock:
                in_flight += 1
                peak = max(peak, in_flight)
            time.sleep(0.002)
            with lock:
                in_flight -= 1

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(request, range(requests)))
    assert in_flight == 0
    return peak


def test_limiter_bounds_requests_in_flight() -> None:
    assert 1 <= _peak_in_flight(Limiter(parallelism=3), threads=12, requests=48) <= 3


def test_without_max_rps_there_is_no_pace_to_wait_for() -> None:
    clock = VirtualClock()
    limiter = Limiter(parallelism=2, clock=clock, sleep=clock.sleep)

    for _ in range(100):
        with limiter.slot() as ticket:
            pass
        limiter.succeeded(ticket)

    assert clock.now == 0.0


def test_max_rps_stays_a_hard_ceiling() -> None:
    clock = VirtualClock()
    limiter = Limiter(parallelism=8, max_rps=10.0, clock=clock, sleep=clock.sleep)

    for _ in range(21):
        with limiter.slot() as ticket:
            pass
        limiter.succeeded(ticket)

    assert clock.now == pytest.approx(2.0)


def _throttle_once(limiter: Limiter) -> None:
    with limiter.slot() as ticket:
        pass
    limiter.throttled(ticket)


def test_pushback_halves_the_limit_down_to_one() -> None:
    limiter = Limiter(parallelism=8)
    limits = []
    for _ in range(5):
        _throttle_once(limiter)
        limits.append(limiter.limit)

    assert limits == [4, 2, 1, 1, 1]


def test_a_burst_of_pushback_to_requests_sent_together_halves_the_limit_once() -> None:
    limiter = Limiter(parallelism=8)
    tickets = []
    for _ in range(8):
        with limiter.slot() as ticket:
            tickets.append(ticket)

    for ticket in tickets:
        limiter.throttled(ticket)

    assert limiter.limit == 4


def test_as_many_successes_in_a_row_as_the_limit_add_one_back_up_to_parallelism() -> None:
    limiter = Limiter(parallelism=4)
    _throttle_once(limiter)
    _throttle_once(limiter)
    assert limiter.limit == 1
    limits = []
    for _ in range(12):
        with limiter.slot() as ticket:
            pass
        limiter.succeeded(ticket)
        limits.append(limiter.limit)

    # 1 success lifts 1 to 2, 2 more lift it to 3, 3 more to 4; then it stays at 4.
    assert limits == [2, 2, 3, 3, 3, 4, 4, 4, 4, 4, 4, 4]


def test_successes_of_requests_sent_before_a_decrease_do_not_grow_the_limit() -> None:
    limiter = Limiter(parallelism=8)
    with limiter.slot() as early:
        pass
    _throttle_once(limiter)

    for _ in range(10):
        limiter.succeeded(early)

    assert limiter.limit == 4


def test_a_pushback_between_successes_starts_the_run_again() -> None:
    limiter = Limiter(parallelism=8)
    _throttle_once(limiter)  # limit 4
    with limiter.slot() as stale:
        pass
    _throttle_once(limiter)  # limit 2
    with limiter.slot() as ticket:
        pass
    limiter.succeeded(ticket)
    limiter.throttled(stale)  # an answer to an older request: no halving, but no run either
    with limiter.slot() as ticket:
        pass
    limiter.succeeded(ticket)

    assert limiter.limit == 2  # the run was one success long again, not two


def test_while_a_request_waits_out_retry_after_no_new_request_starts() -> None:
    limiter = Limiter(parallelism=4)
    started = threading.Event()
    holding = threading.Event()
    release = threading.Event()

    def wait_out() -> None:
        with limiter.held():
            holding.set()
            release.wait(5)

    def request() -> None:
        with limiter.slot():
            started.set()

    waiting = threading.Thread(target=wait_out)
    waiting.start()
    holding.wait(5)
    sender = threading.Thread(target=request)
    sender.start()

    assert not started.wait(0.2)  # held back
    release.set()
    assert started.wait(5)  # and sent once the pause is over
    waiting.join(5)
    sender.join(5)


def test_a_lowered_limit_bounds_the_threads_in_flight() -> None:
    limiter = Limiter(parallelism=8)
    _throttle_once(limiter)
    _throttle_once(limiter)  # limit 2
    assert 1 <= _peak_in_flight(limiter, threads=8, requests=40) <= 2


def test_a_request_waiting_for_a_slot_gets_the_next_one_freed() -> None:
    """A thread that frees a slot and asks again at once (a worker of discovery's reads)
    queues behind the thread already waiting (a plan listing templates meanwhile)."""
    limiter = Limiter(parallelism=1)
    waiting = threading.Event()
    served: list[str] = []

    def other() -> None:
        waiting.set()
        with limiter.slot():
            served.append("waiting thread")

    with limiter.slot():
        thread = threading.Thread(target=other)
        thread.start()
        assert waiting.wait(5)
        time.sleep(0.05)  # the other thread is now inside slot(), waiting
    with limiter.slot():  # asked again at once by the thread that freed the slot
        served.append("thread that freed it")
    thread.join(5)

    assert served == ["waiting thread", "thread that freed it"]
