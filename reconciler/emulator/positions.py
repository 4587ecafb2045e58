"""Positions and candidate registration: the position lookup of
job-interview-create-for-candidate-with-token, and job-interview-register-users.

A position (the spec's position_def_set) is a record of its own, apart from interviews: its
own id, an optional external id, and the interview its candidates take. So an interview id
sent as `position_def_set_id` names no position and gets the spec's 404, while
register-users' `interview_id` takes an interview id or a position id (the spec's 422 when
neither matches). Writes through the store only.
"""

from __future__ import annotations

import re
import secrets
import uuid
from typing import Any
from typing import Final

from reconciler.emulator import rules
from reconciler.emulator.candidates import count_candidates
from reconciler.emulator.context import Context
from reconciler.emulator.validation import ApiProblem
from reconciler.emulator.validation import invalid
from reconciler.emulator.validation import validate_body

JSON = dict[str, Any]
_EMAIL: Final = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_TRUE: Final = (True, "true")


def existing(context: Context, body: JSON) -> tuple[JSON, JSON] | None:
    """The position the body names and its interview, or None when it names none (by id:
    404 when unknown; by external id: None, so a new position gets that external id)."""
    position_id = body.get("position_def_set_id")
    external_id = body.get("position_external_id")
    if position_id is not None:
        position = context.store.get_position(position_id)
        if position is None:
            raise ApiProblem(
                404, f"position_def_set_id {position_id} is not a known position",
                "position_def_set_id",
            )  # fmt: skip
    elif external_id:
        position = context.store.position_with_external_id(external_id)
        if position is None:
            return None
    else:
        return None
    interview = context.store.get(position["interview_id"])
    if interview is None or interview["status"] != "active":
        status = "deleted" if interview is None else interview["status"]
        raise invalid(
            "position_def_set_id", f"names a position whose interview is {status}, not active"
        )
    return position, interview


def record(context: Context, body: JSON, interview: JSON) -> JSON:
    """Store a new position for `interview` from the body's position fields."""
    position: JSON = {
        "id": str(uuid.uuid4()),
        "external_id": body.get("position_external_id") or None,
        "name": body.get("position_name"),
        "location": body.get("position_location"),
        "country_code": body.get("position_country_code"),
        "interview_id": interview["id"],
        "created_at": context.store.stamp(),
    }
    context.store.put_position(position)
    return position


def register_users(context: Context, body: JSON) -> list[JSON]:
    """job-interview-register-users: one row per user, "ok" with a one-time URL or an
    "Error: ..." result (the spec validates emails per user, not per request)."""
    validate_body(body, rules.REGISTER_USERS_BODY)
    interview = _interview_for(context, body["interview_id"])
    is_test = body.get("is_test") in _TRUE
    emailed = body.get("send_email") is True and not is_test
    return [_register(context, interview, user, emailed, is_test) for user in body["users"]]


def _interview_for(context: Context, interview_id: str) -> JSON:
    interview = context.store.get(interview_id)
    if interview is None:
        position = context.store.get_position(interview_id)
        interview = context.store.get(position["interview_id"]) if position else None
    if interview is None:
        raise invalid("interview_id", f"{interview_id} is not a known interview or position")
    return interview


def _register(context: Context, interview: JSON, user: JSON, emailed: bool, is_test: bool) -> JSON:
    row = dict(user)
    email = user.get("email")
    status = interview["status"]
    if not isinstance(email, str) or not _EMAIL.match(email):
        row["result"] = "Error: email is not a valid email address"
    elif status != "active" and not (is_test and status == "draft"):
        row["result"] = f"Error: the interview is {status}, not active"
    elif context.quirks.refuse_repeat_registration and _registered(context, interview, email):
        row["result"] = "Error: the candidate is already registered for this interview"
    else:
        context.store.add_registration(interview["id"], email.lower(), emailed=emailed)
        count_candidates(context.store, interview["id"], 1, context.store.stamp())
        row["result"] = "ok"
        row["interview_url"] = f"{context.base_url}/i/{secrets.token_urlsafe(16)}"
    return row


def _registered(context: Context, interview: JSON, email: str) -> bool:
    known = context.store.registrations(interview["id"])
    return any(registration.email == email.lower() for registration in known)
