"""Comparable forms of desired and live values."""

from __future__ import annotations

from typing import Any

from reconciler.plan.compare import desired_question
from reconciler.plan.compare import live_question
from reconciler.plan.compare import plain
from tests.plan.builders import question


def test_desired_forms_follow_the_registry_order_and_own_their_defaults() -> None:
    first = desired_question(question("a", "A?", duration=60, is_expert=None))
    second = desired_question(question("b", "B?"))
    assert list(first) == [
        "question",
        "duration",
        "label",
        "is_without_scoring",
        "is_candidate_asking_recruiter",
        "is_expert",
        "is_multiple_choice",
        "question_alternatives",
        "knowledge_base_id",
        "external_data",
        "follows",
    ]
    assert first["is_expert"] is False  # null in the spec: the default
    assert first["question_alternatives"] == second["question_alternatives"] == []
    assert first["question_alternatives"] is not second["question_alternatives"]


def test_live_forms_put_defaults_in_for_nulls_and_keep_the_names_order() -> None:
    item = {"question": "A?", "is_expert": None, "duration": 60.0, "label": None}
    form = live_question(item, ["is_expert", "question", "duration", "label", "follows"], "b")
    assert list(form.items()) == [
        ("is_expert", False),
        ("question", "A?"),
        ("duration", 60),
        ("label", None),
        ("follows", "b"),
    ]
    assert type(form["duration"]) is int


def test_plain_makes_json_ready_copies() -> None:
    source: dict[Any, Any] = {"a": (1, 2.0, 2.5), 3: {"b": [True, None]}}
    assert plain(source) == {"a": [1, 2, 2.5], "3": {"b": [True, None]}}
    assert plain(source)["3"]["b"] is not source[3]["b"]
