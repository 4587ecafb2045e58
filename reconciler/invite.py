"""Invite one candidate to a managed interview (job-interview-register-users).

Why this endpoint: its `interview_id` accepts the id of an interview definition as well as
that of a position, so the candidate gets exactly the interview this repository manages,
found by its marker. job-interview-create-for-candidate-with-token cannot name an
interview: its `position_def_set_id` must be a position that exists (404 otherwise), the
API has no endpoint that lists positions or says which position holds an interview, and
without one it creates a new position and interview outside the repository (from
`position_name`, `position_location`, ...).

The request: `interview_id` (the live id), `users` (one `{name, email, external_id}`) and
`send_email`, always sent because the spec gives it no default. The answer has one row per
user, `result` "ok" with an `interview_url`, or "Error: ..." (the API validates emails
per user and still answers 200): anything but an "ok" row with a URL is an
OperationError. The request is never resent once it may have reached the API, as a
second registration could email the candidate twice or be refused.

Candidate data goes to the API and back to the caller only: it is never logged or written
to disk, and `Candidate` keeps it out of its repr (so out of tracebacks too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any
from typing import Final
from typing import Protocol

from reconciler.config import Settings
from reconciler.errors import AmbiguousOutcomeError
from reconciler.errors import OperationError
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import discover_keys
from reconciler.spec.loader import load_specs
from reconciler.specwrite.lookup import live_for_key
from reconciler.specwrite.lookup import spec_for_key

_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
REGISTERED: Final = "ok"


class InviteClient(ApiReader, Protocol):
    def register_users(self, body: dict[str, Any]) -> list[dict[str, Any]]: ...


@dataclass(frozen=True)
class Candidate:
    name: str = field(repr=False)
    email: str = field(repr=False)
    external_id: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Invitation:
    """The outcome: the candidate's one-time link, and whether JobMojito emails it."""

    interview_url: str
    emailed: bool


def check_candidate(candidate: Candidate) -> Candidate:
    """The candidate with a trimmed name; OperationError names what is wrong."""
    if not candidate.name.strip():
        raise OperationError("the candidate's name is empty; give --name")
    if not _EMAIL.match(candidate.email):
        raise OperationError(f'"{candidate.email}" is not an email address')
    return Candidate(candidate.name.strip(), candidate.email, candidate.external_id or None)


def invite_body(interview_id: str, candidate: Candidate, *, send_email: bool) -> dict[str, Any]:
    user: dict[str, Any] = {"name": candidate.name, "email": candidate.email}
    if candidate.external_id:
        user["external_id"] = candidate.external_id
    return {"interview_id": interview_id, "users": [user], "send_email": send_email}


def invite(
    spec_path: Path,
    key: str,
    candidate: Candidate,
    client: InviteClient,
    settings: Settings,
    *,
    send_email: bool = False,
) -> Invitation:
    """Register the candidate for the live interview of `key`."""
    checked = check_candidate(candidate)
    spec = spec_for_key(load_specs(spec_path), key)
    account = discover_keys(client, [spec], settings.namespace)
    live = live_for_key(account.interviews, settings.namespace, key)
    if live.status != "active":
        raise OperationError(
            f'"{key}" is {live.status}, not active: candidates can only be invited to an '
            "active interview (set status: active in its spec and apply)"
        )
    try:
        rows = client.register_users(invite_body(live.id, checked, send_email=send_email))
    except AmbiguousOutcomeError as exc:
        raise OperationError(
            f'{exc.failure or exc}; the candidate may or may not be registered for "{key}": '
            "check in JobMojito before inviting again (a second invite can email the candidate "
            "twice)"
        ) from None
    return Invitation(_url_of(key, checked, rows), send_email)


def _url_of(key: str, candidate: Candidate, rows: list[dict[str, Any]]) -> str:
    email = candidate.email.lower()
    mine = [row for row in rows if str(row.get("email") or "").lower() == email]
    if len(mine) != 1:
        raise OperationError(
            f"job-interview-register-users answered {len(mine)} rows for the candidate "
            f'instead of one; check the candidates of "{key}" in JobMojito before inviting again'
        )
    result, url = mine[0].get("result"), mine[0].get("interview_url")
    if result != REGISTERED:
        raise OperationError(f'JobMojito did not register the candidate for "{key}": {result}')
    if not isinstance(url, str) or not url:
        raise OperationError(
            f'JobMojito registered the candidate for "{key}" but sent no interview_url; '
            "find the candidate's link in JobMojito"
        )
    return url
