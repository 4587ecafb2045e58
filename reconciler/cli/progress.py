"""Progress on stderr: a one-line bar on a terminal, one line per phase elsewhere (CI logs)."""

from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

_PHASES = {"list": "listing interviews", "read": "reading interview definitions"}


class ProgressReporter:
    """Callable as `progress(phase, done, total)` from any thread."""

    def __init__(self, stream: TextIO | None = None, *, interactive: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty() if interactive is None else interactive
        self._lock = threading.Lock()
        self._announced: set[str] = set()
        self._last_draw = 0.0

    def __call__(self, phase: str, done: int, total: int) -> None:
        label = _PHASES.get(phase, phase)
        with self._lock:
            if not self.interactive:
                if phase not in self._announced:
                    self._announced.add(phase)
                    self.stream.write(f"{label} ({total})...\n")
                return
            now = time.monotonic()
            if done < total and now - self._last_draw < 0.1:
                return
            self._last_draw = now
            width = 30
            filled = width * done // total if total else width
            bar = "#" * filled + "-" * (width - filled)
            end = "\n" if done >= total else ""
            self.stream.write(f"\r{label:<30} [{bar}] {done}/{total}{end}")
            self.stream.flush()
