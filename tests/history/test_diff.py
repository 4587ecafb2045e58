from __future__ import annotations

from reconciler.history.diff import Segment
from reconciler.history.diff import diff_interview
from reconciler.history.diff import diff_questions
from reconciler.history.diff import word_diff
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion
from reconciler.spec.model import Location

HERE = Location("interviews/a.yaml", 1, 1)


def _q(key: str, text: str, **values: object) -> DesiredQuestion:
    return DesiredQuestion(key, {"question": text, **values}, HERE)


def _interview(*questions: DesiredQuestion, **values: object) -> DesiredInterview:
    return DesiredInterview("a", "interviews/a.yaml", dict(values), tuple(questions), HERE)


def test_word_diff_keeps_spacing_and_punctuation() -> None:
    assert word_diff("Lift 20 kg, safely.", "Lift 25 kg safely.") == (
        Segment("equal", "Lift "),
        Segment("delete", "20"),
        Segment("insert", "25"),
        Segment("equal", " kg"),
        Segment("delete", ","),
        Segment("equal", " safely."),
    )


def test_question_added_removed_changed_and_moved() -> None:
    before = (_q("a", "A?"), _q("b", "B?"), _q("c", "C?", duration=60))
    after = (_q("c", "C?", duration=90), _q("b", "B?"), _q("d", "D?"))
    changes = diff_questions(before, after)
    assert [(c.key, c.kind) for c in changes] == [
        ("a", "removed"), ("c", "changed"), ("d", "added")
    ]  # fmt: skip
    assert [(f.name, f.before, f.after) for f in changes[1].fields] == [("duration", 60, 90)]


def test_pure_reorder_is_a_move() -> None:
    changes = diff_questions((_q("a", "A?"), _q("b", "B?")), (_q("b", "B?"), _q("a", "A?")))
    assert [(c.key, c.kind) for c in changes] == [("b", "moved")]


def test_follows_change_is_a_field_change() -> None:
    before = (DesiredQuestion("b", {"question": "B?"}, HERE, follows=None),)
    after = (DesiredQuestion("b", {"question": "B?"}, HERE, follows="a"),)
    (change,) = diff_questions(before, after)
    assert [(f.name, f.before, f.after) for f in change.fields] == [("follows", None, "a")]


def test_unchanged_interview_is_no_change_and_added_lists_everything() -> None:
    same = _interview(_q("a", "A?"), name="X")
    assert diff_interview(same, same) is None
    added = diff_interview(None, same)
    assert added is not None
    assert (added.kind, [f.name for f in added.fields]) == ("added", ["name"])
    assert [(q.key, q.kind) for q in added.questions] == [("a", "added")]
