"""The JobMojito API client: the fetch and apply stages' only door to the network.

One class over an injected `httpx.Client` (tests pass an `httpx.MockTransport`). Every call
goes through `_request`, the single place that sends, logs, retries and maps failures to
the project's errors. Synchronous httpx plus threads (`map_parallel`) rather than asyncio:
the work is waiting on HTTP, a newcomer can read each call top to bottom, and a few dozen
threads are cheap. One `Limiter` per client bounds requests in flight and per second
across all of its threads.

Creates are not idempotent in the API, so a create is resent only when the request
provably never reached the server; otherwise the caller gets AmbiguousOutcomeError and
re-discovers by marker before trying again (DESIGN.md section 8).
"""

from __future__ import annotations

import itertools
import json
import logging
import socket
import time
import urllib.request
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from types import TracebackType
from typing import Any
from typing import Final
from typing import Literal
from typing import NamedTuple
from typing import TypeVar
from typing import overload
from urllib.parse import quote
from urllib.parse import urlencode

import httpx
import orjson

from reconciler import __version__
from reconciler.api import bodies
from reconciler.api import failures
from reconciler.api.limiter import Limiter
from reconciler.api.multiplex import exchange_many
from reconciler.api.parallel import map_ordered
from reconciler.api.parallel import map_settled
from reconciler.api.retry import RETRYABLE_STATUSES
from reconciler.api.retry import RetryPolicy
from reconciler.api.stats import RequestStats
from reconciler.api.transport import Answer
from reconciler.api.transport import LeanTransport
from reconciler.api.transport import origin_of
from reconciler.config import Settings
from reconciler.errors import ApiError
from reconciler.errors import TransportError
from reconciler.live import Template

T = TypeVar("T")
R = TypeVar("R")
Kind = Literal["read", "idempotent_write", "create"]
Params = Mapping[str, str | int]

