"""The JobMojito API client: the fetch and apply stages' only door to the network.

One class; tests inject an httpx transport (an `httpx.MockTransport`, or the emulator's).
Every call goes through `_request`, the single place that sends, logs, retries and maps
failures to the project's errors. The calls, retries and waits run on plain threads
(`map_parallel`): the work is waiting on HTTP, a newcomer can read each call top to
bottom, and a few dozen threads are cheap. One `Limiter` per client adapts the requests in
flight across all of its threads to what the API serves (api/limiter.py).

Only the sending itself is asynchronous: every request goes through one `httpx.AsyncClient`
(a pool of as many connections as the client has threads) on an event loop of the
client's own (api/loop.py), because a total deadline per request is what httpx offers
only there, as `asyncio.timeout` around the whole exchange. Each wait of httpx is bounded
by the per-read timeout, which a server can beat forever by sending a byte at a time, in
the body or in the headers; the deadline (`request_deadline_s`, or `create_timeout_s` for
the creates) stops the request whatever it is waiting on. Every answer is read as a
stream and refused past `max_answer_mib` (counted after decompression, or announced by
Content-Length).

Creates are not idempotent in the API, so a create is resent only when the request
provably never reached the server; otherwise the caller gets AmbiguousOutcomeError and
re-discovers by marker before trying again (DESIGN.md section 8).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
import weakref
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from contextlib import AbstractContextManager
from contextlib import nullcontext
from http.cookiejar import CookieJar
from http.cookiejar import DefaultCookiePolicy
from types import TracebackType
from typing import Any
from typing import Final
from typing import Literal
from typing import TypeVar

import httpx

from reconciler import __version__
from reconciler.api import bodies
from reconciler.api import failures
from reconciler.api.auth import Credentials
from reconciler.api.auth import credentials_for
from reconciler.api.limiter import Limiter
from reconciler.api.loop import LoopThread
from reconciler.api.parallel import map_as_done
from reconciler.api.parallel import map_ordered
from reconciler.api.parallel import map_settled
from reconciler.api.retry import RETRYABLE_STATUSES
from reconciler.api.retry import RetryPolicy
from reconciler.api.stats import RequestStats
from reconciler.config import Settings
from reconciler.config import is_loopback
from reconciler.errors import ApiError
from reconciler.live import Template

T = TypeVar("T")
R = TypeVar("R")
Kind = Literal["read", "idempotent_write", "create"]
Params = Mapping[str, str | int]

LOG: Final = logging.getLogger("reconciler.api")
USER_AGENT: Final = f"interviews-as-code/{__version__}"
_GET: Final = "job-interview-get"
_CREATES: Final = frozenset({"job-interview-create", "job-interview-create-from-array"})
"""The creates in which the API's AI writes the questions before it answers: they get
`create_timeout_s` (JobMojito's own MCP server allows them 60 s)."""
_PUSHBACK: Final = frozenset({429, 503})
"""The answers by which the API asks for fewer requests at once."""
_MIB: Final = 1024 * 1024
_CONNECTING: Final = ("connect_tcp.started", "connect_unix_socket.started")
_SENDING: Final = "send_request_headers.started"
"""Ends of httpcore's trace events (`connection.connect_tcp.started`, `http11.send_...`)."""
_LOOPBACK_HOSTS: Final = ("localhost", "127.0.0.1", "[::1]")
_DROPPED_HEADERS: Final = frozenset({"content-encoding", "content-length", "transfer-encoding"})
"""Headers that describe the body as it travelled, not the decoded body we keep."""


class JobMojitoClient:
    """Typed calls to the JobMojito endpoints the reconciler uses.

    `transport` replaces httpx's own (tests pass an `httpx.MockTransport` or
    `Emulator.transport()`); `close()` closes it with the rest. `sleep` is used for the
    waits between retries (tests pass a recorder), including a Retry-After, during which
    the limiter starts no other request. `credentials` default to those `settings`
    describe (api/auth.py).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        credentials: Credentials | None = None,
    ) -> None:
        self._settings = settings
        self._credentials = credentials or credentials_for(settings, sleep=sleep)
        self._http = _async_http(settings, transport)
        self._loop = LoopThread(name="jobmojito-http", workers=settings.parallelism)
        # A client dropped unclosed still stops its loop thread; at exit nothing is awaited.
        self._closing = weakref.finalize(self, self._loop.close, self._http.aclose)
        self._closing.atexit = False
        self._sleep = sleep
        self._policy = RetryPolicy(max_attempts=settings.max_attempts)
        self._limiter = Limiter(parallelism=settings.parallelism, max_rps=settings.max_rps)
        self._workers = settings.parallelism
        self.stats = RequestStats()

    def close(self) -> None:
        """Close the connections and the transport, and stop the event loop's thread."""
        self._closing()

    def __enter__(self) -> JobMojitoClient:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"JobMojitoClient(api_url={self._settings.api_url!r})"

    # Interviews -------------------------------------------------------------------------

    def list_interviews(
        self,
        *,
        type: str,
        status: str | None = None,
        page_size: int = 1000,
        filter_text: str | None = None,
    ) -> list[dict[str, Any]]:
        """Every merchant-interview-list item of one `type` (all pages), newest-updated first.

        `filter_text` keeps the items whose name contains it (the server filters)."""
        params: dict[str, str | int] = {"type": type}
        if status is not None:
            params["status"] = status
        if filter_text:
            params["filter_text"] = filter_text
        return self._list_all("merchant-interview-list", params, page_size)

    def interview_page(self, *, type: str, limit: int, offset: int) -> dict[str, Any]:
        """One merchant-interview-list page as the API answered it (`data`, `pagination`),
        for checking how the API pages."""
        params: dict[str, str | int] = {"type": type, "limit": limit, "offset": offset}
        return self._object("GET", "merchant-interview-list", "read", params=params)

    def get_interview(self, position_id: str) -> dict[str, Any]:
        """The job-interview-get definition (it does not echo the id)."""
        return self._object("GET", _GET, "read", params={"position_id": position_id})

    def get_interviews(
        self, position_ids: Sequence[str]
    ) -> Iterator[tuple[int, dict[str, Any] | ApiError]]:
        """`get_interview` of each id on the client's threads, as `(index of the id,
        definition or the error get_interview would raise)` in the order answers arrive.
        Leaving the iteration early lets the reads in flight finish and sends no more."""
        ids = list(position_ids)
        for index, outcome in map_as_done(self.get_interview, ids, workers=self._workers):
            if isinstance(outcome, BaseException) and not isinstance(outcome, ApiError):
                raise outcome
            yield index, outcome

    def create_interview(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """job-interview-create (AI-generated questions); may raise AmbiguousOutcomeError."""
        return self._object("POST", "job-interview-create", "create", json=body)

    def create_interview_from_array(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """job-interview-create-from-array; may raise AmbiguousOutcomeError."""
        return self._object("POST", "job-interview-create-from-array", "create", json=body)

    def update_interview(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """job-interview-update; `body` carries `position_id` and the changed fields."""
        return self._object("POST", "job-interview-update", "idempotent_write", json=body)

    def set_state(
        self, position_id: str, *, status: str | None = None, is_embedded: bool | None = None
    ) -> dict[str, Any]:
        """job-interview-set-state: change the status and/or the embed key."""
        if status is None and is_embedded is None:
            raise ValueError("set_state needs a status or is_embedded")
        body: dict[str, Any] = {"position_id": position_id}
        if status is not None:
            body["status"] = status
        if is_embedded is not None:
            body["is_embedded"] = is_embedded
        return self._object("POST", "job-interview-set-state", "idempotent_write", json=body)

    def register_users(self, body: Mapping[str, Any]) -> list[dict[str, Any]]:
        """job-interview-register-users: one answer row per user. Not resent once it may
        have reached the API (it can email the candidate); may raise AmbiguousOutcomeError."""
        endpoint = "job-interview-register-users"
        rows = self._request("POST", endpoint, json=body, kind="create")
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise bodies.shape_error(endpoint, "not a list of one object per user")
        return rows

    # Reference data ---------------------------------------------------------------------

    def list_templates(self, *, include_public: bool = True) -> list[Template]:
        """Every avatar/voice template of the account (merchant-avatar-list, all pages)."""
        params = {"include_public": _flag(include_public)}
        items = self._list_all("merchant-avatar-list", params, 1000)
        return [bodies.template_from_item(item) for item in items]

    def list_languages(self) -> list[dict[str, Any]]:
        """platform-languages-list: the supported languages with their flags."""
        body = self._object("GET", "platform-languages-list", "read")
        languages = body.get("languages")
        if not isinstance(languages, list):
            raise bodies.shape_error("platform-languages-list", "no 'languages' list")
        return [item for item in languages if isinstance(item, dict)]

    # Parallelism ------------------------------------------------------------------------

    def map_parallel(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """`fn` over `items` on up to `parallelism` threads; results in item order. The first
        exception (in item order) is raised only after every call has finished."""
        return map_ordered(fn, items, workers=self._workers)

    def map_parallel_settled(
        self, fn: Callable[[T], R], items: Iterable[T]
    ) -> list[R | BaseException]:
        """Like map_parallel, but never raises: a failed call yields its exception."""
        return map_settled(fn, items, workers=self._workers)

    # The one door to httpx --------------------------------------------------------------

    def _list_all(
        self, endpoint: str, params: Mapping[str, str | int], page_size: int
    ) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        previous: list[dict[str, Any]] = []
        while True:
            page_params = {**params, "limit": page_size, "offset": len(items)}
            body = self._object("GET", endpoint, "read", params=page_params)
            page, has_more = bodies.page_items(body, endpoint)
            if page and page == previous:
                # An API that ignores `offset` would otherwise be listed for ever.
                raise bodies.shape_error(
                    endpoint,
                    f"the page at offset {len(items)} repeats the one before it (is `offset` "
                    "ignored?); `interviews doctor` checks paging",
                )
            items.extend(page)
            previous = page
            if not has_more or not page:  # an empty page that claims more would loop forever
                return items

    def _object(
        self,
        method: str,
        endpoint: str,
        kind: Kind,
        *,
        params: Params | None = None,
        json: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        body = self._request(method, endpoint, params=params, json=json, kind=kind)
        return _object_of(body, endpoint)

    def _request(
        self,
        method: str,
        endpoint: str,
        *,
        params: Params | None = None,
        json: Mapping[str, Any] | None = None,
        kind: Kind,
    ) -> Any:
        """Send with retries; return the decoded JSON body or raise the project's error."""
        renewed = False
        for attempt in itertools.count(1):
            pause: AbstractContextManager[None] = nullcontext()
            try:
                response = self._send(method, endpoint, params, json, attempt)
            except failures.AnswerTooLarge as exc:
                secret = self._credentials.secret
                ambiguous = kind == "create"
                raise failures.too_large(
                    exc, endpoint, ambiguous=ambiguous, secret=secret
                ) from None
            except httpx.RequestError as exc:
                self._raise_unless_resendable(exc, endpoint, kind, attempt)
                delay = self._policy.delay(attempt)
            else:
                if response.is_success:
                    return self._decode(response, endpoint, kind)
                if response.status_code == 401:
                    # A 401 is decided before the endpoint runs, so even a create is safe
                    # to send again, once, with renewed credentials.
                    if renewed or not self._credentials.renew(response.request):
                        raise self._credentials.rejected(response, endpoint)
                    renewed = True
                    continue
                self._raise_unless_retryable(response, endpoint, kind, attempt)
                retry_after = response.headers.get("Retry-After")
                delay = self._policy.delay(attempt, retry_after)
                if (
                    response.status_code in _PUSHBACK
                    and self._policy.retry_after_seconds(retry_after) is not None
                ):
                    pause = self._limiter.held()  # the API asked it of the whole client
            LOG.debug("%s %s: retrying in %.2f s", method, endpoint, delay)
            with pause:
                self._sleep(delay)
        raise AssertionError("unreachable: itertools.count never ends")

    def _send(
        self,
        method: str,
        endpoint: str,
        params: Params | None,
        json: Mapping[str, Any] | None,
        attempt: int,
    ) -> httpx.Response:
        self.stats.record_attempt(endpoint, is_retry=attempt > 1)
        started = time.perf_counter()
        outcome = "error"
        settings = self._settings
        if endpoint in _CREATES:
            timeout = deadline = settings.create_timeout_s
            late = f"no whole answer within {deadline:g} s (create_timeout_s)"
        else:
            deadline = settings.request_deadline_s
            timeout = min(settings.timeout_s, deadline)
            late = f"no whole answer within {deadline:g} s (request_deadline_s)"
        try:
            with self._limiter.slot() as ticket:
                request = self._http.build_request(
                    method,
                    f"{settings.api_url}/{endpoint}",
                    params=params,
                    json=json,
                    headers=self._headers(),
                    timeout=timeout,
                )
                response = self._loop.run(self._exchange(request, deadline, late))
            outcome = str(response.status_code)
            if response.status_code in _PUSHBACK:
                self._limiter.throttled(ticket)
            else:
                self._limiter.succeeded(ticket)
            return response
        except (httpx.RequestError, failures.AnswerTooLarge) as exc:
            outcome = type(exc).__name__
            raise
        finally:
            ms = (time.perf_counter() - started) * 1000
            LOG.debug("%s %s -> %s in %.0f ms (attempt %d)", method, endpoint, outcome, ms, attempt)

    async def _exchange(self, request: httpx.Request, deadline: float, late: str) -> httpx.Response:
        """Send `request` and read its whole answer within `deadline` seconds, connect and
        headers included; `late` explains a deadline passed.

        httpcore's trace extension tells a deadline passed while connecting (the server
        never saw the request: DeadlineBeforeSending, safe to resend even a create) from
        one passed later. A request nobody saw connecting (a reused connection, or a
        transport without httpcore) counts as sent."""
        phase = "unknown"

        async def trace(event: str, info: Mapping[str, Any]) -> None:
            nonlocal phase
            if event.endswith(_CONNECTING):
                phase = "connecting"
            elif event.endswith(_SENDING):
                phase = "sent"

        request.extensions["trace"] = trace
        bound = asyncio.timeout(deadline)
        try:
            async with bound:
                return await self._read_bounded(request)
        except TimeoutError:
            if not bound.expired():
                raise
            if phase == "connecting":
                raise failures.DeadlineBeforeSending(late, request=request) from None
            raise failures.DeadlinePassed(late, request=request) from None

    async def _read_bounded(self, request: httpx.Request) -> httpx.Response:
        """The answer to `request` as a response whose body is already read and decoded,
        refused past max_answer_mib."""
        limit = int(self._settings.max_answer_mib * _MIB)
        streamed = await self._http.send(request, stream=True)
        try:
            declared = streamed.headers.get("content-length", "")
            # A Content-Length of thousands of digits would itself break int().
            if declared.isdigit() and (len(declared) > 18 or int(declared) > limit):
                raise failures.AnswerTooLarge(streamed.status_code, self._settings.max_answer_mib)
            body = bytearray()
            async for chunk in streamed.aiter_bytes():
                # Checked before keeping the chunk: a decompressed chunk can be a thousand
                # times the bytes that carried it.
                if len(body) + len(chunk) > limit:
                    raise failures.AnswerTooLarge(
                        streamed.status_code, self._settings.max_answer_mib
                    )
                body += chunk
        finally:
            await streamed.aclose()
        headers = [
            (name, value)
            for name, value in streamed.headers.multi_items()
            if name.lower() not in _DROPPED_HEADERS
        ]
        return httpx.Response(
            streamed.status_code, headers=headers, content=bytes(body), request=request
        )

    def _headers(self) -> dict[str, str]:
        return {
            **self._credentials.headers(),
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }

    def _decode(self, response: httpx.Response, endpoint: str, kind: Kind) -> Any:
        if kind == "create":
            try:
                return failures.parse_json(response.content)
            except failures.UnreadableJson as exc:
                # it was created, but we cannot tell which id it got
                raise failures.ambiguous_after_answer(
                    response, endpoint, secret=self._credentials.secret
                ) from exc
        return failures.decode_json(response, endpoint, self._credentials.secret)

    def _raise_unless_resendable(
        self, exc: httpx.RequestError, endpoint: str, kind: Kind, attempt: int
    ) -> None:
        secret = self._credentials.secret
        if kind == "create" and not isinstance(exc, failures.NOT_SENT):
            raise failures.ambiguous_after_error(exc, endpoint, secret=secret) from exc
        if not isinstance(exc, httpx.TransportError) or not self._policy.can_retry(attempt):
            raise failures.transport_error(exc, endpoint, secret=secret, attempts=attempt) from exc

    def _raise_unless_retryable(
        self, response: httpx.Response, endpoint: str, kind: Kind, attempt: int
    ) -> None:
        status = response.status_code
        secret = self._credentials.secret
        if status in RETRYABLE_STATUSES and kind == "create" and status != 429:
            raise failures.ambiguous_after_answer(response, endpoint, secret=secret)
        if status not in RETRYABLE_STATUSES or not self._policy.can_retry(attempt):
            raise failures.status_error(response, endpoint, secret=secret, attempts=attempt)


def _async_http(
    settings: Settings, transport: httpx.AsyncBaseTransport | None
) -> httpx.AsyncClient:
    """httpx with `transport`, or its own (which honours proxy settings of the environment)
    with a pool of one connection per thread the client runs. Retries are ours (the retry
    policy), not the transport's. The bearer token is the whole authentication, so the
    cookie jar refuses every cookie rather than send one back. Loopback never goes through
    a proxy: a proxy variable left in the environment would otherwise see the token sent
    in clear text to a local API or emulator."""
    limits = httpx.Limits(
        max_connections=settings.parallelism, max_keepalive_connections=settings.parallelism
    )
    no_cookies = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))
    # A mount of None means httpx's own transport, without a proxy, for those hosts.
    host = httpx.URL(settings.api_url).host
    pattern = f"[{host}]" if ":" in host else host  # as mount patterns spell IPv6
    hosts = {*_LOOPBACK_HOSTS, pattern} if is_loopback(host) else ()
    return httpx.AsyncClient(
        transport=transport,
        timeout=settings.timeout_s,
        limits=limits,
        cookies=no_cookies,
        follow_redirects=False,
        mounts={f"all://{host}": None for host in hosts},
    )


def _object_of(body: Any, endpoint: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bodies.shape_error(endpoint, f"a JSON {type(body).__name__} instead of an object")
    return body


def _flag(value: bool) -> str:
    """Booleans travel in query strings as the words the API expects."""
    return "true" if value else "false"
