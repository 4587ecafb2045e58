from __future__ import annotations

from reconciler.lint import Finding
from reconciler.lint import has_errors
from reconciler.lint import lint_interviews
from tests.lint.builders import interview
from tests.lint.builders import question


def _rules(found: tuple[Finding, ...]) -> list[tuple[str, str | None]]:
    return [(f.rule_id, f.question_key) for f in found]


def test_findings_of_every_family_sorted_by_position() -> None:
    questions = [
        question("a", "What is your nationality?", duration=900),
        question("b", "What is your nationality?", duration=900),
        question("c", "Email me at hr@example.com if the video fails."),
    ]
    found = lint_interviews([interview(questions)])
    assert _rules(found) == [
        ("IAC401", None),
        ("IAC105", "a"),
        ("IAC105", "b"),
        ("IAC301", "b"),
        ("IAC201", "c"),
    ]
    assert has_errors(found)


def test_question_level_ignore_silences_only_that_rule_on_that_question() -> None:
    questions = [
        question("a", "What is your nationality?", ignore=("IAC105",)),
        question("b", "What is your nationality?"),
    ]
    assert _rules(lint_interviews([interview(questions)])) == [("IAC105", "b"), ("IAC301", "b")]


def test_file_level_ignore_silences_the_rule_everywhere_in_the_interview() -> None:
    questions = [question("a", "Why us?"), question("b", "why us")]
    ignored = interview(questions, ignore=("IAC301",))
    other = interview(questions, key="other")
    found = lint_interviews([ignored, other])
    assert [(f.interview_key, f.rule_id) for f in found] == [("other", "IAC301")]
    assert not has_errors(found)


def test_clean_interviews_have_no_findings() -> None:
    assert lint_interviews([interview([question("a", "Why this role?")])]) == ()
