"""Matching live questions to spec questions, and stamping keys on those matched by text."""

from __future__ import annotations

from typing import Any

from reconciler.plan.compare import desired_question
from reconciler.plan.compare import live_question
from reconciler.plan.model import FieldChange
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.plan.questions import compare_questions
from reconciler.plan.questions import key_live_questions
from reconciler.spec.model import DesiredQuestion
from reconciler.spec.model import Location

HERE = Location("interviews/x.yaml", 1, 1)


def _desired(*pairs: tuple[str, str]) -> list[DesiredQuestion]:
    return [DesiredQuestion(key, {"question": text}, HERE) for key, text in pairs]


def _item(text: str, external_id: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"id": f"id-{text}-{external_id}", "question": text, "external_id": external_id, **extra}


def test_repeated_texts_pair_up_in_order() -> None:
    desired = _desired(("first", "Any questions?"), ("second", "Any questions?"))
    live = key_live_questions([_item("Any questions?"), _item("Any questions?")], desired)
    assert [question.key for question in live] == ["first", "second"]


def test_an_external_id_the_spec_does_not_know_is_matched_by_text() -> None:
    desired = _desired(("why", "Why us?"))
    live = key_live_questions([_item("Why us?", "Q-1")], desired)
    assert compare_questions(desired, live) == (
        QuestionChange(
            QuestionOp.CHANGED, "why", "Why us?", 0, 0, (FieldChange("key", "Q-1", "why"),)
        ),
    )


def test_a_question_matched_by_text_gets_its_key_stamped() -> None:
    desired = _desired(("why", "Why us?"), ("when", "When can you start?"))
    items = [_item("Why us?", "why"), _item("When can you start?")]
    changes = compare_questions(desired, key_live_questions(items, desired))
    assert changes == (
        QuestionChange(
            QuestionOp.CHANGED, "when", "When can you start?", 1, 1,
            (FieldChange("key", None, "when"),),
        ),
    )  # fmt: skip


def test_keyed_questions_are_not_stamped_again() -> None:
    desired = _desired(("why", "Why us?"))
    assert compare_questions(desired, key_live_questions([_item("Why us?", "why")], desired)) == ()


def test_an_external_id_claimed_by_the_spec_is_never_taken_by_text() -> None:
    desired = _desired(("a", "Same?"), ("b", "Same?"))
    live = key_live_questions([_item("Same?"), _item("Same?", "a")], desired)
    assert [question.key for question in live] == ["b", "a"]


def _forms_of(
    desired: list[DesiredQuestion], items: list[dict[str, Any]]
) -> tuple[Any, dict[str, dict[str, Any]], list[dict[str, Any]]]:
    live = key_live_questions(items, desired)
    forms = {question.key: desired_question(question) for question in desired}
    return live, forms, [live_question(q.item, forms[q.key], None) for q in live]


def test_forms_made_beforehand_give_the_same_answers() -> None:
    desired = _desired(("why", "Why us?"), ("how", "How?"))
    items = [_item("Why us?", "why"), _item("How?", "how")]
    assert compare_questions(desired, *_forms_of(desired, items)) == ()
    items[1]["external_id"] = None  # matched by text: the key is stamped
    assert compare_questions(desired, *_forms_of(desired, items)) == (
        QuestionChange(QuestionOp.CHANGED, "how", "How?", 1, 1, (FieldChange("key", None, "how"),)),
    )
    items[0]["is_expert"] = True
    assert compare_questions(desired, *_forms_of(desired, items))[0] == QuestionChange(
        QuestionOp.CHANGED, "why", "Why us?", 0, 0, (FieldChange("is_expert", True, False),)
    )


def test_keys_not_kept_questions_pair_by_text_then_position() -> None:
    desired = _desired(("why", "Why us?"), ("when", "When can you start?"), ("pay", "Salary?"))
    items = [_item("When can you start?"), _item("Why us, really?"), _item("Salary?")]
    live = key_live_questions(items, desired, written_with_keys=True)
    assert [question.key for question in live] == ["when", "#2", "pay"]
    items = [_item("Why us, really?"), _item("When can you start?"), _item("Salary?")]
    live = key_live_questions(items, desired, written_with_keys=True)
    assert [question.key for question in live] == ["why", "when", "pay"]


def test_keys_not_kept_no_key_is_stamped() -> None:
    desired = _desired(("why", "Why us?"), ("when", "When can you start?"))
    items = [_item("Why us?"), _item("When can we start?")]
    keyed = key_live_questions(items, desired, written_with_keys=True)
    assert compare_questions(desired, keyed) == (
        QuestionChange(
            QuestionOp.CHANGED, "when", "When can you start?", 1, 1,
            (FieldChange("question", "When can we start?", "When can you start?"),),
        ),
    )  # fmt: skip
    same = [_item("Why us?"), _item("When can you start?")]
    assert (
        compare_questions(desired, key_live_questions(same, desired, written_with_keys=True)) == ()
    )
    stamped = compare_questions(desired, key_live_questions(same, desired))
    assert [q.fields for q in stamped] == [
        (FieldChange("key", None, "why"),),
        (FieldChange("key", None, "when"),),
    ]  # not written by us (adopted, made by hand): the keys are stamped once
