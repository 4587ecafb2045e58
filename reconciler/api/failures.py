"""Turning what httpx gives us into the project's errors, once, with actionable messages.

Pure: builds exceptions from responses and httpx exceptions, performs no I/O. Every text
that leaves this module passes through `Secret.redact`, and response bodies are quoted
only as a short, whitespace-collapsed snippet.
"""

from __future__ import annotations

import json
import math
from typing import Any
from typing import Final

import httpx

from reconciler.config import Secret
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import ApiError
from reconciler.errors import TransportError

SNIPPET_CHARS: Final = 200
MAX_JSON_DEPTH: Final = 100
"""Far deeper than any answer of the API, and far under the interpreter's recursion limit,
which code that walks an answer (a copy, a comparison) would otherwise meet."""


AMBIGUOUS_HINT: Final = (
    "the interview may or may not have been created; apply re-discovers interviews by "
    "their marker before it retries, so no duplicate is left behind"
)


class AnswerTooLarge(Exception):
    """An answer over max_answer_mib, counted after decompression or announced by its
    Content-Length. Final, never retried: the same request would get the same answer, and
    reading it again costs the same time and memory."""

    def __init__(self, status: int, limit_mib: float) -> None:
        self.status = status
        self.limit_mib = limit_mib
        super().__init__(f"an answer over {limit_mib:g} MiB")


class DeadlinePassed(httpx.ReadTimeout):
    """A request whose connect, send, headers and body took longer than its deadline. A
    timeout like any other: retried where a timeout is (a slow moment may pass), and
    ambiguous for a create."""


class DeadlineBeforeSending(DeadlinePassed):
    """A deadline passed while a new connection was being made (TCP, TLS): the request
    was not written, so even a create is safe to resend."""


# A create that failed with one of these provably never reached the server: safe to resend.
NOT_SENT: Final = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
    DeadlineBeforeSending,
)


