"""What `apply` would refuse (DESIGN.md section 7), evaluated when the plan is made. Pure."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reconciler.plan.model import DUPLICATE_NAME_REFUSAL
from reconciler.plan.model import PROTECT_REFUSAL
from reconciler.plan.model import Change
from reconciler.plan.model import Kind
from reconciler.plan.model import Safety


class Thresholds(Protocol):
    @property
    def max_destructive_share(self) -> float: ...
    @property
    def min_managed_for_threshold(self) -> int: ...


def evaluate_safety(changes: Sequence[Change], managed: int, limits: Thresholds) -> Safety:
    """Refusals: `protect` and blocked creates (never overridable) and the
    destructive-share threshold (--force)."""
    refusals = [
        f"{DUPLICATE_NAME_REFUSAL if change.kind is Kind.CREATE else PROTECT_REFUSAL}: "
        f"{change.key}: {change.blocked}"
        for change in changes
        if change.blocked
    ]
    destructive = sum(1 for change in changes if change.is_destructive)
    share = destructive / managed if managed else 0.0
    if managed >= limits.min_managed_for_threshold and share > limits.max_destructive_share:
        refusals.append(
            f"threshold: the plan archives or recreates {destructive} of {managed} managed "
            f"interviews ({share:.0%}), over the {limits.max_destructive_share:.0%} limit; "
            "apply needs --force"
        )
    return Safety(
        managed=managed,
        destructive=destructive,
        max_share=limits.max_destructive_share,
        min_managed=limits.min_managed_for_threshold,
        refusals=tuple(refusals),
    )
