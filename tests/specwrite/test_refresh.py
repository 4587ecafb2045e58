"""refreshed_text: only the named parts of a spec take their live values."""

from __future__ import annotations

from reconciler.live import LiveInterview
from reconciler.plan.compare_interview import compare
from reconciler.plan.model import Change
from reconciler.plan.model import Kind
from reconciler.plan.sync import QUESTIONS
from reconciler.spec.loader import load_spec_text
from reconciler.spec.model import DesiredInterview
from reconciler.specwrite.refresh import refreshed_text
from tests.plan.builders import TEMPLATES
from tests.plan.builders import live_like
from tests.plan.builders import target_of

FILE = "interviews/support.yaml"
TEXT = """\
name: Support  # the name candidates see
location: Remote
mojito_language_code: en
template: Ava
status: active
description: A screen.
questions:
  - key: why
    question: Why us?
"""


def _drifted() -> tuple[DesiredInterview, LiveInterview, Change]:
    interview = load_spec_text(TEXT, FILE)
    live = live_like(interview, name="Support (app)", description="Edited in the app.")
    live.definition["questions"][0]["question"] = "Why join us?"
    found = compare(target_of(interview), live)
    change = Change(Kind.UPDATE, interview.key, "Support", "drift", live_id=live.id, file=FILE,
                    fields=found.fields, questions=found.questions)  # fmt: skip
    return interview, live, change


def test_only_the_parts_to_write_take_their_live_values() -> None:
    interview, live, change = _drifted()
    text, names = refreshed_text(TEXT, interview, change, live, TEMPLATES, ("description",))
    assert names == ("description",)
    assert text == TEXT.replace("A screen.", "Edited in the app.")


def test_the_questions_are_written_only_when_named() -> None:
    interview, live, change = _drifted()
    text, names = refreshed_text(TEXT, interview, change, live, TEMPLATES, ("name", QUESTIONS))
    assert names == ("name", "questions")
    assert text == TEXT.replace("Support  #", "Support (app)  #").replace("Why us", "Why join us")


def test_nothing_named_leaves_the_text_as_it_is() -> None:
    interview, live, change = _drifted()
    assert refreshed_text(TEXT, interview, change, live, TEMPLATES, ()) == (TEXT, ())


def test_without_names_every_difference_is_written() -> None:
    interview, live, change = _drifted()
    text, names = refreshed_text(TEXT, interview, change, live, TEMPLATES)
    assert names == ("name", "description", "questions")
    assert "Edited in the app." in text and "Why join us?" in text
