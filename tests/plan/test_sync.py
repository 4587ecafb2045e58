"""The sync marker's shortcut: content known to be the same without hashing it."""

from __future__ import annotations

from typing import Any

from reconciler.plan.compare_interview import compare
from reconciler.plan.sync import same_content
from reconciler.plan.sync import sync_marker
from reconciler.spec.loader import load_spec_text
from tests.plan.builders import live_like
from tests.plan.builders import question
from tests.plan.builders import spec
from tests.plan.builders import target_of

FIELDS = {"name": "Screen", "max_followups": 2, "tags": ["a"]}
QUESTIONS = [["why", {"question": "Why?", "is_expert": False, "follows": None}]]


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def test_equal_content_is_the_same_and_hashes_alike() -> None:
    fields, questions = _copy(FIELDS), _copy(QUESTIONS)
    assert same_content(FIELDS, QUESTIONS, fields, questions)
    assert sync_marker(FIELDS, QUESTIONS) == sync_marker(fields, questions)


def test_a_number_equal_to_a_flag_is_not_the_same_content() -> None:
    questions = _copy(QUESTIONS)
    questions[0][1]["is_expert"] = 0  # == False, but JSON says 0, not false
    assert not same_content(FIELDS, QUESTIONS, FIELDS, questions)
    assert sync_marker(FIELDS, QUESTIONS) != sync_marker(FIELDS, questions)


def test_a_flag_nested_in_a_list_is_told_from_a_number() -> None:
    assert not same_content({"tags": [True]}, None, {"tags": [1]}, None)


def test_different_values_or_questions_are_not_the_same() -> None:
    assert not same_content(FIELDS, QUESTIONS, {**FIELDS, "name": "Other"}, QUESTIONS)
    assert not same_content(FIELDS, QUESTIONS, FIELDS, None)


def test_key_order_only_makes_the_answer_unknown() -> None:
    reordered = dict(reversed(list(FIELDS.items())))
    assert not same_content(FIELDS, None, reordered, None)
    assert sync_marker(FIELDS, None) == sync_marker(reordered, None)


def test_integers_past_64_bits_are_the_same_content() -> None:
    huge = {"interview_attempts": 2**70}
    assert same_content(huge, None, dict(huge), None)
    assert not same_content(huge, None, {"interview_attempts": 2**70 + 1}, None)


def test_text_utf8_cannot_hold_is_not_known_to_be_the_same() -> None:
    lone = {"name": "\ud800"}  # what json.loads makes of a "\ud800" escape
    assert not same_content(lone, None, dict(lone), None)


def test_same_content_means_the_same_marker() -> None:
    class Text(str):
        pass

    fields = {"name": Text("Screen"), "interview_attempts": 2}
    plain = {"name": "Screen", "interview_attempts": 2}
    assert same_content(fields, None, plain, None)
    assert sync_marker(fields, None) == sync_marker(plain, None)
    assert not same_content({**plain, "interview_attempts": 2.0}, None, plain, None)


def test_a_question_flag_read_back_as_a_number_is_drift() -> None:
    desired = spec(questions=(question("why", "Why support?"),))
    live = live_like(desired)
    assert not compare(target_of(desired), live).drift
    live.definition["questions"][0]["is_expert"] = 0
    found = compare(target_of(desired), live)
    assert found.drift
    assert found.questions == ()  # equal as values: nothing to change, but not as applied


def test_a_specs_sync_marker_is_the_canonical_one_with_or_without_floats() -> None:
    """make_target hashes a float-free spec without searching for small floats: the marker
    must be the one the canonical JSON gives, as it is for a spec that holds a float."""
    text = "name: Support\nlocation: Remote\nmojito_language_code: en\ntemplate: Ava\n"
    text += "description: A screen.\nquestions:\n  - question: Why us?\n"
    for extra, holds_float in (("", False), ("questions_random_subset: 0.25\n", True)):
        interview = load_spec_text(text + extra, "interviews/support.yaml")
        assert interview.holds_float is holds_float
        target = target_of(interview)
        assert target.markers.sync == sync_marker(target.fields, target.synced_questions)
