"""`--min-token-life`: stop before the first request when the API token is about to expire.

A JWT cannot be renewed by the tool, and an apply that loses its token half-way leaves
some interviews changed and others not. So `apply` refuses to start when the token
expires within the limit, and `plan` (which runs in the pull request before the apply)
warns. An expired token stops both. A service user is renewed as it goes: no check.
"""

from __future__ import annotations

from datetime import UTC
from datetime import datetime
from datetime import timedelta
from typing import Annotated
from typing import Final

import typer

from reconciler.api.auth import MIN_TOKEN_LIFE
from reconciler.api.auth import token_life
from reconciler.config import Settings
from reconciler.errors import AuthError

DEFAULT_MIN_TOKEN_LIFE: Final = MIN_TOKEN_LIFE / timedelta(minutes=1)
_FIX: Final = (
    "set JOBMOJITO_TOKEN to a fresh token, or use a service user (JOBMOJITO_EMAIL and "
    "JOBMOJITO_PASSWORD instead of JOBMOJITO_TOKEN), whose tokens are renewed as needed"
)

MinTokenLifeOption = Annotated[
    float,
    typer.Option(
        "--min-token-life",
        metavar="MINUTES",
        min=0,
        help="Refuse to start when the API token (a JWT) expires within this many minutes; "
        "plan warns instead. A service user is renewed, never refused.",
    ),
]


def check_token_life(
    settings: Settings, min_minutes: float, *, refuse: bool, now: datetime | None = None
) -> None:
    """Raise AuthError for an expired token, or (`refuse`) one expiring within
    `min_minutes`; without `refuse`, print one warning line for the latter."""
    life = token_life(settings, now=now)
    if life is None:
        return
    expires, left = life
    when = expires.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if left <= timedelta(0):
        raise AuthError(f"the API token expired at {when} ({_duration(-left)} ago): {_FIX}")
    if left >= timedelta(minutes=min_minutes):
        return
    limit = f"--min-token-life {min_minutes:g}"
    if refuse:
        raise AuthError(
            f"the API token expires at {when}, in {_duration(left)}, which is under {limit} "
            f"minutes: the apply could stop half-way; {_FIX}"
        )
    typer.echo(
        f"warning: the API token expires at {when}, in {_duration(left)}: apply refuses to "
        f"start with it ({limit} minutes); {_FIX}",
        err=True,
    )


def _duration(span: timedelta) -> str:
    seconds = int(span.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    hours, rest = divmod(seconds, 3600)
    return f"{hours} h {rest // 60} min"
