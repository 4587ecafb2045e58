from __future__ import annotations

import threading

import pytest

from reconciler.api.parallel import map_ordered
from reconciler.api.parallel import map_settled


def test_results_keep_the_items_order() -> None:
    assert map_ordered(lambda n: n * n, range(20), workers=4) == [n * n for n in range(20)]


def test_first_error_is_raised_after_every_call_finished() -> None:
    finished: list[int] = []
    lock = threading.Lock()

    def work(n: int) -> int:
        if n in (3, 7):
            raise KeyError(n)
        with lock:
            finished.append(n)
        return n

    with pytest.raises(KeyError) as caught:
        map_ordered(work, range(10), workers=3)

    assert caught.value.args == (3,)
    assert sorted(finished) == [0, 1, 2, 4, 5, 6, 8, 9]


def test_settled_returns_exceptions_in_place() -> None:
    def work(n: int) -> int:
        if n == 1:
            raise ValueError("one")
        return n

    outcomes = map_settled(work, [0, 1, 2], workers=2)

    assert outcomes[0] == 0 and outcomes[2] == 2
    assert isinstance(outcomes[1], ValueError) and str(outcomes[1]) == "one"


def test_no_items_no_results() -> None:
    assert map_ordered(str, [], workers=2) == []