LOG: Final = logging.getLogger("reconciler.api")
USER_AGENT: Final = f"interviews-as-code/{__version__}"
_NO_DELAY: Final = (socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
_READ: Final = httpx.ByteStream(b"")
_GET: Final = "job-interview-get"


class JobMojitoClient:
    """Typed calls to the JobMojito endpoints the reconciler uses.

    `http` is closed by `close()` only when the client created it. `sleep` is used for the
    waits between retries (tests pass a recorder); the limiter keeps real time.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._owns_http = http is None
        self._direct: LeanTransport | None = None
        """Our own connections, which get_interviews drives from one thread; None when
        requests must go through httpx (an injected client, a proxy)."""
        if http is None and _proxied(settings.api_url):
            http = _CookielessClient(timeout=settings.timeout_s, follow_redirects=False)
        elif http is None:
            self._direct = LeanTransport(max_idle=settings.parallelism, socket_options=[_NO_DELAY])
            http = _default_http(settings, self._direct)
        self._http = http
        self._sleep = sleep
        self._policy = RetryPolicy(max_attempts=settings.max_attempts)
        self._limiter = Limiter(parallelism=settings.parallelism, max_rps=settings.max_rps)
        self.stats = RequestStats()
        self._urls: dict[str, httpx.URL] = {}

    def close(self) -> None:
        """Close the HTTP client if this object created it (an injected one is the caller's)."""
        if self._owns_http:
            self._http.close()

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

    def get_interview(self, position_id: str) -> dict[str, Any]:
        """The job-interview-get definition (it does not echo the id)."""
        return self._object("GET", _GET, "read", params={"position_id": position_id})

    @overload
    def get_interviews(
        self, position_ids: Sequence[str], *, idle: Callable[[], bool] | None = None
    ) -> Iterator[tuple[int, dict[str, Any] | ApiError]]: ...
    @overload
    def get_interviews(
        self,
        position_ids: Sequence[str],
        *,
        idle: Callable[[], bool] | None = None,
        defer: Callable[[bytes], bool],
    ) -> Iterator[tuple[int, dict[str, Any] | bytes | ApiError]]: ...
    def get_interviews(
        self,
        position_ids: Sequence[str],
        *,
        idle: Callable[[], bool] | None = None,
        defer: Callable[[bytes], bool] | None = None,
    ) -> Iterator[tuple[int, dict[str, Any] | bytes | ApiError]]:
        """`get_interview` of each id, up to `parallelism` at a time, as `(index of the id,
        definition or the error get_interview would raise)` in the order answers arrive.

        With `defer`, the body of a clean 200 answer (no Content-Encoding, starting like a
        JSON object) for which `defer(body)` is true comes as the bytes themselves, left
        for the caller to decode with `decode_object` if it ever needs them.

        Over the client's own connections the first attempts go out from this one thread
        (api/multiplex.py), which calls `idle()` for other work while no answer is ready;
        retries, and every request when the client was given its httpx.Client or goes
        through a proxy, take the threaded path (without `idle`). Leaving the iteration
        early (or an exception from `idle`) drops the requests in flight.
        """
        transport = self._direct
        if transport is None:
            yield from self._get_each_threaded(list(enumerate(position_ids)))
            return
        endpoint = _GET
        url = self._endpoint_url(endpoint)
        head = self._raw_head(url)
        retry: list[tuple[int, float]] = []

        requests = (
            (index, head % (b"position_id=" + _query_value(position_id)))
            for index, position_id in enumerate(position_ids)
        )
        answers = exchange_many(
            transport,
            origin_of(url),
            requests,
            limiter=self._limiter,
            width=self._settings.parallelism,
            timeout_s=self._settings.timeout_s,
            idle=idle,
        )
        for index, answer in answers:
            self.stats.record_attempt(endpoint, is_retry=False)
            outcome = self._first_read_outcome(answer, url, endpoint, defer)
            if isinstance(outcome, _RetryAfter):
                retry.append((index, outcome.seconds))
            else:
                yield index, outcome
        yield from self._get_each_threaded(
            [(index, position_ids[index]) for index, _ in retry], delays=dict(retry)
        )

    def _first_read_outcome(
        self,
        answer: Answer | httpx.TransportError,
        url: httpx.URL,
        endpoint: str,
        defer: Callable[[bytes], bool] | None,
    ) -> dict[str, Any] | bytes | ApiError | _RetryAfter:
        """What a multiplexed first attempt gave, by the rules `_request` applies (a clean
        body that `defer` picks stays undecoded)."""
        if LOG.isEnabledFor(logging.DEBUG):
            status = type(answer).__name__ if isinstance(answer, Exception) else answer.status
            LOG.debug("GET %s -> %s (attempt 1, multiplexed)", endpoint, status)
        try:
            if isinstance(answer, httpx.TransportError):
                self._raise_unless_resendable(answer, endpoint, "read", 1)
                return _RetryAfter(self._policy.delay(1))
            body = _clean_body(answer)
            if body is not None:
                if defer is not None and defer(body):
                    return body
                definition = _json_object(body)
                if definition is not None:
                    return definition
            response = _response_of(answer, url)
            if response.is_success:
                return _object_of(self._decode(response, endpoint, "read"), endpoint)
            self._raise_unless_retryable(response, endpoint, "read", 1)
            return _RetryAfter(self._policy.delay(1, response.headers.get("Retry-After")))
        except ApiError as exc:
            return exc

    def _get_each_threaded(
        self,
        indexed_ids: list[tuple[int, str]],
        delays: Mapping[int, float] | None = None,
    ) -> Iterator[tuple[int, dict[str, Any] | ApiError]]:
        """get_interview on the client's threads. With `delays`, each id's first attempt
        already failed: its read waits that many seconds, then goes on from attempt 2."""

        def read(indexed_id: tuple[int, str]) -> dict[str, Any]:
            index, position_id = indexed_id
            params = {"position_id": position_id}
            if delays is not None:
                self._sleep(delays[index])
            first_attempt = 1 if delays is None else 2
            return self._object("GET", _GET, "read", params=params, first_attempt=first_attempt)

        outcomes = self.map_parallel_settled(read, indexed_ids)
        for (index, _), outcome in zip(indexed_ids, outcomes, strict=True):
            if isinstance(outcome, BaseException) and not isinstance(outcome, ApiError):
                raise outcome
            if outcome is not None:
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

    def create_for_candidate(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """job-interview-create-for-candidate-with-token; may raise AmbiguousOutcomeError."""
        endpoint = "job-interview-create-for-candidate-with-token"
        return self._object("POST", endpoint, "create", json=body)

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
        return map_ordered(fn, items, workers=self._settings.parallelism)

    def map_parallel_settled(
        self, fn: Callable[[T], R], items: Iterable[T]
    ) -> list[R | BaseException]:
        """Like map_parallel, but never raises: a failed call yields its exception."""
        return map_settled(fn, items, workers=self._settings.parallelism)

    # The one door to httpx --------------------------------------------------------------

    def _list_all(
        self, endpoint: str, params: Mapping[str, str | int], page_size: int
    ) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        while True:
            page_params = {**params, "limit": page_size, "offset": len(items)}
            body = self._object("GET", endpoint, "read", params=page_params)
            page, has_more = bodies.page_items(body, endpoint)
            items.extend(page)
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
        first_attempt: int = 1,
    ) -> dict[str, Any]:
        body = self._request(
            method, endpoint, params=params, json=json, kind=kind, first_attempt=first_attempt
        )
        return _object_of(body, endpoint)

    def _request(
        self,
        method: str,
        endpoint: str,
        *,
        params: Params | None = None,
        json: Mapping[str, Any] | None = None,
        kind: Kind,
        first_attempt: int = 1,
    ) -> Any:
        """Send with retries; return the decoded JSON body or raise the project's error.
        A `first_attempt` above 1 continues the attempts of a request already sent."""
        for attempt in itertools.count(first_attempt):
            try:
                response = self._send(method, endpoint, params, json, attempt)
            except httpx.RequestError as exc:
                self._raise_unless_resendable(exc, endpoint, kind, attempt)
                delay = self._policy.delay(attempt)
            else:
                if response.is_success:
                    return self._decode(response, endpoint, kind)
                self._raise_unless_retryable(response, endpoint, kind, attempt)
                delay = self._policy.delay(attempt, response.headers.get("Retry-After"))
            LOG.debug("%s %s: retrying in %.2f s", method, endpoint, delay)
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
        try:
            with self._limiter.slot():
                response = self._http.request(
                    method,
                    self._url(endpoint, params),
                    json=json,
                    headers=self._headers(),
                    timeout=self._settings.timeout_s,
                )
            outcome = str(response.status_code)
            # The answer is read in full. httpx's response and its stream refer to each
            # other, so without this the body would wait for the cycle collector, which
            # is paused while specs load: at 5,000 interviews, 100 MiB of bodies.
            response.stream = _READ
            return response
        except httpx.RequestError as exc:
            outcome = type(exc).__name__
            raise
        finally:
            ms = (time.perf_counter() - started) * 1000
            LOG.debug("%s %s -> %s in %.0f ms (attempt %d)", method, endpoint, outcome, ms, attempt)

    def _endpoint_url(self, endpoint: str) -> httpx.URL:
        """The endpoint's URL without a query, parsed once per endpoint."""
        url = self._urls.get(endpoint)
        if url is None:
            url = self._urls[endpoint] = httpx.URL(f"{self._settings.api_url}/{endpoint}")
        return url

    def _url(self, endpoint: str, params: Params | None) -> httpx.URL:
        """The endpoint's URL with its query, encoded here because httpx's `params=`
        merging parses the URL again and costs a tenth of a read's CPU."""
        url = self._endpoint_url(endpoint)
        if not params:
            return url
        return httpx.URL(f"{url}?{urlencode(params, quote_via=quote)}")

    def _headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self._settings.token.reveal()}",
            "Accept": "application/json",
            "User-Agent": USER_AGENT,
        }

    def _raw_head(self, url: httpx.URL) -> bytes:
        """A GET request for `url` as bytes, with `%s` where its query goes: the headers
        httpx would send, less Accept-Encoding (an encoded answer is still understood)."""
        lines = [b"GET " + url.raw_path.replace(b"%", b"%%") + b"?%s HTTP/1.1"]
        lines.append(b"Host: " + url.netloc.replace(b"%", b"%%"))
        for name, value in self._headers().items():
            lines.append(f"{name}: {value}".replace("%", "%%").encode("latin-1"))
        return b"\r\n".join(lines) + b"\r\n\r\n"

    def _decode(self, response: httpx.Response, endpoint: str, kind: Kind) -> Any:
        if kind == "create":
            try:
                return response.json()
            except ValueError as exc:  # it was created, but we cannot tell which id it got
                raise failures.ambiguous_after_answer(
                    response, endpoint, secret=self._settings.token
                ) from exc
        return failures.decode_json(response, endpoint, self._settings.token)

    def _raise_unless_resendable(
        self, exc: httpx.RequestError, endpoint: str, kind: Kind, attempt: int
    ) -> None:
        secret = self._settings.token
        if kind == "create" and not isinstance(exc, failures.NOT_SENT):
            raise failures.ambiguous_after_error(exc, endpoint, secret=secret) from exc
        if not isinstance(exc, httpx.TransportError) or not self._policy.can_retry(attempt):
            raise failures.transport_error(exc, endpoint, secret=secret, attempts=attempt) from exc

    def _raise_unless_retryable(
        self, response: httpx.Response, endpoint: str, kind: Kind, attempt: int
    ) -> None:
        status = response.status_code
        secret = self._settings.token
        if status in RETRYABLE_STATUSES and kind == "create" and status != 429:
            raise failures.ambiguous_after_answer(response, endpoint, secret=secret)
        if status not in RETRYABLE_STATUSES or not self._policy.can_retry(attempt):
            raise failures.status_error(
                response,
                endpoint,
                api_url=self._settings.api_url,
                secret=secret,
                attempts=attempt,
            )


