from __future__ import annotations

from tests.spec.helpers import VALID
from tests.spec.helpers import problems_of


def test_unknown_field_gets_did_you_mean() -> None:
    assert problems_of(VALID + "max_duraton: 1800\n") == [
        'support.yaml:11:1: unknown field "max_duraton" (did you mean "max_duration"?)'
    ]


def test_conditional_fields_point_to_follows() -> None:
    text = VALID + "  - question: Why?\n    is_conditional: true\n"
    assert problems_of(text) == [
        'support.yaml:12:5: unknown field "is_conditional" '
        "(use follows: <key of an earlier question>)"
    ]


def test_generation_fields_at_the_top_level_point_to_generate() -> None:
    assert problems_of(VALID + "interview_length: 5\n") == [
        'support.yaml:11:1: unknown field "interview_length" (move it under generate:)'
    ]


def test_unknown_field_without_a_close_match_lists_the_allowed_ones() -> None:
    text = VALID.split("questions:")[0] + "generate:\n  wibble: 1\n"
    assert problems_of(text) == [
        'support.yaml:7:3: unknown field "wibble" (allowed here: additional_context, '
        "include_closing_prompt, include_rapport_question, interview_length, "
        "use_enhanced_expectations)"
    ]


def test_wrong_type() -> None:
    assert problems_of(VALID + "max_duration: 20 minutes\n") == [
        'support.yaml:11:15: "max_duration" must be an integer, not the text "20 minutes"'
    ]


def test_wrong_type_in_a_question_names_it_by_number_from_1() -> None:
    text = VALID + "  - question: Why?\n    duration: true\n"
    assert problems_of(text) == [
        "support.yaml:12:15: question 3: duration must be an integer or null, not true (true/false)"
    ]


def test_a_question_with_a_key_is_named_by_number_and_key() -> None:
    text = VALID + "  - key: why\n    question: Why?\n    duration: -5\n"
    assert problems_of(text) == [
        'support.yaml:13:15: question 3 (key "why"): duration must be at least 1, not -5'
    ]


def test_wrong_enum_value_gets_did_you_mean() -> None:
    assert problems_of(VALID + "status: activ\n") == [
        'support.yaml:11:9: "status" must be one of draft, active, archived; not "activ" '
        '(did you mean "active"?)'
    ]


def test_nullable_enum_mentions_null() -> None:
    assert problems_of(VALID + "recording: video\n") == [
        'support.yaml:11:12: "recording" must be one of audio_first_5_answers, audio_all, '
        'video_all, video_first_5_answers or null; not "video" (did you mean "video_all"?)'
    ]


def test_out_of_range_number() -> None:
    assert problems_of(VALID + "interview_attempts: 0\n") == [
        'support.yaml:11:21: "interview_attempts" must be at least 1, not 0'
    ]


def test_key_that_is_not_a_slug() -> None:
    assert problems_of("key: Senior Backend\n" + VALID) == [
        "support.yaml:1:6: \"key\" must be a key: lowercase letters, digits and '-', "
        'not "Senior Backend" (for example senior-backend)'
    ]


def test_question_key_that_is_not_a_slug() -> None:
    text = VALID.replace("key: intro", "key: Intro_1")
    assert problems_of(text) == [
        "support.yaml:7:10: question 1: key must be a key: lowercase letters, digits "
        "and '-', not \"Intro_1\" (for example intro-1)"
    ]


def test_missing_required_fields_without_generate() -> None:
    text = VALID.split("description:")[0]
    assert problems_of(text) == [
        'support.yaml:1:1: missing required field "description" '
        "(interviews with own questions need a short description)",
        'support.yaml:1:1: missing required field "questions" '
        "(list the questions, or add generate: to let the AI write them)",
    ]


def test_empty_question_list() -> None:
    text = VALID.split("questions:")[0] + "questions: []\n"
    assert problems_of(text) == ['support.yaml:6:12: "questions" must not be empty']


def test_lint_needs_a_reason_and_rule_ids() -> None:
    text = VALID + "lint:\n  ignore: [qst1]\n"
    assert problems_of(text) == [
        'support.yaml:11:1: missing required field "reason" '
        "(lint needs ignore: [RULE-ID, ...] and reason: why)",
        'support.yaml:12:12: "lint.ignore" item 1: rule ids look like IAC101, not "qst1"',
    ]


def test_import_id_must_be_a_uuid() -> None:
    assert problems_of(VALID + "import_id: 1234\n") == [
        'support.yaml:11:12: "import_id" must be a string, not the number 1234'
    ]
    assert problems_of(VALID + "import_id: abc\n") == [
        'support.yaml:11:12: "import_id" must be a UUID, not "abc" (copy the id from JobMojito)'
    ]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = VALID + "status: activ\nmax_duraton: 1\n  # end\n"
    assert len(problems_of(text)) == 2
