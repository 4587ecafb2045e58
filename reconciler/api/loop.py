"""One asyncio event loop on a thread of its own, for callers that are ordinary threads.

Why: httpx bounds each read, not a whole request; the only total bound it supports is an
async request under `asyncio.timeout`, whose cancellation closes the connection cleanly,
whatever phase (connect, send, headers, body) the request is in. The rest of the client
stays on threads (callers read top to bottom), so each request crosses to this loop and
its caller waits for the outcome.

The loop thread is a daemon: a request stuck in it never holds up the exit. Blocking work
the loop hands off (`asyncio.to_thread`, as the in-process emulator does) gets a pool of
`workers` threads, as many as the requests the client can have in flight.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from typing import TypeVar

T = TypeVar("T")


class LoopThread:
    """An event loop running on a daemon thread until `close()`."""

    def __init__(self, *, name: str, workers: int) -> None:
        self._loop = asyncio.new_event_loop()
        self._loop.set_default_executor(
            ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"{name}-blocking")
        )
        self._thread = threading.Thread(target=self._serve, name=name, daemon=True)
        self._lock = threading.Lock()
        self._closed = False
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run `coroutine` on the loop and wait for its outcome. An exception in the
        waiting thread (Ctrl-C) cancels the coroutine before it propagates."""
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result()
        except BaseException:
            future.cancel()  # a no-op when the coroutine itself raised
            raise

    def close(self, last: Callable[[], Coroutine[Any, Any, object]] | None = None) -> None:
        """Run `last()` on the loop (a pool's `aclose`), then stop the loop and wait for
        its thread. Closing again does nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        if threading.current_thread() is self._thread:
            # a collected client finalised on the loop's own thread cannot wait for it
            self._loop.call_soon_threadsafe(self._loop.stop)
            return
        try:
            if last is not None:
                self.run(last())
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_forever()
        finally:
            # requests abandoned by Ctrl-C unwind (closing their connections) before the end
            pending = asyncio.all_tasks(self._loop)
            for task in pending:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            self._loop.run_until_complete(self._loop.shutdown_default_executor())
            self._loop.close()
