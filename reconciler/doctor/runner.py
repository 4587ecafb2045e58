"""Run doctor's checks in order against one client, reporting each as it is made.

The read-only checks come first; when the API cannot be reached or refuses the token,
the rest are reported as not checked. `write_check` adds the throwaway-interview checks.
"""

from __future__ import annotations

from reconciler.api import JobMojitoClient
from reconciler.config import Settings
from reconciler.doctor.model import Report
from reconciler.doctor.model import Status
from reconciler.doctor.model import ok
from reconciler.doctor.model import unknown
from reconciler.doctor.readonly import check_access
from reconciler.doctor.readonly import check_listing
from reconciler.doctor.readonly import check_paging
from reconciler.doctor.readonly import check_read
from reconciler.doctor.readonly import check_token
from reconciler.doctor.readonly import usable_templates
from reconciler.doctor.shape import NAME as SHAPE
from reconciler.doctor.shape import check_shape
from reconciler.doctor.writecheck import Timing
from reconciler.doctor.writecheck import run_write_checks

_AFTER_ACCESS = ("listing", "paging", "reading a definition", SHAPE)


def run_doctor(
    client: JobMojitoClient,
    settings: Settings,
    report: Report,
    *,
    write_check: bool = False,
    timing: Timing | None = None,
) -> None:
    """Every check, passed to `report` one by one. Library code: never prints."""
    if settings.uses_service_user:
        report(ok("token expiry", "a service user signs in again before its tokens expire"))
    else:
        report(check_token(settings.token.reveal()))
    access, templates = check_access(client, settings.api_url)
    for check in access:
        report(check)
    if any(check.status is Status.FAILED for check in access[:2]):
        for name in (*_AFTER_ACCESS, *(("write check",) if write_check else ())):
            report(unknown(name, "not checked: the API could not be used"))
        return
    listing, listed = check_listing(client)
    report(listing)
    report(check_paging(client, listed))
    read, definition = check_read(client, listed)
    report(read)
    if definition is not None:
        for check in check_shape(definition):
            report(check)
    elif not write_check:
        report(unknown(SHAPE, "no definition to read; `doctor --write-check` reads the one "
                       "it creates"))  # fmt: skip
    if write_check:
        usable = usable_templates(templates)
        if not usable:
            report(unknown("write check", "not run: no template a new interview can use"))
            return
        run_write_checks(client, usable[0], report, timing=timing, read_shape=definition is None)
