"""The emulator: a plain `httpx.Request -> httpx.Response` function over the store.

Use it in-process with `emulator.transport()` (sync or async httpx), or over real HTTP
with `reconciler.emulator.server.serve`. Order of checks for a request: injected fault,
the gateway's API key (401), the sign-in endpoint, unknown path (404), wrong method (405),
bearer token (401), then the endpoint's own validation and rules. Imports only httpx and
the standard library.
"""

from __future__ import annotations

import asyncio
import copy
import json
import threading
import time
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Final

import httpx

from reconciler.emulator import changes
from reconciler.emulator import creates
from reconciler.emulator import positions
from reconciler.emulator import reads
from reconciler.emulator.candidates import count_candidates
from reconciler.emulator.context import Context
from reconciler.emulator.faults import BAD_GATEWAY_PAGE
from reconciler.emulator.faults import Draw
from reconciler.emulator.faults import FaultConfig
from reconciler.emulator.faults import FaultInjector
from reconciler.emulator.gateway import Gateway
from reconciler.emulator.gateway import GatewayConfig
from reconciler.emulator.quirks import QuirkPlayer
from reconciler.emulator.quirks import Quirks
from reconciler.emulator.store import Registration
from reconciler.emulator.store import Store
from reconciler.emulator.validation import ApiProblem

Handler = Callable[[Context, Any], Any]
ROUTES: Final[Mapping[str, tuple[str, Handler]]] = {
    "/job-interview-create": ("POST", creates.create),
    "/job-interview-create-from-array": ("POST", creates.create_from_array),
    "/job-interview-create-for-candidate-with-token": ("POST", creates.create_for_candidate),
    "/job-interview-get": ("GET", reads.get),
    "/job-interview-update": ("POST", changes.update),
    "/job-interview-set-state": ("POST", changes.set_state),
    "/job-interview-register-users": ("POST", positions.register_users),
    "/merchant-interview-list": ("GET", reads.interview_list),
    "/merchant-avatar-list": ("GET", reads.avatar_list),
    "/platform-languages-list": ("GET", reads.languages),
}
_PATH_PREFIX: Final = "/functions/v1"  # the real base URL's path, accepted too


@dataclass(frozen=True)
class LoggedRequest:
    """One request as the emulator saw it (never its headers, so never the token).

    `status` is None when the connection was reset before an answer was made; `fault`
    names the injected fault, if any.
    """

    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int | None
    fault: str | None = None


