"""The client's event loop thread: outcomes cross back to the caller, Ctrl-C in the caller
cancels the coroutine, and closing stops the thread."""

from __future__ import annotations

import asyncio
import signal
import threading

import pytest

from reconciler.api.loop import LoopThread


def test_run_returns_the_outcome_and_raises_the_error_of_the_coroutine() -> None:
    async def double(value: int) -> int:
        await asyncio.sleep(0)
        return value * 2

    async def fail() -> None:
        raise ValueError("no")

    loop = LoopThread(name="test-loop", workers=1)
    try:
        assert loop.run(double(21)) == 42
        with pytest.raises(ValueError, match="no"):
            loop.run(fail())
    finally:
        loop.close()


def test_ctrl_c_in_the_waiting_thread_cancels_the_coroutine() -> None:
    cancelled = threading.Event()

    async def forever() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            cancelled.set()
            raise

    loop = LoopThread(name="test-loop", workers=1)
    main = threading.main_thread().ident
    assert main is not None
    # Ctrl-C, as the terminal sends it: a real SIGINT interrupts the wait, where
    # _thread.interrupt_main would wait for the wait to end.
    timer = threading.Timer(0.2, signal.pthread_kill, (main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            loop.run(forever())
        assert cancelled.wait(5)
    finally:
        timer.cancel()
        loop.close()


def test_close_runs_the_last_coroutine_then_stops_the_thread_once() -> None:
    closed: list[str] = []

    async def last() -> None:
        closed.append("pool")

    loop = LoopThread(name="test-loop-close", workers=1)
    [thread] = [t for t in threading.enumerate() if t.name == "test-loop-close"]
    loop.close(last)
    loop.close(last)

    assert closed == ["pool"]
    assert not thread.is_alive()
    assert thread.daemon  # a loop left running never holds up the exit
