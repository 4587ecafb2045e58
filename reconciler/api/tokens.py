"""What a bearer token says about itself. Pure: no I/O.

JobMojito's tokens are Supabase access tokens: JWTs whose payload carries `exp`. The
payload is read without verifying the signature; the result only tells the user when the
token stops working, it never grants anything.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC
from datetime import datetime
from typing import Any


def token_expiry(token: str) -> datetime | None:
    """When the JWT `token` expires (timezone-aware UTC); None when it is not a JWT or
    carries no numeric `exp`."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    payload = _decoded_json(parts[1])
    if not isinstance(payload, dict):
        return None
    expires = payload.get("exp")
    if isinstance(expires, bool) or not isinstance(expires, int | float):
        return None
    try:
        return datetime.fromtimestamp(expires, tz=UTC)
    except (OverflowError, OSError, ValueError):  # out of the platform's time range
        return None


def _decoded_json(segment: str) -> Any:
    padded = segment + "=" * (-len(segment) % 4)
    try:
        return json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (UnicodeError, binascii.Error, ValueError):
        return None
