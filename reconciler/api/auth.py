"""Credentials: the headers every request carries, and a service user's sign-in.

Two kinds, one interface (`headers`, `renew`, `secret`, `rejected`):

- `StaticToken`: JOBMOJITO_TOKEN as given. It cannot be renewed, so a JWT about to expire
  is caught before a run starts (`token_life`).
- `ServiceUser`: JOBMOJITO_EMAIL + JOBMOJITO_PASSWORD, signed in with Supabase Auth's
  password grant (`POST <auth_url>/token?grant_type=password`). Access tokens live about
  an hour, so the user signs in again shortly before the current one expires, and once
  more when the API answers 401 anyway (a clock that differs, a token revoked).

Both add JOBMOJITO_API_KEY as the `apikey` header, which the Supabase gateway in front
of the Edge Functions may demand. Every client thread shares one object: a lock makes
sure only one sign-in runs at a time, and the others wait for its token rather than
sign in too. The password, the API key and every token ever issued are in `secret`,
which the client redacts from each message it raises. I/O: the sign-in requests only.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from abc import ABC
from abc import abstractmethod
from collections import deque
from collections.abc import Callable
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from typing import Any
from typing import Final

import httpx

from reconciler.api import failures
from reconciler.api.retry import RETRYABLE_STATUSES
from reconciler.api.retry import RetryPolicy
from reconciler.api.tokens import token_expiry
from reconciler.config import API_KEY_ENV
from reconciler.config import AUTH_URL_ENV
from reconciler.config import EMAIL_ENV
from reconciler.config import PASSWORD_ENV
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.config import is_loopback
from reconciler.errors import ApiError
from reconciler.errors import AuthError
from reconciler.errors import TransportError

MAX_RENEW_MARGIN_S: Final = 60.0
"""Sign in again this long before the token expires at most: a request that starts just
before the expiry must still be accepted."""
RENEW_SHARE: Final = 0.25
"""...and at most this share of the token's lifetime before, so that a short-lived token
is not renewed before every single request."""
KEPT_TOKENS: Final = 32
"""Issued tokens kept for redaction: enough for a day of hourly tokens."""
SIGN_IN_ENDPOINT: Final = "token"
_MAX_SIGN_IN_ANSWER: Final = 1024 * 1024
_REFUSALS: Final = frozenset({400, 401, 403, 422})
_ANSWER_WORDS: Final = ("error_description", "msg", "message", "error")
"""Where Supabase's services put their explanation, in the order worth showing."""


class Credentials(ABC):
    """What authenticates a request: the bearer token and the optional API key."""

    def __init__(self, api_key: Secret, api_url: str) -> None:
        self._api_key = api_key
        self._api_url = api_url

    def headers(self) -> dict[str, str]:
        """The authentication headers of the next request (may sign in first)."""
        headers = {"Authorization": f"Bearer {self._bearer()}"}
        if self._api_key:
            headers["apikey"] = self._api_key.reveal()
        return headers

    def renew(self, rejected: httpx.Request) -> bool:
        """After a 401 to `rejected`: get a token worth retrying with; False if none can be."""
        return False

    @property
    @abstractmethod
    def secret(self) -> Secret:
        """Every credential value, for `Secret.redact` on messages about to leave."""

    def rejected(self, response: httpx.Response, endpoint: str) -> AuthError:
        """The error for a 401 that no renewal cured."""
        words = self.secret.redact(_answer_words(response))
        if "api key" in words.lower() or "apikey" in words.lower():
            return AuthError(
                f"JobMojito's gateway refused the request (401 from {endpoint}): {words}. "
                + _api_key_fix(bool(self._api_key), self._api_url),
                endpoint=endpoint,
                status=401,
            )
        return AuthError(self._rejected_token(endpoint), endpoint=endpoint, status=401)

    @abstractmethod
    def _bearer(self) -> str:
        """The token for the next request."""

    @abstractmethod
    def _rejected_token(self, endpoint: str) -> str:
        """What to say when the API refuses the token itself."""


class StaticToken(Credentials):
    """A token from JOBMOJITO_TOKEN (or SUPABASE_JWT), used as it is."""

    def __init__(self, token: Secret, api_key: Secret, api_url: str) -> None:
        super().__init__(api_key, api_url)
        self._token = token
        self._secret = Secret(token.reveal(), api_key.reveal())

    def __repr__(self) -> str:
        return f"StaticToken(api_url={self._api_url!r})"

    @property
    def secret(self) -> Secret:
        return self._secret

    def _bearer(self) -> str:
        return self._token.reveal()

    def _rejected_token(self, endpoint: str) -> str:
        return (
            f"JobMojito rejected the token (401 from {endpoint}): it is missing, expired, or "
            f"for another environment. Set JOBMOJITO_TOKEN to a token for {self._api_url}."
        )


