"""The sync marker: what content hashes alike, and its parts (which field drifted, which
one the spec changed since the last apply)."""

from __future__ import annotations

from typing import Any

from reconciler.plan.compare_interview import compare
from reconciler.plan.sync import QUESTIONS as QUESTIONS_PART
from reconciler.plan.sync import base_of
from reconciler.plan.sync import names_in
from reconciler.plan.sync import recorded_parts
from reconciler.plan.sync import sync_base
from reconciler.plan.sync import sync_marker
from reconciler.plan.sync import unchanged_parts
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


def test_equal_content_hashes_alike() -> None:
    assert sync_marker(FIELDS, QUESTIONS) == sync_marker(_copy(FIELDS), _copy(QUESTIONS))


def test_a_number_equal_to_a_flag_is_other_content() -> None:
    questions = _copy(QUESTIONS)
    questions[0][1]["is_expert"] = 0  # == False, but JSON says 0, not false
    assert sync_marker(FIELDS, QUESTIONS) != sync_marker(FIELDS, questions)
    assert sync_marker({"tags": [True]}, None) != sync_marker({"tags": [1]}, None)


def test_different_values_or_questions_hash_apart() -> None:
    assert sync_marker(FIELDS, QUESTIONS) != sync_marker({**FIELDS, "name": "Other"}, QUESTIONS)
    assert sync_marker(FIELDS, QUESTIONS) != sync_marker(FIELDS, None)
    huge = {"interview_attempts": 2**70}
    assert sync_marker(huge, None) != sync_marker({"interview_attempts": 2**70 + 1}, None)


def test_key_order_does_not_count() -> None:
    reordered = dict(reversed(list(FIELDS.items())))
    assert sync_marker(FIELDS, None) == sync_marker(reordered, None)


def test_a_text_subclass_hashes_as_its_text() -> None:
    class Text(str):
        pass

    plain = {"name": "Screen", "interview_attempts": 2}
    assert sync_marker({**plain, "name": Text("Screen")}, None) == sync_marker(plain, None)
    assert sync_marker({**plain, "interview_attempts": 2.0}, None) != sync_marker(plain, None)


def test_a_question_flag_read_back_as_a_number_is_drift() -> None:
    desired = spec(questions=(question("why", "Why support?"),))
    live = live_like(desired)
    assert not compare(target_of(desired), live).drift
    live.definition["questions"][0]["is_expert"] = 0
    found = compare(target_of(desired), live)
    assert found.drift
    assert found.questions == ()  # equal as values: nothing to change, but not as applied


def _older(marker: str) -> str:
    """The marker as written before it recorded parts: `<hash>.<mask>`."""
    return base_of(marker)


def test_a_marker_records_one_part_per_field_and_one_for_the_questions() -> None:
    marker = sync_marker(FIELDS, QUESTIONS)
    parts = recorded_parts(marker)
    assert parts is not None
    assert set(parts) == frozenset({*FIELDS, QUESTIONS_PART})
    assert names_in(marker) == names_in(_older(marker))
    assert set(names_in(marker) or ()) == set(FIELDS)
    without = recorded_parts(sync_marker(FIELDS, None))
    assert without is not None and set(without) == set(FIELDS)


def test_the_base_is_the_older_marker_so_older_markers_still_tell_drift() -> None:
    marker = sync_marker(FIELDS, QUESTIONS)
    assert base_of(marker) == sync_base(FIELDS, QUESTIONS)
    assert base_of(_older(marker)) == base_of(marker)
    assert recorded_parts(_older(marker)) is None


def test_a_changed_value_changes_only_its_own_part() -> None:
    before = recorded_parts(sync_marker(FIELDS, QUESTIONS))
    after = recorded_parts(sync_marker({**FIELDS, "name": "Other"}, QUESTIONS))
    assert before is not None and after is not None
    assert {name for name in before if before[name] != after[name]} == {"name"}
    reworded = _copy(QUESTIONS)
    reworded[0][1]["question"] = "Why not?"
    moved = recorded_parts(sync_marker(FIELDS, reworded))
    assert moved is not None
    assert {name for name in before if before[name] != moved[name]} == {QUESTIONS_PART}


