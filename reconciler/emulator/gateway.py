"""The gateway in front of the emulated API: what Supabase puts around Edge Functions.

- `apikey`: with one configured, every request (API and sign-in) must carry it in the
  `apikey` header, or gets Supabase's 401 answer.
- Password sign-in: `POST /auth/v1/token?grant_type=password` with `{email, password}`
  for each configured login answers like Supabase Auth (`access_token`, `expires_in`,
  `expires_at`, ...) with a JWT-shaped token (header.payload.signature, base64url, HS256
  over a key made at start) carrying `sub`, `email` and `exp`.
- Bearer tokens: with logins configured, only an issued token that has not expired is
  accepted; otherwise the static token (or any non-empty one) as before.

The sign-in body holds the password, so the emulator's request log keeps no body for it.
Imports only httpx and the standard library.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
import uuid
from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from typing import Any
from typing import Final

import httpx

from reconciler.emulator.validation import ApiProblem

SIGN_IN_PATH: Final = "/auth/v1/token"
DEFAULT_TOKEN_TTL_S: Final = 3600.0
_NO_KEY: Final = {
    "message": "No API key found in request",
    "hint": "No `apikey` request header or url param was found.",
}
_BAD_KEY: Final = {"message": "Invalid API key", "hint": "Double check your Supabase `anon` key."}
_BAD_LOGIN: Final = {
    "code": 400,
    "error_code": "invalid_credentials",
    "msg": "Invalid login credentials",
}


@dataclass(frozen=True)
class GatewayConfig:
    """`apikey` required on every request (None: not checked); `logins` maps e-mail to
    password for the sign-in; issued tokens live `token_ttl_s` seconds."""

    apikey: str | None = None
    logins: Mapping[str, str] = field(default_factory=dict)
    token_ttl_s: float = DEFAULT_TOKEN_TTL_S


def parse_login(value: str) -> tuple[str, str]:
    """`EMAIL:PASSWORD` as a pair (the password may hold further colons)."""
    email, colon, password = value.partition(":")
    if not colon or not email.strip() or not password:
        raise ValueError("expected EMAIL:PASSWORD")
    return email.strip(), password


class Gateway:
    """Checks the API key and the bearer token, and serves the password sign-in.

    `token` None accepts any non-empty bearer token (when no login is configured).
    `clock` is the wall clock in seconds (tokens carry absolute expiries)."""

    def __init__(
        self,
        token: str | None,
        config: GatewayConfig | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._token = token
        self._config = config or GatewayConfig()
        self._clock = clock
        self._key = secrets.token_bytes(32)
        self._users = {
            email: str(uuid.uuid5(uuid.NAMESPACE_URL, email)) for email in self._config.logins
        }

    @staticmethod
    def is_sign_in(request: httpx.Request) -> bool:
        return request.url.path == SIGN_IN_PATH

    def refusal(self, request: httpx.Request) -> httpx.Response | None:
        """Supabase's 401 when the API key is required and missing or wrong."""
        expected = self._config.apikey
        if expected is None:
            return None
        given = request.headers.get("apikey", "")
        if not given:
            return httpx.Response(401, json=_NO_KEY)
        if not secrets.compare_digest(given.encode(), expected.encode()):
            return httpx.Response(401, json=_BAD_KEY)
        return None

    def sign_in(self, request: httpx.Request) -> httpx.Response:
        """Supabase Auth's password grant."""
        if request.method != "POST":
            return httpx.Response(405, json={"code": 405, "msg": "method not allowed"})
        if request.url.params.get("grant_type") != "password":
            body = {"code": 400, "error_code": "validation_failed", "msg": "unsupported grant_type"}
            return httpx.Response(400, json=body)
        email, password = _credentials(request)
        known = self._config.logins.get(email)
        if known is None or not secrets.compare_digest(password.encode(), known.encode()):
            return httpx.Response(400, json=_BAD_LOGIN)
        return httpx.Response(200, json=self._session(email))

    def authenticate(self, request: httpx.Request) -> None:
        """Raise the API's 401 unless the bearer token is acceptable."""
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        token = token.strip()
        if scheme.lower() != "bearer" or not token:
            raise ApiProblem(401, "missing or invalid bearer token")
        if self._config.logins:
            self._check_issued(token)
        elif self._token is not None and not secrets.compare_digest(token, self._token):
            raise ApiProblem(401, "missing or invalid bearer token")

    def _session(self, email: str) -> dict[str, Any]:
        now = self._clock()
        ttl = self._config.token_ttl_s
        claims = {
            "sub": self._users[email],
            "email": email,
            "role": "authenticated",
            "aud": "authenticated",
            "iat": int(now),
            "exp": now + ttl,
            "session_id": str(uuid.uuid4()),
        }
        return {
            "access_token": self._signed(claims),
            "token_type": "bearer",
            "expires_in": ttl,
            "expires_at": now + ttl,
            "refresh_token": secrets.token_urlsafe(16),
            "user": {"id": self._users[email], "email": email, "role": "authenticated"},
        }

    def _signed(self, claims: Mapping[str, Any]) -> str:
        header = _encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
        payload = _encode(json.dumps(claims).encode())
        signature = hmac.new(self._key, f"{header}.{payload}".encode(), hashlib.sha256)
        return f"{header}.{payload}.{_encode(signature.digest())}"

    def _check_issued(self, token: str) -> None:
        header, _, rest = token.partition(".")
        payload, _, signature = rest.partition(".")
        expected = hmac.new(self._key, f"{header}.{payload}".encode(), hashlib.sha256)
        if not secrets.compare_digest(signature.encode(), _encode(expected.digest()).encode()):
            raise ApiProblem(401, "invalid JWT")
        exp = json.loads(_decode(payload)).get("exp")
        if not isinstance(exp, int | float) or exp <= self._clock():
            raise ApiProblem(401, "JWT expired")


def _credentials(request: httpx.Request) -> tuple[str, str]:
    try:
        body = json.loads(request.content or b"null")
    except (ValueError, UnicodeDecodeError):
        body = None
    if not isinstance(body, dict):
        return "", ""
    email, password = body.get("email"), body.get("password")
    return (
        email if isinstance(email, str) else "",
        password if isinstance(password, str) else "",
    )


def _encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
