"""Rule IAC401: the questions' answer durations together exceed the session's max_duration.

Only questions that set `duration` count. With `questions_random_subset` only that share
of the questions is asked, so the expected total is the sum times the fraction.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from reconciler.lint.finding import Finding
from reconciler.lint.finding import finding
from reconciler.registry import INTERVIEW_BY_SPEC
from reconciler.spec.model import DesiredInterview

DEFAULT_MAX_DURATION: Final[int] = INTERVIEW_BY_SPEC["max_duration"].default


def _seconds(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def total_duration(interview: DesiredInterview) -> float:
    """Sum of the questions' `duration` values in seconds (questions without one count 0)."""
    values = (_seconds(q.values.get("duration")) for q in interview.questions or ())
    return sum(value for value in values if value is not None)


def check_durations(interview: DesiredInterview) -> Iterator[Finding]:
    """One warning when the expected answer time exceeds max_duration."""
    total = total_duration(interview)
    limit = _seconds(interview.values.get("max_duration")) or DEFAULT_MAX_DURATION
    share = _seconds(interview.values.get("questions_random_subset"))
    expected = total * share if share is not None else total
    if expected <= limit:
        return
    subset = f" x questions_random_subset {share:g} = {expected:g} s" if share is not None else ""
    default = "" if "max_duration" in interview.values else " (the default when omitted)"
    message = (
        f"question durations add up to {total:g} s{subset}, more than max_duration "
        f"{limit:g} s{default}; shorten the durations or raise max_duration"
    )
    location = interview.location_of("max_duration")
    yield finding("IAC401", message, location, interview)
