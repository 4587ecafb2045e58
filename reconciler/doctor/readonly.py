"""The read-only checks: token, reachability, authentication, templates, listing, paging,
and one definition's shape. They only read the account.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from typing import Any
from typing import Final

from reconciler.api import JobMojitoClient
from reconciler.api.auth import MIN_TOKEN_LIFE
from reconciler.api.tokens import token_expiry
from reconciler.doctor.model import Check
from reconciler.doctor.model import failed
from reconciler.doctor.model import ok
from reconciler.doctor.model import unknown
from reconciler.doctor.model import warning
from reconciler.errors import ApiError
from reconciler.errors import AuthError
from reconciler.errors import TransportError
from reconciler.live import Template
from reconciler.registry import LEGACY_TEMPLATE_TYPES
from reconciler.registry import OFFLINE_TEMPLATE_TYPES
from reconciler.registry import TYPES

SOON: Final = MIN_TOKEN_LIFE
SHORT: Final = timedelta(hours=2)
"""Template types new interviews can no longer use (API-FACTS 8.2)."""


@dataclass(frozen=True)
class Listed:
    """What the listing saw: every interview item per type, or None when it failed."""

    items: Mapping[str, Sequence[Mapping[str, Any]]] | None

    def first_id(self) -> str | None:
        for items in (self.items or {}).values():
            for item in items:
                return str(item["id"])
        return None


def check_token(token: str, now: datetime | None = None) -> Check:
    """When the token stops working, read from a JWT's `exp` (signature not verified)."""
    name = "token expiry"
    expires = token_expiry(token)
    if expires is None:
        return unknown(name, "the token is not a JWT with an expiry; it cannot be read")
    left = expires - (now or datetime.now(UTC))
    when = expires.strftime("%Y-%m-%d %H:%M:%S UTC")
    if left <= timedelta(0):
        return failed(
            name, f"the token expired at {when}",
            "every request is refused with 401; set JOBMOJITO_TOKEN to a fresh token",
        )  # fmt: skip
    if left <= SOON:
        return failed(
            name, f"the token expires at {when}, in {_minutes(left)}",
            "apply refuses to start this close to expiry; set JOBMOJITO_TOKEN to a fresh token",
        )  # fmt: skip
    if left <= SHORT:
        return warning(
            name, f"the token expires at {when}, in {_minutes(left)}",
            "a repository secret holding it breaks CI once it expires; use a token that "
            "lives longer (or a service user) for CI",
        )  # fmt: skip
    return ok(name, f"the token is valid until {when}")


def check_access(client: JobMojitoClient, api_url: str) -> tuple[list[Check], list[Template]]:
    """Reachability, authentication and templates, from one merchant-avatar-list read.
    The templates are empty when any of the three failed."""
    try:
        found = client.list_templates()
    except AuthError as exc:
        return [
            ok("reachability", f"{api_url} answered"),
            failed("authentication", str(exc), "plan and apply stop at their first request; "
                   "check JOBMOJITO_TOKEN and that JOBMOJITO_API_URL is its environment"),
            unknown("templates", "not read: the token was refused"),
        ], []  # fmt: skip
    except TransportError as exc:
        return [
            failed("reachability", str(exc), "plan and apply cannot run; check "
                   "JOBMOJITO_API_URL (or --api-url) and the network"),
            unknown("authentication", "not checked: the API could not be reached"),
            unknown("templates", "not read: the API could not be reached"),
        ], []  # fmt: skip
    except ApiError as exc:
        return [
            ok("reachability", f"{api_url} answered"),
            ok("authentication", "the token was accepted"),
            failed("templates", str(exc), "plans cannot resolve `template:` names and stop"),
        ], []  # fmt: skip
    checks = [ok("reachability", f"{api_url} answered"), ok("authentication", "accepted")]
    usable = usable_templates(found)
    if not usable:
        checks.append(warning(
            "templates", f"merchant-avatar-list lists {len(found)} templates, none usable "
            "for a new interview", "specs cannot name a template, and creates would fail",
        ))  # fmt: skip
    else:
        checks.append(ok("templates", f"{len(found)} listed, {len(usable)} usable for new "
                         "interviews"))  # fmt: skip
    return checks, found


