"""What `apply` would refuse (DESIGN.md section 7). Pure.

One wording for every refusal, with the way forward: the plan shows them, `plan` exits 1
on them and `apply` refuses on them, so the three can never disagree. Blocked changes
(`protect`, a create beside a live namesake) are refused whatever the flags; the
destructive-share threshold yields to `--force`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from reconciler.plan.model import Change
from reconciler.plan.model import Safety


class Thresholds(Protocol):
    @property
    def max_destructive_share(self) -> float: ...
    @property
    def min_managed_for_threshold(self) -> int: ...


def evaluate_safety(changes: Sequence[Change], managed: int, limits: Thresholds) -> Safety:
    """The plan's safety figures, with every refusal apply would make without --force."""
    safety = Safety(
        managed=managed,
        destructive=sum(1 for change in changes if change.is_destructive),
        max_share=limits.max_destructive_share,
        min_managed=limits.min_managed_for_threshold,
    )
    found = [blocked_refusal(change) for change in changes if change.blocked]
    found.extend(threshold_refusal(safety))
    return replace(safety, refusals=tuple(found))


def blocked_refusal(change: Change) -> str:
    reason = f"{change.key}: {change.blocked}"
    if change.is_destructive:
        return (
            f"{reason} (--force does not override it); restore the spec or its earlier "
            "values, or remove protect: true from it in a change of its own first"
        )
    return f"{reason} (--force does not override it)"


def threshold_refusal(safety: Safety) -> list[str]:
    """The refusal of a plan over the destructive-share threshold, if it is over."""
    if not safety.managed or safety.managed < safety.min_managed:
        return []
    share = safety.destructive / safety.managed
    if share <= safety.max_share:
        return []
    return [
        f"the plan archives or recreates {safety.destructive} of {safety.managed} managed "
        f"interviews ({share:.0%}), over the {safety.max_share:.0%} limit; if that is "
        "intended, plan and apply with --force"
    ]