def _default_http(settings: Settings, transport: LeanTransport) -> httpx.Client:
    """httpx over the lean transport (api/transport.py). The transport keeps one
    connection per request in flight, and sets TCP_NODELAY as urllib3 does: Nagle's
    algorithm would hold back a request's second segment for the server's delayed ACK."""
    return _CookielessClient(
        timeout=settings.timeout_s, transport=transport, follow_redirects=False
    )


class _NoCookies(httpx.Cookies):
    """A jar that stays empty."""

    def extract_cookies(self, response: httpx.Response) -> None:
        return None


class _CookielessClient(httpx.Client):
    """httpx.Client without a cookie jar. The API authenticates each request by its bearer
    token, so there is nothing to keep between requests; httpx copies every answer into
    urllib's cookie machinery all the same, a tenth of a read's CPU (issue 8)."""

    @property
    def cookies(self) -> httpx.Cookies:
        return _NO_COOKIES

    @cookies.setter
    def cookies(self, cookies: object) -> None:
        raise TypeError("this client keeps no cookies")


_NO_COOKIES: Final = _NoCookies()


def _proxied(api_url: str) -> bool:
    """Whether the environment names a proxy httpx may use for this URL: then httpx's
    own transport, which honours it, sends everything. Erring towards yes costs speed
    only (NO_PROXY is left for httpx to apply)."""
    proxies = urllib.request.getproxies()
    scheme = api_url.split(":", 1)[0].lower()
    return scheme in proxies or "all" in proxies


