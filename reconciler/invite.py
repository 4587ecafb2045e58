"""Invite one candidate to a managed interview (job-interview-create-for-candidate-with-token).

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
from reconciler.errors import OperationError
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import discover_keys
from reconciler.spec.loader import load_specs
from reconciler.specwrite.lookup import live_for_key
from reconciler.specwrite.lookup import spec_for_key

_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_COUNTRY: Final = re.compile(r"^[A-Za-z]{2}$")
ANSWER_KEYS: Final = ("status", "interview_url", "reason", "profile_interview_id")


class InviteClient(ApiReader, Protocol):
    def create_for_candidate(self, body: dict[str, Any]) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Candidate:
    name: str = field(repr=False)
    email: str = field(repr=False)
    country_code: str = field(repr=False)
    resume: str = field(repr=False)
    external_id: str | None = field(default=None, repr=False)


def check_candidate(candidate: Candidate) -> Candidate:
    """The candidate with a normalised country code; OperationError names what is wrong."""
    if not candidate.name.strip():
        raise OperationError("the candidate's name is empty")
    if not _EMAIL.match(candidate.email):
        raise OperationError(f'"{candidate.email}" is not an email address')
    if not _COUNTRY.match(candidate.country_code):
        raise OperationError(
            f'country "{candidate.country_code}" is not a two-letter ISO code (such as PT)'
        )
    if not candidate.resume.strip():
        raise OperationError("the resume is empty; give --resume FILE or --resume-text TEXT")
    return Candidate(
        candidate.name.strip(), candidate.email, candidate.country_code.upper(),
        candidate.resume, candidate.external_id,
    )  # fmt: skip


def invite_body(position_id: str, candidate: Candidate) -> dict[str, Any]:
    body: dict[str, Any] = {
        "position_def_set_id": position_id,
        "candidate_name": candidate.name,
        "candidate_email": candidate.email,
        "candidate_country_code": candidate.country_code,
        "candidate_resume": candidate.resume,
    }
    if candidate.external_id:
        body["candidate_external_id"] = candidate.external_id
    return body


def invite(
    spec_path: Path, key: str, candidate: Candidate, client: InviteClient, settings: Settings
) -> dict[str, Any]:
    """Enrol the candidate in the live interview of `key`; the API's outcome."""
    checked = check_candidate(candidate)
    spec = spec_for_key(load_specs(spec_path), key)
    account = discover_keys(client, [spec], settings.namespace)
    live = live_for_key(account.interviews, settings.namespace, key)
    if live.status != "active":
        raise OperationError(
            f'"{key}" is {live.status}, not active: candidates can only be invited to an '
            "active interview (set status: active in its spec and apply)"
        )
    answer = client.create_for_candidate(invite_body(live.id, checked))
    return {name: answer.get(name) for name in ANSWER_KEYS}
