"""`refusals`: the one list of reasons apply refuses a plan, which `plan` exits 1 on."""

from __future__ import annotations

import pytest

from reconciler.apply.applier import check_safety
from reconciler.apply.applier import refusals
from reconciler.errors import UnsafePlanError
from reconciler.plan.model import Change
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import Safety


def _plan(*changes: Change, managed: int, min_managed: int = 10) -> Plan:
    destructive = sum(1 for change in changes if change.is_destructive)
    return Plan("acme", changes, Safety(managed, destructive, 0.30, min_managed))


def _archive(key: str, blocked: str | None = None) -> Change:
    return Change(Kind.ARCHIVE, key, key.title(), "no spec", live_id=f"id-{key}", blocked=blocked)


def test_a_plan_within_the_limits_is_not_refused() -> None:
    plan = _plan(*(_archive(f"k{n}") for n in range(3)), managed=10)  # 30%: at the limit

    assert refusals(plan, force=False) == []
    check_safety(plan, force=False)


def test_the_threshold_counts_only_from_min_managed_interviews() -> None:
    assert refusals(_plan(*(_archive(f"k{n}") for n in range(5)), managed=9), force=False) == []
    assert refusals(_plan(_archive("k0"), managed=0, min_managed=0), force=False) == []


def test_over_the_threshold_is_refused_unless_forced() -> None:
    plan = _plan(*(_archive(f"k{n}") for n in range(4)), managed=10)
    expected = [
        "the plan archives or recreates 4 of 10 managed interviews (40%), over the 30% limit; "
        "if that is intended, plan and apply with --force"
    ]

    assert refusals(plan, force=False) == expected
    assert refusals(plan, force=True) == []
    with pytest.raises(UnsafePlanError) as caught:
        check_safety(plan, force=False)
    assert list(caught.value.reasons) == expected


def test_protect_is_refused_even_when_forced_and_comes_first() -> None:
    protected = _archive("kept", blocked="protect: true forbids archiving this interview")
    plan = _plan(protected, *(_archive(f"k{n}") for n in range(4)), managed=10)
    protect_line = (
        "kept: protect: true forbids archiving this interview (--force does not override it); "
        "restore the spec or its earlier values, or remove protect: true from it in a change "
        "of its own first"
    )

    assert refusals(plan, force=True) == [protect_line]
    assert refusals(plan, force=False)[0] == protect_line
    assert len(refusals(plan, force=False)) == 2
