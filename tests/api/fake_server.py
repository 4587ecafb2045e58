"""A scripted fake JobMojito server for client tests: a queue of replies per endpoint.

Each reply is a response, an httpx request-error class (raised as if the network failed),
or a function of the request. A request with nothing queued fails the test loudly.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections import deque
from collections.abc import Callable
from collections.abc import Mapping
from typing import Any

import httpx

from reconciler.api import JobMojitoClient
from reconciler.config import Secret
from reconciler.config import Settings

TOKEN = "tok-5ecret-a1b2c3"
API_URL = "https://api.test/functions/v1"

Reply = httpx.Response | type[httpx.RequestError] | Callable[[httpx.Request], httpx.Response]


def reply(
    status: int = 200, body: Any = None, headers: Mapping[str, str] | None = None
) -> httpx.Response:
    """A JSON response (`body` defaults to `{}`)."""
    return httpx.Response(status, json={} if body is None else body, headers=headers)


def html(
    status: int, text: str = "<html><body><h1>502 Bad Gateway</h1></body></html>"
) -> httpx.Response:
    return httpx.Response(status, text=text, headers={"content-type": "text/html; charset=utf-8"})


class ScriptedServer:
    """Answers each endpoint from its own queue and records every request it saw."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._replies: defaultdict[str, deque[Reply]] = defaultdict(deque)
        self.requests: list[httpx.Request] = []

    def queue(self, endpoint: str, *replies: Reply) -> None:
        with self._lock:
            self._replies[endpoint].extend(replies)

    def requests_to(self, endpoint: str) -> list[httpx.Request]:
        with self._lock:
            return [r for r in self.requests if endpoint_of(r) == endpoint]

    def handle(self, request: httpx.Request) -> httpx.Response:
        endpoint = endpoint_of(request)
        with self._lock:
            self.requests.append(request)
            queue = self._replies[endpoint]
            if not queue:
                raise AssertionError(f"unexpected request to {endpoint}: nothing scripted")
            scripted = queue.popleft()
        if isinstance(scripted, httpx.Response):
            return scripted
        if isinstance(scripted, type):
            raise scripted("scripted network failure", request=request)
        return scripted(request)


def endpoint_of(request: httpx.Request) -> str:
    return request.url.path.rsplit("/", 1)[-1]


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {"api_url": API_URL, "token": Secret(TOKEN), "max_rps": 1e6}
    values.update(overrides)
    return Settings(**values)


class Client:
    """A JobMojitoClient on a ScriptedServer, recording the delays it would have slept."""

    def __init__(self, **overrides: Any) -> None:
        self.server = ScriptedServer()
        self.sleeps: list[float] = []
        transport = httpx.MockTransport(self.server.handle)
        self.api = JobMojitoClient(
            make_settings(**overrides), transport=transport, sleep=self.sleeps.append
        )
