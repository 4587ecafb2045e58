"""Request counters shared by the client's threads. In memory only, no I/O."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType


class RequestStats:
    """How many HTTP attempts were sent (`requests`), how many were retries, per endpoint."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests = 0
        self._retries = 0
        self._by_endpoint: Counter[str] = Counter()

    def record_attempt(self, endpoint: str, *, is_retry: bool) -> None:
        with self._lock:
            self._requests += 1
            self._retries += int(is_retry)
            self._by_endpoint[endpoint] += 1

    @property
    def requests(self) -> int:
        with self._lock:
            return self._requests

    @property
    def retries(self) -> int:
        with self._lock:
            return self._retries

    @property
    def by_endpoint(self) -> Mapping[str, int]:
        """A snapshot: attempts per endpoint name (for example `job-interview-get`)."""
        with self._lock:
            return MappingProxyType(dict(self._by_endpoint))

    def __repr__(self) -> str:
        return f"RequestStats(requests={self.requests}, retries={self.retries})"