class UnreadableJson(ValueError):
    """A body that is not plain JSON; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def parse_json(content: bytes) -> Any:
    """`content` as JSON, or UnreadableJson however exotic the failure: invalid UTF-8, a
    number of thousands of digits (Python's int-string limit), NaN or Infinity (JSON has
    neither), or nesting deeper than MAX_JSON_DEPTH."""
    try:
        value = json.loads(content, parse_constant=_no_constant, parse_float=_finite_float)
    except UnreadableJson:
        raise
    except UnicodeDecodeError as exc:
        raise UnreadableJson("not UTF-8") from exc
    except json.JSONDecodeError as exc:
        raise UnreadableJson(f"{exc.msg} at line {exc.lineno} column {exc.colno}") from exc
    except ValueError as exc:  # the int-string conversion limit
        raise UnreadableJson("a number too long to read") from exc
    except RecursionError as exc:
        raise UnreadableJson("nested too deep") from exc
    if not _within_depth(value, MAX_JSON_DEPTH):
        raise UnreadableJson("nested too deep")
    return value


def _within_depth(value: Any, limit: int) -> bool:
    """Whether `value` nests no more than `limit` lists and objects (walked without
    recursion, so that the check itself cannot run out of stack)."""
    if not isinstance(value, dict | list):
        return True
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        container, depth = pending.pop()
        if depth > limit:
            return False
        children = container.values() if isinstance(container, dict) else container
        pending.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return True


def _no_constant(name: str) -> Any:
    raise UnreadableJson(f"{name}, which JSON does not have")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnreadableJson("a number too large to read")
    return value


def decode_json(response: httpx.Response, endpoint: str, secret: Secret) -> Any:
    """The response body as JSON, or TransportError naming the status and content type."""
    try:
        return parse_json(response.content)
    except UnreadableJson as exc:
        raise TransportError(
            secret.redact(_not_json(response, endpoint, exc)),
            endpoint=endpoint,
            status=response.status_code,
        ) from exc


def too_large(
    exc: AnswerTooLarge, endpoint: str, *, ambiguous: bool, secret: Secret
) -> TransportError:
    """The error for an answer refused for its size; for a create it may have happened."""
    what = f"{endpoint} answered {exc.status} with more than {exc.limit_mib:g} MiB"
    if ambiguous:
        return _ambiguous(f"{what}, which was not read", endpoint, secret, status=exc.status)
    message = (
        f"{what}, which was not read (max_answer_mib); if the API really sends that much, "
        f"raise max_answer_mib in reconciler.toml or IAC_MAX_ANSWER_MIB"
    )
    return TransportError(secret.redact(message), endpoint=endpoint, status=exc.status)


def status_error(
    response: httpx.Response, endpoint: str, *, secret: Secret, attempts: int = 1
) -> ApiError:
    """The error for a non-2xx answer that will not be retried (any more)."""
    status = response.status_code
    gave_up = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
    body = _error_body(response)
    if isinstance(body, UnreadableJson):
        message = _not_json(response, endpoint, body) + gave_up
        return TransportError(secret.redact(message), endpoint=endpoint, status=status)
    text, field = body
    where = f" (field '{field}')" if field else ""
    message = f"{endpoint} answered {status}{_reason(status)}: {text}{where}{gave_up}"
    return ApiError(secret.redact(message), endpoint=endpoint, status=status, field=field)


def transport_error(
    exc: httpx.RequestError, endpoint: str, *, secret: Secret, attempts: int
) -> TransportError:
    """The error for a request that got no answer, after the last attempt."""
    gave_up = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
    message = f"{endpoint}: {describe(exc)}{gave_up}"
    return TransportError(secret.redact(message), endpoint=endpoint)


def ambiguous_after_error(
    exc: httpx.RequestError, endpoint: str, *, secret: Secret
) -> AmbiguousOutcomeError:
    """A create whose request was (or may have been) sent, then the connection failed."""
    return _ambiguous(f"{endpoint}: {describe(exc)} after the request was sent", endpoint, secret)


def ambiguous_after_answer(
    response: httpx.Response, endpoint: str, *, secret: Secret
) -> AmbiguousOutcomeError:
    """A create answered by a server error (or an unreadable success): it may have happened."""
    status = response.status_code
    body = _error_body(response)
    if isinstance(body, UnreadableJson):
        what = f"answered {status} with {_content_type(response)} instead of JSON"
    else:
        what = f"answered {status}: {body[0]}"
    return _ambiguous(f"{endpoint} {what}", endpoint, secret, status=status)


def _ambiguous(
    failure: str, endpoint: str, secret: Secret, *, status: int | None = None
) -> AmbiguousOutcomeError:
    """The error of a create that may have happened: the failure, then what to do."""
    message = secret.redact(f"{failure}; {AMBIGUOUS_HINT}")
    error = AmbiguousOutcomeError(message, endpoint=endpoint, status=status)
    error.failure = secret.redact(failure)
    return error


def describe(exc: httpx.RequestError) -> str:
    """A short account of a failed request, without the URL's query or any header."""
    if isinstance(exc, DeadlinePassed):
        return _first_line(exc)
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer in time ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {_origin(exc)} ({_first_line(exc)})"
    return f"connection failed ({type(exc).__name__}: {_first_line(exc)})"


def snippet(text: str) -> str:
    """`text` on one line, cut to SNIPPET_CHARS characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 3] + "..."


def _not_json(response: httpx.Response, endpoint: str, exc: UnreadableJson) -> str:
    status = response.status_code
    body = snippet(response.text) or "(empty body)"
    content_type = _content_type(response)
    if "json" in content_type:
        return f"{endpoint} answered {status} with JSON it cannot read ({exc.reason}): {body}"
    hint = " (is the API URL right?)" if status < 500 else ""
    return f"{endpoint} answered {status} with {content_type} instead of JSON{hint}: {body}"


def _error_body(response: httpx.Response) -> tuple[str, str | None] | UnreadableJson:
    """The API's `(error, name)` from an error answer, or why the body is not JSON."""
    try:
        body = parse_json(response.content)
    except UnreadableJson as exc:
        return exc
    if isinstance(body, dict) and isinstance(body.get("error"), str):
        name = body.get("name")
        return body["error"], name if isinstance(name, str) and name else None
    return snippet(response.text), None


def _reason(status: int) -> str:
    return " (rate limited)" if status == 429 else ""


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "").split(";")[0].strip() or "no content type"


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _origin(exc: httpx.RequestError) -> str:
    """Scheme, host and port of the failed request (no path, no query)."""
    try:
        url = exc.request.url
    except RuntimeError:  # raised by httpx when the error carries no request
        return "the API"
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"  # never userinfo: it could hold a secret
