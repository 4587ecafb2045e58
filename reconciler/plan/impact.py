"""Candidate-impact warnings (DESIGN.md section 6). Pure."""

from __future__ import annotations

from dataclasses import replace

from reconciler.live import LiveInterview
from reconciler.plan.model import Change
from reconciler.plan.model import Kind


def add_impact(change: Change, live: LiveInterview | None) -> Change:
    """The change with warnings about candidates who have taken or been sent the interview."""
    if live is None:
        return change
    warnings = list(change.warnings)
    taken = _count(live)
    last = live.summary.get("interview_last")
    when = f", most recently {last}" if last else ""
    if change.kind in (Kind.ARCHIVE, Kind.RECREATE) and live.status == "active":
        warnings.append("links already sent to candidates stop working")
    if change.kind in (Kind.ARCHIVE, Kind.RECREATE) and taken:
        warnings.append(
            f"{taken} candidate(s) took this interview{when}; their results stay on the "
            f"old interview ({live.id})"
        )
    if change.kind in (Kind.UPDATE, Kind.ADOPT) and change.questions and taken:
        warnings.append(
            f"questions change on an interview with {taken} result(s){when}: candidates will "
            "have been scored on different question sets"
        )
    return (
        replace(change, warnings=tuple(warnings)) if warnings != list(change.warnings) else change
    )


def _count(live: LiveInterview) -> int:
    value = live.summary.get("interview_count")
    return int(value) if isinstance(value, int | float) else 0
