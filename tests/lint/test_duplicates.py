from __future__ import annotations

from reconciler.lint.duplicates import check_duplicates
from reconciler.lint.duplicates import jaccard
from reconciler.lint.duplicates import tokens
from tests.lint.builders import interview
from tests.lint.builders import question


def test_tokens_ignore_case_and_punctuation() -> None:
    assert tokens("Why THIS role?") == ("why", "this", "role")


def test_jaccard() -> None:
    assert jaccard(frozenset("abcd"), frozenset("abce")) == 3 / 5
    assert jaccard(frozenset(), frozenset()) == 1.0


def test_exact_duplicate_is_reported_on_the_later_question() -> None:
    questions = [question("a", "Why this role?"), question("b", "why this role")]
    (found,) = check_duplicates(interview(questions))
    assert (found.rule_id, found.question_key) == ("IAC301", "b")
    assert found.message.startswith(
        'question 2 (key "b"): repeats question 1 (key "a"). The candidate is asked'
    )


def test_near_duplicate_names_its_similarity() -> None:
    first = "Tell us about a project you led from start to finish"
    second = "Tell us about a project you led from the start to the finish"
    (found,) = check_duplicates(interview([question("a", first), question("b", second)]))
    assert found.rule_id == "IAC302"
    assert found.message.startswith(
        'question 2 (key "b"): shares 92% of its words with question 1 (key "a"); merge them '
        "or make them ask different things. "
    )


def test_similar_but_different_questions_are_not_duplicates() -> None:
    questions = [
        question("a", "What is your greatest strength?"),
        question("b", "What is your greatest weakness?"),
    ]
    assert list(check_duplicates(interview(questions))) == []
