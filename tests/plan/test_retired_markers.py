"""A retired identity: kept readable for people, never read as a marker."""

from __future__ import annotations

from reconciler.plan.markers import Markers
from reconciler.plan.markers import is_retired
from reconciler.plan.markers import read_markers
from reconciler.plan.markers import retired_tags

MARKED = ("team-a", *Markers("acme", "support", "abc", None, "def", True, True).tags())


def test_retiring_keeps_user_tags_and_drops_every_other_marker() -> None:
    assert retired_tags(MARKED) == ["team-a", "iac-retired:acme/support"]


def test_a_retired_interview_has_no_markers_and_looks_unmarked_to_discovery() -> None:
    tags = retired_tags(MARKED)
    assert read_markers(tags) is None
    assert is_retired(tags) and not is_retired(MARKED)


def test_retiring_twice_changes_nothing_and_unmarked_tags_stay_as_they_are() -> None:
    once = retired_tags(MARKED)
    assert retired_tags(once) == once
    assert retired_tags([*once, *MARKED[1:]]) == once
    assert retired_tags(["team-a"]) == ["team-a"]
