"""What a bearer token says about itself: a JWT's expiry, read without verifying it.

Pure: no I/O. The signature is not checked, and need not be: the server checks it on every
request, and the tool only wants to know in advance that a token will stop working (to
refuse an apply that would stop half-way, or to sign in again in time). A value read here
never grants anything.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC
from datetime import datetime
from typing import Any


def token_expiry(token: str) -> datetime | None:
    """When `token` expires (timezone-aware UTC): the `exp` claim of a JWT. None when the
    token is not a JWT (three base64url parts, the middle one a JSON object) or has no
    usable numeric `exp`."""
    claims = jwt_claims(token)
    exp = claims.get("exp") if claims is not None else None
    if isinstance(exp, bool) or not isinstance(exp, int | float):
        return None
    try:
        return datetime.fromtimestamp(exp, UTC)
    except (OverflowError, OSError, ValueError):  # beyond what datetime can hold
        return None


def jwt_claims(token: str) -> dict[str, Any] | None:
    """The payload of a JWT-shaped `token` as a dict, unverified; None when not a JWT."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts[:2]):
        return None
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(payload)
    except (binascii.Error, ValueError, RecursionError):  # bad base64, not UTF-8 or JSON
        return None
    return claims if isinstance(claims, dict) else None