class Emulator:
    """The JobMojito API stand-in. `db_path` None keeps everything in memory.

    `token` None accepts any non-empty bearer token. `quirks` plays readings of the real
    API that its OpenAPI document leaves open (emulator/quirks.py). `gateway` adds an API
    key requirement and password sign-in with expiring tokens (emulator/gateway.py).
    """

    def __init__(
        self,
        db_path: str | Path | None = None,
        *,
        token: str | None = None,
        faults: FaultConfig | None = None,
        seed: int = 0,
        quirks: Quirks | None = None,
        gateway: GatewayConfig | None = None,
    ) -> None:
        self._store = Store(db_path)
        self._gateway = Gateway(token, gateway)
        self._seed = seed
        self._faults = FaultInjector(faults or FaultConfig(), seed)
        self._quirks = QuirkPlayer(quirks or Quirks())
        self._log_lock = threading.Lock()
        self.requests: list[LoggedRequest] = []

    def __repr__(self) -> str:
        return f"Emulator(interviews={len(self._store.ids())})"

    # --- the request -> response function -------------------------------------------

    def handle(self, request: httpx.Request) -> httpx.Response:
        """Answer one request; raises httpx.ConnectError / ReadError for injected resets."""
        draw = self._faults.draw()
        if draw.latency_s > 0:
            time.sleep(draw.latency_s)  # outside every lock: concurrent requests overlap
        if draw.fault == "reset_before":
            self._log(request, None, draw.fault)
            raise httpx.ConnectError("connection reset by peer (injected)", request=request)
        if draw.fault in ("429", "500", "502"):
            return self._log_response(request, self._fault_response(draw), draw.fault)
        response = self._answer(request)
        self._log_response(request, response, draw.fault)
        delay = self._quirks.answer_delay(_endpoint_path(request))
        if delay > 0:
            time.sleep(delay)  # the work is committed; only the answer is late
        if draw.fault == "reset_after":
            raise httpx.ReadError("connection reset by peer (injected)", request=request)
        return response

    def transport(self) -> httpx.MockTransport:
        """An httpx transport that answers in-process, for `httpx.Client` and
        `httpx.AsyncClient` alike."""
        return _InProcessTransport(self.handle)

    # --- test helpers (not HTTP endpoints) -------------------------------------------

    def set_faults(self, faults: FaultConfig | None) -> None:
        self._faults = FaultInjector(faults or FaultConfig(), self._seed)

    def set_quirks(self, quirks: Quirks | None) -> None:
        """Play `quirks` from now on (None: the documented behaviour only)."""
        self._quirks = QuirkPlayer(quirks or Quirks())

    def interview_ids(self) -> tuple[str, ...]:
        """Every stored interview id, newest-updated first."""
        return self._store.ids()

    def raw_definition(self, interview_id: str) -> dict[str, Any]:
        """The whole stored document, private keys included (KeyError when unknown)."""
        document = self._store.get(interview_id)
        if document is None:
            raise KeyError(interview_id)
        return copy.deepcopy(document)

    def registrations(self, interview_id: str) -> tuple[Registration, ...]:
        """The candidates registered for an interview (register-users), oldest first."""
        return self._store.registrations(interview_id)

    def seed_results(self, interview_id: str, count: int, last_at: str | None) -> None:
        """Pretend `count` more candidates took the interview, the latest at `last_at`:
        list items count them."""
        count_candidates(self._store, interview_id, count, last_at)

    def close(self) -> None:
        self._store.close()

    # --- internals ---------------------------------------------------------------------

    def _answer(self, request: httpx.Request) -> httpx.Response:
        refusal = self._gateway.refusal(request)
        if refusal is not None:
            return refusal
        if self._gateway.is_sign_in(request):
            return self._gateway.sign_in(request)
        try:
            return _json_response(200, self._route(request))
        except ApiProblem as problem:
            return _json_response(problem.status, problem.body())

    def _route(self, request: httpx.Request) -> Any:
        path = _endpoint_path(request)
        if path not in ROUTES:
            raise ApiProblem(404, f"no endpoint {path}")
        method, handler = ROUTES[path]
        if request.method != method:
            raise ApiProblem(405, f"{path} takes {method}, not {request.method}")
        self._gateway.authenticate(request)
        base_url = f"{request.url.scheme}://{request.url.netloc.decode()}"
        context = Context(self._store, base_url, self._quirks.quirks)
        query = _query(request)
        argument = query if method == "GET" else self._quirks.body(path, _json_body(request))
        answer = handler(context, argument)
        self._quirks.answer(path, query, answer)
        return answer

    def _fault_response(self, draw: Draw) -> httpx.Response:
        if draw.fault == "429":
            retry_after = f"{draw.retry_after_s:g}"
            body = {"error": "rate limit exceeded; retry later"}
            return httpx.Response(429, json=body, headers={"Retry-After": retry_after})
        if draw.fault == "502":
            headers = {"content-type": "text/html; charset=utf-8"}
            return httpx.Response(502, text=BAD_GATEWAY_PAGE, headers=headers)
        return httpx.Response(500, json={"error": "internal server error (injected)"})

    def _log_response(
        self, request: httpx.Request, response: httpx.Response, fault: str | None
    ) -> httpx.Response:
        self._log(request, response.status_code, fault)
        return response

    def _log(self, request: httpx.Request, status: int | None, fault: str | None) -> None:
        # A sign-in's body is the password: never kept.
        body = None if self._gateway.is_sign_in(request) else _body_or_none(request)
        entry = LoggedRequest(
            request.method, _endpoint_path(request), _query(request), body, status, fault
        )
        with self._log_lock:
            self.requests.append(entry)


def _json_response(status: int, body: Any) -> httpx.Response:
    """A JSON answer as httpx's `json=` makes it (compact, UTF-8)."""
    return httpx.Response(status, json=body)


def _endpoint_path(request: httpx.Request) -> str:
    path = request.url.path
    return path[len(_PATH_PREFIX) :] if path.startswith(_PATH_PREFIX + "/") else path


def _query(request: httpx.Request) -> dict[str, str]:
    return dict(request.url.params.multi_items())


def _json_body(request: httpx.Request) -> Any:
    try:
        return json.loads(request.content or b"null")
    except (ValueError, UnicodeDecodeError):
        raise ApiProblem(422, "the request body is not valid JSON") from None


def _body_or_none(request: httpx.Request) -> Any:
    try:
        return json.loads(request.content) if request.content else None
    except (ValueError, UnicodeDecodeError):
        return None


class _InProcessTransport(httpx.MockTransport):
    """A MockTransport whose async side answers on a worker thread: the handler sleeps
    for its simulated latency, which on the event loop would hold up every other request."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return await asyncio.to_thread(self.handle_request, request)
