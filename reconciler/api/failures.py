"""Turning what httpx gives us into the project's errors, once, with actionable messages.

Pure: builds exceptions from responses and httpx exceptions, performs no I/O. Every text
that leaves this module passes through `Secret.redact`, and response bodies are quoted
only as a short, whitespace-collapsed snippet.
"""

from __future__ import annotations

import json
from typing import Any
from typing import Final

import httpx

from reconciler.config import Secret
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import ApiError
from reconciler.errors import AuthError
from reconciler.errors import TransportError

SNIPPET_CHARS: Final = 200

# A create that failed with one of these provably never reached the server: safe to resend.
NOT_SENT: Final = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)

AMBIGUOUS_HINT: Final = (
    "the interview may or may not have been created; apply re-discovers interviews by "
    "their marker before it retries, so no duplicate is left behind"
)


def decode_json(response: httpx.Response, endpoint: str, secret: Secret) -> Any:
    """The response body as JSON, or TransportError naming the status and content type."""
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise TransportError(
            secret.redact(_not_json(response, endpoint)),
            endpoint=endpoint,
            status=response.status_code,
        ) from exc


def status_error(
    response: httpx.Response, endpoint: str, *, api_url: str, secret: Secret, attempts: int = 1
) -> ApiError:
    """The error for a non-2xx answer that will not be retried (any more)."""
    status = response.status_code
    if status == 401:
        return AuthError(
            f"JobMojito rejected the token (401 from {endpoint}): it is missing, expired, or "
            f"for another environment. Set JOBMOJITO_TOKEN to a token for {api_url}.",
            endpoint=endpoint,
            status=status,
        )
    gave_up = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
    body = _error_body(response)
    if body is None:
        message = _not_json(response, endpoint) + gave_up
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
    message = f"{endpoint}: {describe(exc)} after the request was sent; {AMBIGUOUS_HINT}"
    return AmbiguousOutcomeError(secret.redact(message), endpoint=endpoint)


def ambiguous_after_answer(
    response: httpx.Response, endpoint: str, *, secret: Secret
) -> AmbiguousOutcomeError:
    """A create answered by a server error (or an unreadable success): it may have happened."""
    status = response.status_code
    body = _error_body(response)
    if body is None:
        what = f"answered {status} with {_content_type(response)} instead of JSON"
    else:
        what = f"answered {status}: {body[0]}"
    message = f"{endpoint} {what}; {AMBIGUOUS_HINT}"
    return AmbiguousOutcomeError(secret.redact(message), endpoint=endpoint, status=status)


def describe(exc: httpx.RequestError) -> str:
    """A short account of a failed request, without the URL's query or any header."""
    if isinstance(exc, httpx.TimeoutException):
        return f"no answer in time ({type(exc).__name__})"
    if isinstance(exc, httpx.ConnectError):
        return f"cannot connect to {_origin(exc)} ({_first_line(exc)})"
    return f"connection failed ({type(exc).__name__}: {_first_line(exc)})"


def snippet(text: str) -> str:
    """`text` on one line, cut to SNIPPET_CHARS characters."""
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 3] + "..."


def _not_json(response: httpx.Response, endpoint: str) -> str:
    status = response.status_code
    hint = " (is the API URL right?)" if status < 500 else ""
    body = snippet(response.text) or "(empty body)"
    return (
        f"{endpoint} answered {status} with {_content_type(response)} instead of JSON{hint}: {body}"
    )


def _error_body(response: httpx.Response) -> tuple[str, str | None] | None:
    """The API's `(error, name)` from an error answer; None when the body is not JSON."""
    try:
        body = response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
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