def test_a_flag_and_a_number_have_different_parts() -> None:
    flag = recorded_parts(sync_marker({"name": "Screen", "interview_attempts": True}, None))
    number = recorded_parts(sync_marker({"name": "Screen", "interview_attempts": 1}, None))
    assert flag is not None and number is not None
    assert flag["interview_attempts"] != number["interview_attempts"]


def test_parts_that_do_not_fit_the_mask_are_not_read() -> None:
    marker = sync_marker(FIELDS, QUESTIONS)
    assert recorded_parts(marker + "abc") is None
    assert recorded_parts(marker + "abcdef") is None  # one part more than fields + questions
    assert recorded_parts(f"{marker}.more") is None
    assert recorded_parts("hash.zz.abcdef") is None


def test_unchanged_parts_are_those_the_spec_holds_as_last_applied() -> None:
    applied = sync_marker(FIELDS, QUESTIONS)
    edited = sync_marker({**FIELDS, "max_followups": 3}, QUESTIONS)
    assert unchanged_parts(applied, edited) == frozenset({"name", "tags", QUESTIONS_PART})
    assert unchanged_parts(applied, applied) == frozenset({*FIELDS, QUESTIONS_PART})


def test_a_field_managed_since_the_last_apply_is_not_unchanged() -> None:
    applied = sync_marker(FIELDS, None)
    more = sync_marker({**FIELDS, "interview_attempts": 2}, None)
    assert unchanged_parts(applied, more) == frozenset(FIELDS)


def test_an_older_marker_tells_parts_only_when_the_content_is_the_same() -> None:
    applied = sync_marker(FIELDS, QUESTIONS)
    assert unchanged_parts(_older(applied), applied) == frozenset({*FIELDS, QUESTIONS_PART})
    edited = sync_marker({**FIELDS, "name": "Other"}, QUESTIONS)
    assert unchanged_parts(_older(applied), edited) is None
    assert unchanged_parts(None, applied) is None


def _drift_of(found: Any) -> list[tuple[str, bool]]:
    return [(change.field, change.drift) for change in found.fields]


def test_a_field_drifts_when_its_live_value_left_the_one_last_applied() -> None:
    desired = spec()
    live = live_like(desired, name="Renamed in JobMojito")
    edited = spec(description="Edited in the spec")
    assert _drift_of(compare(target_of(edited), live)) == [
        ("name", True),
        ("description", False),
    ]


def test_with_an_older_marker_drift_is_told_only_for_a_spec_as_last_applied() -> None:
    desired = spec()
    target = target_of(desired)
    older = target.markers._replace(sync=_older(target.markers.sync or ""))
    live = live_like(desired, name="Renamed in JobMojito", tags=list(older.tags()))
    assert _drift_of(compare(target, live)) == [("name", True)]
    edited = spec(description="Edited in the spec")
    assert _drift_of(compare(target_of(edited), live)) == [
        ("name", False),
        ("description", False),
    ]


def test_content_as_the_spec_but_a_marker_of_other_content_is_an_update() -> None:
    """Drift taken into the spec: nothing to change, but the marker must be rewritten."""
    desired = spec()
    applied = target_of(spec(name="Before the drift")).markers
    live = live_like(desired, tags=list(applied.tags()))
    found = compare(target_of(desired), live)
    assert (found.fields, found.questions, found.drift, found.markers_differ) == (
        (),
        (),
        False,
        True,
    )
    assert not compare(target_of(desired), live_like(desired)).markers_differ


def test_drift_taken_in_beside_drift_still_pending_is_drift() -> None:
    applied = target_of(spec(name="Before the drift")).markers
    desired = spec()  # took in the live name
    live = live_like(desired, description="Edited in the app", tags=list(applied.tags()))
    found = compare(target_of(desired), live)
    assert found.drift
    assert _drift_of(found) == [("description", True)]


def test_no_marker_update_for_a_marker_already_the_specs() -> None:
    desired = spec(questions=(question("why", "Why support?"),))
    live = live_like(desired)
    live.definition["questions"][0]["is_expert"] = 0
    found = compare(target_of(desired), live)
    assert found.drift and not found.markers_differ
