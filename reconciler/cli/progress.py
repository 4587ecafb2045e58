"""Progress on stderr, never on stdout: a bar per phase on a terminal (rich), and in CI or
when stderr is not a terminal a plain line now and then (every 10 %, or every 5 s when
that is slower), so a log shows the run moving without a line per item. In a log, a
phase over within QUIET_S says nothing: a small plan's log is the plan.

Phases: `list` and `read` (discovery, reported by plan/discovery.py) and `apply` (steps
done, reported by the apply command).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING
from typing import Final
from typing import TextIO

if TYPE_CHECKING:
    from rich.progress import Progress
    from rich.progress import TaskID

LABELS: Final = {
    "list": "listing interviews",
    "read": "reading interviews",
    "apply": "applying steps",
}
LINE_EVERY_S: Final = 5.0
"""In a log, a line at least this often while a phase moves, even under 10 %."""
_MIN_GAP_S: Final = 1.0  # nor more often than this, but for a phase's last line
QUIET_S = 2.0
"""In a log, a phase's first line waits this long: one that ends sooner says nothing."""


def is_interactive(stream: TextIO) -> bool:
    """A person watches `stream`: a terminal, and not a CI job (which may fake one)."""
    return stream.isatty() and not os.environ.get("CI")


class ProgressReporter:
    """Callable as `progress(phase, done, total)` from any thread. Use it as a context
    manager: leaving it ends a bar that an error or Ctrl-C left open."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        interactive: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream or sys.stderr
        self.interactive = is_interactive(self.stream) if interactive is None else interactive
        self._clock = clock
        self._lock = threading.Lock()
        self._phase: str | None = None
        self._started = 0.0
        self._last_line = 0.0
        self._last_bucket = -1
        self._last_done = -1
        self._bar: Progress | None = None
        self._task: TaskID | None = None

    def __enter__(self) -> ProgressReporter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def __call__(self, phase: str, done: int, total: int) -> None:
        with self._lock:
            if phase != self._phase:
                self._end_bar()
                self._phase, self._started = phase, self._clock()
                self._last_bucket, self._last_done, self._last_line = -1, -1, 0.0
            if self.interactive:
                self._draw(phase, done, total)
            else:
                self._log(phase, done, total)

    def close(self) -> None:
        with self._lock:
            self._end_bar()

    def _log(self, phase: str, done: int, total: int) -> None:
        now = self._clock()
        if self._last_done < 0 and now - self._started < QUIET_S:
            return
        finished = done >= total
        bucket = 10 * done // total if total else 10
        first = self._last_done < 0
        due = (bucket > self._last_bucket and now - self._last_line >= _MIN_GAP_S) or (
            now - self._last_line >= LINE_EVERY_S and done > self._last_done
        )
        if not (first or finished or due) or (finished and self._last_done >= total):
            return
        label = LABELS.get(phase, phase)
        share = f" ({100 * done // total}%)" if total else ""
        took = f", {now - self._started:.1f} s" if finished else ""
        self.stream.write(f"{label}: {done}/{total}{share}{took}\n")
        self.stream.flush()
        self._last_bucket, self._last_done, self._last_line = bucket, done, now

    def _draw(self, phase: str, done: int, total: int) -> None:
        if self._bar is None:
            if done >= total and self._last_done >= total:
                return  # a late report of a phase already drawn in full
            self._bar, self._task = _start_bar(self.stream, LABELS.get(phase, phase), total)
        assert self._task is not None
        self._bar.update(self._task, completed=min(done, total), total=total)
        self._last_done = done
        if done >= total:
            self._end_bar()

    def _end_bar(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar, self._task = None, None


def _start_bar(stream: TextIO, label: str, total: int) -> tuple[Progress, TaskID]:
    # rich is imported here only: a log or a test never pays for it.
    from rich.console import Console
    from rich.progress import BarColumn
    from rich.progress import MofNCompleteColumn
    from rich.progress import Progress
    from rich.progress import TextColumn
    from rich.progress import TimeElapsedColumn

    bar = Progress(
        TextColumn("{task.description:<20}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=stream),
        # What the command prints meanwhile (apply's step lines) goes above the bar when
        # stdout shares the terminal; a redirected stdout is left alone.
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=stream is sys.stderr,
    )
    bar.start()
    return bar, bar.add_task(label, total=total)