class _RetryAfter(NamedTuple):
    """A read to send again after `seconds`, its first attempt having failed."""

    seconds: float


def _object_of(body: Any, endpoint: str) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bodies.shape_error(endpoint, f"a JSON {type(body).__name__} instead of an object")
    return body


def decode_object(body: bytes, endpoint: str) -> dict[str, Any]:
    """The JSON object in a clean 200 answer's body that get_interviews() deferred; the
    error a read would have raised when it is not one."""
    try:
        value = orjson.loads(body)
    except orjson.JSONDecodeError:
        try:  # what orjson refuses (NaN, say) json may take, as on the fuller path
            value = json.loads(body)
        except ValueError:
            message = f"{endpoint} answered 200 with a body that is not JSON"
            raise TransportError(message, endpoint=endpoint, status=200) from None
    return _object_of(value, endpoint)


def _clean_body(answer: Answer) -> bytes | None:
    """The body of a 200 answer without a Content-Encoding that starts like a JSON object,
    or None when it takes httpx's slower, fuller handling."""
    if answer.status != 200 or answer.body[:1] != b"{":
        return None
    if any(name.lower() == b"content-encoding" for name, _ in answer.headers):
        return None
    return answer.body


def _json_object(body: bytes) -> dict[str, Any] | None:
    """A clean body's JSON object, or None when it takes httpx's slower, fuller handling
    (a body that is not a JSON object)."""
    try:
        # orjson, not json: decoding is a third of a read's CPU, and orjson takes 40 % of
        # json's time on a definition. What it refuses (NaN, UTF-16, a byte-order mark)
        # reaches the fuller path's json. Integers beyond 64 bits come out as floats where
        # json keeps them exact: no definition field counts that high.
        value = orjson.loads(body)
    except orjson.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def _response_of(answer: Answer, url: httpx.URL) -> httpx.Response:
    """The answer as the httpx.Response the client's error rules read (rare: not a 200)."""
    response = answer.response(httpx.Request("GET", url))
    response.read()
    return response


def _query_value(value: str) -> bytes:
    """`value` as urlencode(quote_via=quote) writes it in a query string. Ids are plain
    ASCII letters and digits, which need no quoting (and quote() is a tenth of a read's
    own CPU)."""
    if value.isascii() and value.isalnum():
        return value.encode("ascii")
    return quote(value, safe="").encode("ascii")


def _flag(value: bool) -> str:
    """Booleans travel in query strings as the words the API expects."""
    return "true" if value else "false"