def usable_templates(found: Sequence[Template]) -> list[Template]:
    """Templates a new interview can use, interactive ones first (legacy ones cannot)."""
    usable = [
        template
        for template in found
        if template.id and template.type and template.type not in LEGACY_TEMPLATE_TYPES
        and template.status in ("", "active")
    ]  # fmt: skip
    return sorted(usable, key=lambda template: template.type in OFFLINE_TEMPLATE_TYPES)


def check_listing(client: JobMojitoClient) -> tuple[Check, Listed]:
    """merchant-interview-list of every type the tool manages, all pages."""
    items: dict[str, list[dict[str, Any]]] = {}
    try:
        for kind in TYPES:
            items[kind] = client.list_interviews(type=kind)
    except ApiError as exc:
        return failed(
            "listing", str(exc), "plans cannot discover live interviews, so plan and apply stop"
        ), Listed(None)
    counts = ", ".join(f"{kind} {len(found)}" for kind, found in items.items())
    return ok("listing", f"merchant-interview-list of every type: {counts}"), Listed(items)


def check_paging(client: JobMojitoClient, listed: Listed) -> Check:
    """Two pages of one item: offsets echoed, has_more agreeing with total, no overlap."""
    name = "paging"
    if listed.items is None:
        return unknown(name, "not checked: the listing failed")
    kind = max(listed.items, key=lambda k: len(listed.items[k]) if listed.items else 0)
    if len(listed.items[kind]) < 2:
        return unknown(name, "fewer than two interviews of any type: a second page cannot "
                       "be seen")  # fmt: skip
    try:
        pages = [client.interview_page(type=kind, limit=1, offset=offset) for offset in (0, 1)]
    except ApiError as exc:
        return failed(name, str(exc), "plans cannot list every page, so plan and apply stop")
    problem = _paging_problem(pages, len(listed.items[kind]))
    if problem:
        return failed(
            name, f"merchant-interview-list (type {kind}, one item per page): {problem}",
            "plans could miss live interviews, so apply could create duplicates or fail to "
            "archive; do not apply until this is resolved",
        )  # fmt: skip
    return ok(name, f"pages of one item (type {kind}): offsets and has_more agree")


def _paging_problem(pages: Sequence[Mapping[str, Any]], total_listed: int) -> str:
    ids = []
    for offset, page in enumerate(pages):
        data, pagination = page.get("data"), page.get("pagination")
        if not isinstance(data, list) or not isinstance(pagination, dict):
            return f"page at offset {offset} has no data list or no pagination object"
        if len(data) != 1 or not isinstance(data[0], dict):
            return f"page at offset {offset} holds {len(data)} items instead of 1"
        if pagination.get("offset") != offset:
            return f"asked for offset {offset}, pagination says {pagination.get('offset')!r}"
        total = pagination.get("total")
        if pagination.get("has_more") is not (isinstance(total, int) and offset + 1 < total):
            return (f"has_more {pagination.get('has_more')!r} at offset {offset} disagrees "
                    f"with total {total!r}")  # fmt: skip
        if total != total_listed:
            return f"total {total!r}, but the full listing held {total_listed} items"
        ids.append(data[0].get("id"))
    if ids[0] == ids[1]:
        return "offsets 0 and 1 returned the same interview"
    return ""


def check_read(client: JobMojitoClient, listed: Listed) -> tuple[Check, dict[str, Any] | None]:
    """job-interview-get of the first listed interview."""
    name = "reading a definition"
    first = listed.first_id()
    if first is None:
        found = "the listing failed" if listed.items is None else "the account has no interview"
        return unknown(name, f"nothing to read: {found}"), None
    try:
        definition = client.get_interview(first)
    except ApiError as exc:
        return failed(name, str(exc), "plans cannot read live interviews, so plan and apply "
                      "stop"), None  # fmt: skip
    return ok(name, f"job-interview-get of interview {first}"), definition


def _minutes(left: timedelta) -> str:
    return f"{int(left.total_seconds() // 60)} min"
