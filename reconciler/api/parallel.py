"""Run one function over many items on a thread pool, keeping the items' order.

Why threads: the work is waiting on HTTP, the client is synchronous httpx (a newcomer reads
it top to bottom), and a few dozen threads are cheap. The client's limiter, not the pool
size alone, bounds what reaches the API.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def map_settled(
    fn: Callable[[T], R], items: Iterable[T], *, workers: int
) -> list[R | BaseException]:
    """`fn(item)` for every item, in order; a call that raised yields its exception."""
    outcomes: list[R | BaseException] = []
    for future in _run_all(fn, items, workers):
        error = future.exception()
        outcomes.append(future.result() if error is None else error)
    return outcomes


def map_ordered(fn: Callable[[T], R], items: Iterable[T], *, workers: int) -> list[R]:
    """`fn(item)` for every item, in order. Every call finishes before the first error
    (in item order) is raised, so no work is left running behind the caller's back."""
    futures = _run_all(fn, items, workers)
    for future in futures:
        error = future.exception()
        if error is not None:
            raise error
    return [future.result() for future in futures]


def _run_all(fn: Callable[[T], R], items: Iterable[T], workers: int) -> list[Future[R]]:
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="jobmojito")
    try:
        futures = [pool.submit(fn, item) for item in items]
        wait(futures)
        return futures
    finally:
        # On Ctrl-C in the waiting thread, drop the queued calls instead of running them.
        pool.shutdown(wait=True, cancel_futures=True)
