"""Candidate impact (DESIGN.md section 6): what a change does to the candidates of the
interview it acts on, counted. Pure.

A change can break the links already sent (the interview stops being active, or a
recreate replaces it), hide the interview (archived), leave results behind (a recreate:
they stay on the old interview), or change what candidates are asked (questions added,
removed or reworded on an active interview that candidates have taken). Each says how many
candidates have taken the interview: the list item's `interview_count` ("number of
interviews run against this definition") and `interview_last`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from reconciler.live import LiveInterview
from reconciler.plan.model import Change
from reconciler.plan.model import Impact
from reconciler.plan.model import ImpactKind
from reconciler.plan.model import Kind
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp


def add_impact(change: Change, live: LiveInterview | None) -> Change:
    """The change with its candidate impact, when it acts on a live interview."""
    if live is None:
        return change
    found = tuple(_impacts(change, live))
    return replace(change, impact=found) if found else change


def _impacts(change: Change, live: LiveInterview) -> Iterator[Impact]:
    taken = _count(live)
    last = live.summary.get("interview_last")
    last = str(last) if last else None
    counted = _taken_text(taken, last)
    before, after = live.status, _status_after(change, live.status)

    def impact(kind: ImpactKind, what: str) -> Impact:
        return Impact(kind, f"{what}; {counted}", taken, last)

    if before == "active" and after != "active":
        yield impact(ImpactKind.LINKS, _links_text(change, after))
    if change.kind is Kind.RECREATE:
        if taken != 0:  # nobody took it: no result to leave behind
            yield impact(
                ImpactKind.RESULTS,
                f"results stay on the old interview ({live.id}); the new one starts without any",
            )
    elif after == "archived" and before != "archived":
        yield impact(ImpactKind.HIDDEN, "archived: the interview leaves the app's lists")
    asked = _asked_differently(change.questions)
    if change.kind in (Kind.UPDATE, Kind.ADOPT) and asked and before == "active" and taken != 0:
        yield impact(
            ImpactKind.QUESTIONS,
            f"candidates will be asked different questions ({asked}): results already in "
            "were scored on the old set",
        )


def _status_after(change: Change, before: str) -> str:
    """The status the live interview is left in (a recreate archives the old one)."""
    if change.kind in (Kind.ARCHIVE, Kind.RECREATE):
        return "archived"
    status = next((field for field in change.fields if field.field == "status"), None)
    return before if status is None else str(status.after)


def _links_text(change: Change, after: str) -> str:
    if change.kind is Kind.RECREATE:
        return "links already sent to candidates stop working: the new interview has new links"
    if after == "draft":
        return "set to draft: links already sent to candidates stop working until it is active"
    return "links already sent to candidates stop working"


def _asked_differently(questions: tuple[QuestionChange, ...]) -> str:
    """`1 added, 2 removed, 1 reworded`; empty when candidates are asked the same."""
    added = sum(1 for q in questions if q.op is QuestionOp.ADDED)
    removed = sum(1 for q in questions if q.op is QuestionOp.REMOVED)
    reworded = sum(
        1
        for q in questions
        if q.op is QuestionOp.CHANGED and any(f.field == "question" for f in q.fields)
    )
    counts = ((added, "added"), (removed, "removed"), (reworded, "reworded"))
    return ", ".join(f"{count} {what}" for count, what in counts if count)


def _taken_text(taken: int | None, last: str | None) -> str:
    if taken is None:
        return "how many candidates took it is unknown"
    if taken == 0:
        return "no candidate has taken it yet"
    when = f" (most recently {last})" if last else ""
    if taken == 1:
        return f"1 candidate has taken it{when}"
    return f"{taken} candidates have taken it{when}"


def _count(live: LiveInterview) -> int | None:
    value = live.summary.get("interview_count")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value)
