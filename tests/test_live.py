"""LiveInterview: a plain, immutable value."""

from __future__ import annotations

import copy
import pickle

import pytest

from reconciler.live import LiveInterview

DEFINITION = {"name": "Support", "status": "active", "tags": ["team-a"]}


def test_tags_and_status_come_from_the_definition_then_the_summary() -> None:
    live = LiveInterview("id-1", {"status": "draft"}, DEFINITION)
    assert live.tags == ("team-a",) and live.status == "active"
    assert LiveInterview("id-1", {"status": "draft"}, {"tags": None}).status == "draft"
    assert LiveInterview("id-1", {}, {"tags": None}).tags == ()


def test_a_live_interview_cannot_be_changed() -> None:
    live = LiveInterview("id-1", {}, DEFINITION)
    with pytest.raises(AttributeError):
        live.id = "id-2"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(live)  # equal by value, and the values are dicts


def test_copies_and_pickles_are_equal() -> None:
    live = LiveInterview("id-1", {"id": "id-1"}, DEFINITION)
    for twin in (copy.copy(live), copy.deepcopy(live), pickle.loads(pickle.dumps(live))):
        assert twin == live and twin.definition == DEFINITION
    assert live != LiveInterview("id-2", {"id": "id-1"}, DEFINITION)
