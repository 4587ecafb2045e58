"""Run one function over many items on a few threads, keeping the items' order.

Why threads: the work is waiting on HTTP, each call reads top to bottom (only the sending
crosses to the client's event loop, for its deadline: api/loop.py), and a few dozen threads
are cheap. The client's limiter, not the number of threads alone, bounds what reaches the
API.

Each worker takes the next item index from a shared counter and writes its outcome into a
slot of a list made beforehand. A thread pool with a future per item did the same with a
lock, a condition and a future per call: a tenth of discovery's CPU at thousands of reads.
"""

from __future__ import annotations

import itertools
import queue
import threading
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from typing import TypeVar
from typing import cast

T = TypeVar("T")
R = TypeVar("R")


def map_settled(
    fn: Callable[[T], R], items: Iterable[T], *, workers: int
) -> list[R | BaseException]:
    """`fn(item)` for every item, in order; a call that raised yields its exception."""
    return _run_all(fn, list(items), workers)


def map_ordered(fn: Callable[[T], R], items: Iterable[T], *, workers: int) -> list[R]:
    """`fn(item)` for every item, in order. Every call finishes before the first error
    (in item order) is raised, so no work is left running behind the caller's back."""
    outcomes = _run_all(fn, list(items), workers)
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            raise outcome
    return cast(list[R], outcomes)


def map_as_done(
    fn: Callable[[T], R], items: Iterable[T], *, workers: int
) -> Iterator[tuple[int, R | BaseException]]:
    """`(index, fn(item) or its exception)` for every item, in the order the calls finish,
    so the caller can report progress as it goes. Leaving the iteration early lets the
    calls in flight finish and starts no new ones."""
    work = list(items)
    done: queue.SimpleQueue[tuple[int, R | BaseException]] = queue.SimpleQueue()
    next_index = itertools.count().__next__
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set():
            index = next_index()
            if index >= len(work):
                return
            try:
                done.put((index, fn(work[index])))
            except BaseException as exc:  # handed to the caller with its index
                done.put((index, exc))

    for number in range(min(workers, len(work))):
        threading.Thread(target=run, name=f"jobmojito-{number}", daemon=True).start()
    try:
        for _ in work:
            yield done.get()
    finally:
        stop.set()


def _run_all(fn: Callable[[T], R], items: list[T], workers: int) -> list[R | BaseException]:
    outcomes: list[R | BaseException | None] = [None] * len(items)
    next_index = itertools.count().__next__  # atomic under the GIL: each index goes once
    stop = threading.Event()

    def work() -> None:
        while not stop.is_set():
            index = next_index()
            if index >= len(items):
                return
            try:
                outcomes[index] = fn(items[index])
            except BaseException as exc:  # handed to the caller in item order
                outcomes[index] = exc

    threads = [
        threading.Thread(target=work, name=f"jobmojito-{number}", daemon=True)
        for number in range(min(workers, len(items)))
    ]
    for thread in threads:
        thread.start()
    try:
        for thread in threads:
            thread.join()
    except BaseException:
        stop.set()  # Ctrl-C: let the calls in flight finish, start no new ones
        for thread in threads:
            thread.join()
        raise
    return cast(list[R | BaseException], outcomes)
