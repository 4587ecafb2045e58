from __future__ import annotations

from tests.spec.helpers import VALID
from tests.spec.helpers import problems_of

HEAD = VALID.split("questions:")[0]


def test_follows_a_missing_question() -> None:
    text = VALID + "  - question: Why?\n    follows: intr\n"
    assert problems_of(text) == [
        'support.yaml:12:14: question 3: follows "intr": no question has this key '
        '(did you mean "intro"?)'
    ]


def test_follows_a_later_question() -> None:
    text = HEAD + (
        "questions:\n"
        "  - key: why\n    question: Why?\n    follows: tools\n"
        "  - key: tools\n    question: Which tools?\n"
    )
    assert problems_of(text) == [
        'support.yaml:9:14: question 1 (key "why"): follows "tools", which comes later '
        "(question 2) "
        "(a follow-up must come after the question it follows: move it below)"
    ]


def test_a_cycle_of_follows_is_reported_once() -> None:
    text = HEAD + (
        "questions:\n"
        "  - key: a\n    question: A?\n    follows: c\n"
        "  - key: b\n    question: B?\n    follows: a\n"
        "  - key: c\n    question: C?\n    follows: b\n"
    )
    assert problems_of(text) == [
        "support.yaml:9:14: follows makes a cycle: a -> c -> b -> a "
        "(a follow-up must follow an earlier question)"
    ]


def test_a_question_following_itself() -> None:
    text = HEAD + "questions:\n  - key: a\n    question: A?\n    follows: a\n"
    assert problems_of(text) == [
        'support.yaml:9:14: question 1 (key "a") follows itself '
        "(follows names the key of an earlier question)"
    ]


def test_follows_a_derived_key() -> None:
    text = HEAD + (
        "questions:\n  - question: Tell me about your last job.\n"
        "  - question: What did you learn?\n    follows: tell-me-about-your-last\n"
    )
    assert problems_of(text + "  - question: x\n    follows: nowhere-at-all\n") == [
        'support.yaml:11:14: question 3: follows "nowhere-at-all": no question has this key '
        "(follows names the key of an earlier question)"
    ]


def test_multiple_choice_needs_two_alternatives() -> None:
    text = VALID + (
        "  - question: English level?\n    is_multiple_choice: true\n"
        "    question_alternatives: [Fluent]\n"
    )
    assert problems_of(text) == [
        "support.yaml:12:25: question 3: multiple choice with 1 alternative; it needs at least "
        "two (list the answer options under question_alternatives)"
    ]


def test_multiple_choice_without_alternatives() -> None:
    text = VALID + "  - question: English level?\n    is_multiple_choice: true\n"
    assert problems_of(text) == [
        "support.yaml:12:25: question 3: multiple choice with 0 alternatives; it needs at least "
        "two (list the answer options under question_alternatives)"
    ]


def test_duplicate_question_keys() -> None:
    text = VALID + "  - key: intro\n    question: Again?\n"
    assert problems_of(text) == [
        'support.yaml:11:10: question 3: duplicate question key "intro" (first at line 7, '
        "question 1) "
        "(question keys must be unique in the file)"
    ]


def test_generate_together_with_questions() -> None:
    text = VALID + "generate:\n  interview_length: 5\n"
    assert problems_of(text) == [
        "support.yaml:6:1: generate and questions cannot be used together (remove generate: "
        "to manage your own questions, or questions: to let the AI write them)"
    ]


def test_interview_length_above_the_duration_cap() -> None:
    text = HEAD + "max_duration: 1200\ngenerate:\n  interview_length: 15\n"
    assert problems_of(text) == [
        "support.yaml:8:21: generate.interview_length is 15, above the cap of 10 questions "
        "for max_duration 1200 (one question per 2 minutes) "
        "(raise max_duration to at least 1800, or ask for at most 10 questions)"
    ]


def test_interview_length_cap_uses_the_default_duration() -> None:
    text = HEAD + "generate:\n  interview_length: 11\n"
    assert problems_of(text) == [
        "support.yaml:7:21: generate.interview_length is 11, above the cap of 10 questions "
        "for max_duration 1200 (one question per 2 minutes) "
        "(raise max_duration to at least 1320, or ask for at most 10 questions)"
    ]


def test_both_template_and_template_id() -> None:
    text = VALID.replace("template: Ava\n", "template: Ava\ninterview_template_id: x\n")
    assert problems_of(text) == [
        "support.yaml:5:1: set either template or interview_template_id, not both "
        "(template names the avatar; interview_template_id is its id)"
    ]


def test_neither_template_nor_template_id() -> None:
    assert problems_of(VALID.replace("template: Ava\n", "")) == [
        'support.yaml:1:1: missing required field "template" '
        "(name the avatar, e.g. template: Ava, or give interview_template_id)"
    ]


def test_an_unknown_lint_rule_is_named_with_a_suggestion() -> None:
    text = (
        "name: X\nlocation: Remote\nmojito_language_code: en\ntemplate: Ava\n"
        "description: d\nlint: {ignore: [IAC199], reason: r}\nquestions:\n  - question: Q?\n"
    )
    assert problems_of(text) == [
        'support.yaml:6:17: unknown lint rule "IAC199" (did you mean "IAC109"?)'
    ]