class ServiceUser(Credentials):
    """A service user that signs in with its password and renews its token in time.

    `transport` carries the sign-in requests (tests pass the emulator's); `clock` is the
    wall clock in seconds, `sleep` waits between sign-in attempts."""

    def __init__(
        self,
        settings: Settings,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        super().__init__(settings.api_key, settings.api_url)
        self._email = settings.email
        self._password = settings.password
        self._auth_url = settings.auth_url
        self._settings = settings
        self._transport = transport
        self._clock = clock
        self._sleep = sleep
        self._policy = RetryPolicy(max_attempts=settings.max_attempts)
        self._lock = threading.Lock()
        self._token = ""
        self._renew_at = 0.0
        self._issued: deque[str] = deque(maxlen=KEPT_TOKENS)
        self._refusal: ApiError | None = None
        self._secret = Secret(self._password.reveal(), self._api_key.reveal())
        self.sign_ins = 0

    def __repr__(self) -> str:
        return f"ServiceUser(email={self._email!r}, auth_url={self._auth_url!r})"

    def renew(self, rejected: httpx.Request) -> bool:
        with self._lock:
            # Another thread may have renewed since `rejected` left: its token is the answer.
            if rejected.headers.get("authorization") == f"Bearer {self._token}":
                self._sign_in()
        return True

    @property
    def secret(self) -> Secret:
        return self._secret  # replaced whole under the lock: a reader sees one or the other

    def _bearer(self) -> str:
        with self._lock:
            if not self._token or self._clock() >= self._renew_at:
                self._sign_in()
            return self._token

    def _rejected_token(self, endpoint: str) -> str:
        return (
            f"JobMojito rejected the service user's token (401 from {endpoint}) right after a "
            f"sign-in: check that {self._email} may use {self._api_url}, and that "
            f"{AUTH_URL_ENV} ({self._auth_url}) is the same project's sign-in address"
        )

    # Signing in (under the lock) -------------------------------------------------------

    def _sign_in(self) -> None:
        if self._refusal is not None:
            # The same password would be refused again; the threads that waited for this
            # sign-in get its error rather than send one each.
            raise self._refusal
        started = self._clock()
        try:
            answer = self._post_sign_in()
        except AuthError as exc:
            self._refusal = exc
            raise
        token = answer.get("access_token")
        if not isinstance(token, str) or not token or not all(" " <= c <= "~" for c in token):
            raise TransportError(
                f"the sign-in at {self._url} answered without a usable access_token",
                endpoint=SIGN_IN_ENDPOINT,
            )
        self._token = token
        self._issued.append(token)
        self._secret = Secret(self._password.reveal(), self._api_key.reveal(), *self._issued)
        self._renew_at = _renew_at(answer, token, started)
        self.sign_ins += 1

    @property
    def _url(self) -> str:
        return f"{self._auth_url}/{SIGN_IN_ENDPOINT}"

    def _post_sign_in(self) -> dict[str, Any]:
        """The sign-in answer, after retries on 429, 5xx and transport errors (a password
        grant only issues a token, so sending it again is harmless)."""
        for attempt in itertools.count(1):
            try:
                response = self._send_once()
            except httpx.RequestError as exc:
                if not self._policy.can_retry(attempt):
                    raise self._unreachable(exc, attempt) from exc
                delay = self._policy.delay(attempt)
            else:
                if response.is_success:
                    return self._decoded(response)
                retryable = response.status_code in RETRYABLE_STATUSES
                if not retryable or not self._policy.can_retry(attempt):
                    raise self._refused(response)
                delay = self._policy.delay(attempt, response.headers.get("Retry-After"))
            self._sleep(delay)
        raise AssertionError("unreachable: itertools.count never ends")

    def _send_once(self) -> httpx.Response:
        """One sign-in request, its answer read whole within the request deadline (connect
        and headers included) and a size cap. A sign-in is rare, so it runs on an event
        loop of its own: httpx's async client under asyncio.timeout, as every API request
        does. Loopback never goes through a proxy of the environment (the password would
        travel to it in clear text)."""
        settings = self._settings
        try:
            return asyncio.run(self._fetch(settings.request_deadline_s))
        except TimeoutError:
            raise self._unusable_answer() from None

    async def _fetch(self, deadline: float) -> httpx.Response:
        settings = self._settings
        host = httpx.URL(self._auth_url).host
        headers = {"Accept": "application/json"}
        if self._api_key:
            headers["apikey"] = self._api_key.reveal()
        body = {"email": self._email, "password": self._password.reveal()}
        async with (
            asyncio.timeout(deadline),
            httpx.AsyncClient(
                transport=self._transport,
                timeout=min(settings.timeout_s, deadline),
                follow_redirects=False,
                trust_env=not is_loopback(host.strip("[]")),
            ) as http,
            http.stream(
                "POST", self._url, params={"grant_type": "password"}, json=body, headers=headers
            ) as streamed,
        ):
            content = bytearray()
            async for chunk in streamed.aiter_bytes():
                content += chunk
                if len(content) > _MAX_SIGN_IN_ANSWER:
                    raise self._unusable_answer()
            return httpx.Response(
                streamed.status_code,
                headers={"content-type": streamed.headers.get("content-type", "")},
                content=bytes(content),
            )

    def _unusable_answer(self) -> TransportError:
        return TransportError(
            f"the sign-in at {self._url} sent no whole answer of a sensible size in time",
            endpoint=SIGN_IN_ENDPOINT,
        )

    def _decoded(self, response: httpx.Response) -> dict[str, Any]:
        try:
            body = failures.parse_json(response.content)
        except failures.UnreadableJson as exc:
            body = exc
        if not isinstance(body, dict):
            # A web page or a proxy answering in place of Supabase Auth, most likely.
            raise TransportError(
                f"the sign-in at {self._url} answered {response.status_code} without a JSON "
                f"object: set {AUTH_URL_ENV} to the project's Supabase Auth address (like "
                "https://<project>.supabase.co/auth/v1)",
                endpoint=SIGN_IN_ENDPOINT,
                status=response.status_code,
            )
        return body

    def _refused(self, response: httpx.Response) -> ApiError:
        status = response.status_code
        words = Secret(self._password.reveal(), self._api_key.reveal()).redact(
            _answer_words(response)
        )
        where = f"{status} from {self._url}"
        if status == 404:
            return AuthError(
                f"no sign-in service at {self._url} (404): set {AUTH_URL_ENV} to the project's "
                "Supabase Auth address (like https://<project>.supabase.co/auth/v1)",
                endpoint=SIGN_IN_ENDPOINT,
                status=status,
            )
        if status in _REFUSALS and ("api key" in words.lower() or "apikey" in words.lower()):
            fix = _api_key_fix(bool(self._api_key), self._api_url)
            message = f"the sign-in service refused the request ({where}): {words}. {fix}"
        elif status in _REFUSALS:
            message = (
                f"sign-in refused for the service user {self._email} ({where}): {words}. "
                f"Check {EMAIL_ENV} and {PASSWORD_ENV}"
            )
        else:
            message = f"the sign-in at {self._url} failed ({where}): {words}"
            return TransportError(message, endpoint=SIGN_IN_ENDPOINT, status=status)
        return AuthError(message, endpoint=SIGN_IN_ENDPOINT, status=status)

    def _unreachable(self, exc: httpx.RequestError, attempts: int) -> TransportError:
        gave_up = f" (gave up after {attempts} attempts)" if attempts > 1 else ""
        return TransportError(
            f"sign-in at {self._url}: {failures.describe(exc)}{gave_up}",
            endpoint=SIGN_IN_ENDPOINT,
        )


def credentials_for(
    settings: Settings,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Credentials:
    """The credentials `settings` describe: a service user when one is set without a
    token (config.py decides which wins), else the token."""
    if settings.uses_service_user:
        return ServiceUser(settings, transport=transport, sleep=sleep)
    return StaticToken(settings.token, settings.api_key, settings.api_url)


MIN_TOKEN_LIFE: Final = timedelta(minutes=10)
"""A token that expires sooner than this stops apply before it starts (`--min-token-life`)."""


def token_life(
    settings: Settings, *, now: datetime | None = None
) -> tuple[datetime, timedelta] | None:
    """`(expiry, time left)` of the configured token when it is a JWT with an expiry;
    None for a service user (renewed as needed) or a token that does not say."""
    if settings.uses_service_user or not settings.token:
        return None
    expires = token_expiry(settings.token.reveal())
    if expires is None:
        return None
    return expires, expires - (now or datetime.now(UTC))


def _renew_at(answer: dict[str, Any], token: str, started: float) -> float:
    """When to sign in again: ahead of the expiry the answer gives (expires_in first, as it
    does not depend on the two clocks agreeing), else the JWT's `exp`; never, if no
    expiry is known, since a 401 still triggers a sign-in."""
    lifetime = _number(answer.get("expires_in"))
    if lifetime is None:
        expires_at = _number(answer.get("expires_at"))
        if expires_at is None:
            expiry = token_expiry(token)
            expires_at = expiry.timestamp() if expiry is not None else None
        lifetime = expires_at - started if expires_at is not None else None
    if lifetime is None or lifetime <= 0:
        return float("inf")
    return started + lifetime - min(MAX_RENEW_MARGIN_S, lifetime * RENEW_SHARE)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _answer_words(response: httpx.Response) -> str:
    """The explanation in an error answer of the API or of Supabase's gateway or Auth."""
    try:
        body = failures.parse_json(response.content)
    except failures.UnreadableJson:
        return failures.snippet(response.text) or "(empty body)"
    if isinstance(body, dict):
        for key in _ANSWER_WORDS:
            if isinstance(body.get(key), str) and body[key].strip():
                return failures.snippet(body[key])
    return failures.snippet(response.text)


def _api_key_fix(have_key: bool, api_url: str) -> str:
    if have_key:
        return f"Check {API_KEY_ENV}: it must be the API key (anon key) of the project at {api_url}"
    return f"Set {API_KEY_ENV} to the project's API key (its Supabase anon key)"
