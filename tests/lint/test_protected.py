from __future__ import annotations

from reconciler.lint.protected import check_protected
from reconciler.lint.protected import normalise
from reconciler.lint.protected import protected_matches
from reconciler.lint.rules import Severity
from reconciler.spec.model import Location
from tests.lint.builders import interview
from tests.lint.builders import question


def test_a_finding_names_the_phrase_and_explains_the_risk() -> None:
    (found,) = check_protected(interview([question("age", "So, how old are you?")]))
    assert found.rule_id == "IAC101"
    assert found.severity is Severity.ERROR
    assert found.location == Location("interviews/demo.yaml", 10, 17)
    assert (found.interview_key, found.question_key) == ("demo", "age")
    assert found.message == (
        'question 1 (key "age"): asks about age or date of birth ("how old are you"). Age is '
        "protected in most jurisdictions. Asking about it invites a discrimination claim and "
        "lets the answer bias the scoring; ask only about what the job requires. A minimum "
        'legal age ("are you at least 18?") may be asked where the law requires.'
    )


def test_one_question_can_touch_several_categories() -> None:
    text = "Are you married, and what is your religion?"
    assert protected_matches(text) == (("family", "Are you married"), ("religion", "religion"))


def test_allowed_phrase_does_not_hide_a_protected_question_beside_it() -> None:
    text = "Are you authorised to work here, and what is your nationality?"
    assert protected_matches(text) == (("nationality", "nationality"),)


def test_typographic_apostrophes_and_line_breaks_are_normalised() -> None:
    assert normalise("Quel est votre pays d\u2019origine\n  ?") == "Quel est votre pays d'origine ?"
    assert protected_matches("Quel est votre pays d\u2019origine ?") == (
        ("nationality", "pays d'origine"),
    )


def test_generated_interview_without_questions_has_no_findings() -> None:
    generated = interview([])
    assert list(check_protected(generated)) == []
