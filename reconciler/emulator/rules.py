"""Request rules of the nine emulated endpoints, written as data in our own words.

Each body rule set lists every field the endpoint accepts: anything else is a 422
naming the field (stricter than the real API, so that client bugs surface early).
Pure data: no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from reconciler.emulator.catalog import LANGUAGE_CODES
from reconciler.emulator.validation import Rule

STATUSES: Final = ("draft", "active", "archived", "deleted", "preparing", "completed")
CREATE_STATUSES: Final = ("draft", "active")
CREATE_TYPES: Final = ("interview", "coaching", "assessment")
LIST_TYPES: Final = (*CREATE_TYPES, "public_avatar", "persona", "persona_interview")
VISIBILITIES: Final = ("merchant_public", "merchant_invite", "merchant_unlisted")
RECORDINGS: Final = ("audio_first_5_answers", "audio_all", "video_all", "video_first_5_answers")
SESSION_RECORDINGS: Final = ("audio_all", "video_all")
INTERVIEW_TYPES: Final = (
    "pre-screening",
    "pre-screening-with-test-questions",
    "second-interview",
    "remote-freelancer-verification",
    "strength-based-interview",
    "potential-based-interview",
    "process-verification-from-knowledge-base",
)
SENIORITIES: Final = (
    "entry-level",
    "intermediate",
    "senior",
    "managerial",
    "director",
    "executive",
)
RESULT_VIEWS: Final = (
    "none",
    "minimal",
    "minimal_with_score",
    "advanced",
    "full",
    "full_expand_scores",
)
SPEEDS: Final = ("slower", "normal", "faster")
VIDEO_INTRODUCTIONS: Final = ("optional", "required")
TYPE_CREDITS: Final = (
    "resume_check",
    "interview_coach_starter",
    "interview_coach_contributor",
    "interview_coach_manager",
    "cover_letter",
)
COACH_PLANS: Final = ("demo", "screening", "2nd", "3rd", "closing", "job-specific", "other")
TEMPLATE_TYPES: Final = (
    "interactive_heygen",
    "interactive_elevenlabs",
    "offline_heygen",
    "offline_elai",
    "offline_synthesia",
)
TEMPLATE_STATUSES: Final = ("active", "draft", "archived", "deleted")
TRUE_FALSE: Final = ("true", "false")


def _text(*, nullable: bool = True, uuid: bool = False) -> Rule:
    return Rule(types=("string",), nullable=nullable, uuid=uuid)


def _needed(*, uuid: bool = False, email: bool = False) -> Rule:
    return Rule(types=("string",), required=True, min_length=1, uuid=uuid, email=email)


def _choice(values: tuple[str, ...], *, nullable: bool = True, required: bool = False) -> Rule:
    return Rule(types=("string",), enum=values, nullable=nullable, required=required)


def _flag(*, nullable: bool = True) -> Rule:
    return Rule(types=("boolean",), nullable=nullable)


def _number(low: float | None = None, high: float | None = None, *, nullable: bool = True) -> Rule:
    return Rule(types=("number",), nullable=nullable, minimum=low, maximum=high)


def _words() -> Rule:
    return Rule(types=("array",), nullable=True, items=Rule(types=("string",)))


def _fields(**rules: Rule) -> Mapping[str, Rule]:
    return MappingProxyType(rules)


FREE_OBJECT: Final = Rule(types=("object",), nullable=True)
EXPECTATIONS: Final = Rule(
    types=("object",),
    nullable=True,
    fields=_fields(weak=_words(), moderate=_words(), strong=_words()),
)
HIRING_FOR_COMPANY: Final = Rule(
    types=("object",),
    nullable=True,
    fields=_fields(
        name=_text(), description=_text(), location=_text(), sector=_text(), company_size=_text()
    ),
)
_REPORT_FLAGS: Final = (
    "contact_details",
    "ai_recruiter_assessment",
    "ai_scoring_rubric",
    "analytics",
    "files",
    "transcript",
    "answer_recording",
    "session_recording",
    "group_by_question",
)
PDF_EXPORT: Final = Rule(
    types=("object",),
    nullable=True,
    fields=_fields(
        mojito_language_code=_choice(LANGUAGE_CODES, nullable=False),
        template=_choice(("classic", "modern", "one_pager"), nullable=False),
        **{flag: _flag(nullable=False) for flag in _REPORT_FLAGS},
    ),
)
QUESTION: Final = Rule(
    types=("object",),
    fields=_fields(
        question=Rule(types=("string",), required=True, min_length=1),
        id=_text(nullable=False),
        duration=_number(1),
        mojito_language_code=_choice(LANGUAGE_CODES),
        label=_text(),
        is_conditional=_flag(),
        is_without_scoring=_flag(),
        is_candidate_asking_recruiter=_flag(),
        is_expert=_flag(),
        is_multiple_choice=_flag(),
        question_alternatives=_words(),
        conditional_question_main_id=_text(),
        knowledge_base_id=_text(uuid=True),
        external_id=_text(),
        external_data=FREE_OBJECT,
        candidate_expectations_json=EXPECTATIONS,
    ),
)

# Fields every create endpoint and the update endpoint share, with the same rules.
_SHARED: Final = _fields(
    recording=_choice(RECORDINGS),
    recording_full_session=_choice(SESSION_RECORDINGS),
    seniority_level=_choice(SENIORITIES),
    interview_conversation_speed=_choice(SPEEDS),
    interview_tone=_text(),
    max_followups=Rule(types=("integer",), nullable=True, minimum=0, maximum=999),
    code=_text(),
    cover_image_url=_text(),
    interview_department=_text(),
    interview_salary=_text(),
    interview_available_till=_text(),
    recruiter_profile_id=_text(),
    hiring_for_company=HIRING_FOR_COMPANY,
    tags=_words(),
    knowledge_base_store_id=_text(uuid=True),
    description_long=_text(),
    candidate_expectations=_text(),
    custom_scoring=FREE_OBJECT,
    required_pronunciation=_flag(),
    result_enable_edit_transcript=_flag(),
    pdf_export_auto_config=PDF_EXPORT,
)
_CREATE_COMMON: Final = _fields(
    **_SHARED,
    name=_needed(),
    location=_needed(),
    mojito_language_code=_choice(LANGUAGE_CODES, nullable=False, required=True),
    status=_choice(CREATE_STATUSES, nullable=False, required=True),
    type=_choice(CREATE_TYPES, nullable=False, required=True),
    visibility=_choice(VISIBILITIES, nullable=False, required=True),
    result_view=_choice(RESULT_VIEWS),
    candidate_video_introduction=_choice(VIDEO_INTRODUCTIONS),
    interview_attempts=_number(1, 20),
    questions_random_subset=_number(0.01, 0.9),
    merchant_id=_text(uuid=True),
    welcome_message=_text(),
    thank_you_message=_text(),
    additional_context=FREE_OBJECT,
    instructional_video=_flag(),
    instructional_video_custom_text=_text(),
    is_embedded=_flag(),
)
CREATE_BODY: Final = _fields(
    **_CREATE_COMMON,
    interview_template_id=_needed(uuid=True),
    interview_type=_choice(INTERVIEW_TYPES, nullable=False),
    description=_text(),
    interview_length=Rule(types=("number", "string"), nullable=True),
    max_duration=_number(60),
    include_rapport_question=_flag(),
    include_closing_prompt=_flag(),
    use_enhanced_expectations=_flag(),
)
CREATE_FROM_ARRAY_BODY: Final = _fields(
    **_CREATE_COMMON,
    interview_template_id=_needed(uuid=True),
    interview_type=_choice(INTERVIEW_TYPES),
    description=_needed(),
    questions=Rule(types=("array",), required=True, min_items=1, items=QUESTION),
    candidate_expectations_json=EXPECTATIONS,
    disable_deduplication=_flag(),
)
UPDATE_BODY: Final = _fields(
    **_SHARED,
    position_id=_needed(uuid=True),
    status=_choice(STATUSES, nullable=False),
    visibility=_choice(VISIBILITIES, nullable=False),
    name=_text(),
    location=_text(),
    description=_text(),
    questions=Rule(types=("array",), min_items=1, items=QUESTION),
    regenerate_candidate_expectations=_flag(nullable=False),
    type=_choice(CREATE_TYPES, nullable=False),
    type_credit=_choice(TYPE_CREDITS),
    coach_plan=_choice(COACH_PLANS),
    interview_template_id=Rule(types=("string",), min_length=1, uuid=True),
    result_view=_choice(RESULT_VIEWS, nullable=False),
    candidate_video_introduction=_choice(("hidden", *VIDEO_INTRODUCTIONS)),
    max_duration=_number(60),
    questions_random_subset=_number(0.01, 0.9),
    interview_attempts=_number(1, 20, nullable=False),
    candidate_expectations_json=EXPECTATIONS,
    interview_type=_choice(INTERVIEW_TYPES),
)
SET_STATE_BODY: Final = _fields(
    position_id=_needed(uuid=True),
    status=_choice(STATUSES),
    is_embedded=_flag(),
)
CANDIDATE_BODY: Final = _fields(
    position_def_set_id=_text(uuid=True),
    position_external_id=_text(),
    interview_template_id=_text(uuid=True),
    merchant_id=_text(uuid=True),
    position_name=_text(),
    position_location=_text(),
    position_country_code=_text(),
    mojito_language_code=_choice(LANGUAGE_CODES),
    position_description=_text(),
    position_description_long=_text(),
    candidate_name=_needed(),
    candidate_email=_needed(email=True),
    candidate_country_code=_needed(),
    candidate_resume=_needed(),
    candidate_external_id=_text(),
    candidate_linkedin_url=_text(),
    candidate_video_introduction=_choice(VIDEO_INTRODUCTIONS),
    interview_attempts=_number(1, 20),
    seniority_level=_choice(SENIORITIES),
    result_view=_choice(RESULT_VIEWS),
    custom_scoring=FREE_OBJECT,
    use_enhanced_expectations=_flag(),
    include_rapport_question=_flag(),
    include_closing_prompt=_flag(),
    instructional_video=_flag(),
    instructional_video_custom_text=_text(),
    welcome_message=_text(),
    thank_you_message=_text(),
    max_duration=_number(60),
    is_embedded=_flag(),
    interview_department=_text(),
    interview_salary=_text(),
    interview_available_till=_text(),
    interview_conversation_speed=_choice(SPEEDS),
    max_followups=Rule(types=("integer",), nullable=True, minimum=0, maximum=999),
    questions_random_subset=_number(0.01, 0.9),
    required_pronunciation=_flag(),
    result_enable_edit_transcript=_flag(),
    tags=_words(),
    recruiter_profile_id=_text(),
    hiring_for_company=HIRING_FOR_COMPANY,
    pdf_export_auto_config=PDF_EXPORT,
)

# Emails are checked per user by the endpoint (an "Error: ..." row), not here.
REGISTER_USER: Final = Rule(
    types=("object",), fields=_fields(name=_text(), email=_text(), external_id=_text())
)
_FLAG_OR_WORD: Final = Rule(types=("boolean", "string"), nullable=True)
REGISTER_USERS_BODY: Final = _fields(
    users=Rule(types=("array",), required=True, items=REGISTER_USER),
    interview_id=_needed(uuid=True),
    merchant_id=_text(uuid=True),
    send_email=_flag(),
    hide_menu=_FLAG_OR_WORD,
    hide_iframe=_FLAG_OR_WORD,
    is_test=_FLAG_OR_WORD,
)

_PAGING: Final = _fields(
    merchant_id=Rule(types=("string",), uuid=True),
    filter_text=Rule(types=("string",)),
    limit=Rule(types=("integer",), minimum=1, maximum=1000),
    offset=Rule(types=("integer",), minimum=0),
)
GET_QUERY: Final = _fields(position_id=_needed(uuid=True))
INTERVIEW_LIST_QUERY: Final = _fields(
    **_PAGING,
    type=_choice(LIST_TYPES, nullable=False),
    status=_choice(STATUSES, nullable=False),
    show_public=_choice(TRUE_FALSE, nullable=False),
    show_demo=_choice(TRUE_FALSE, nullable=False),
    filter_emoji=Rule(types=("string",)),
)
AVATAR_LIST_QUERY: Final = _fields(
    **_PAGING,
    type=_choice(TEMPLATE_TYPES, nullable=False),
    status=_choice(TEMPLATE_STATUSES, nullable=False),
    mojito_language_code=Rule(types=("string",)),
    include_archived=_choice(TRUE_FALSE, nullable=False),
    include_public=_choice(TRUE_FALSE, nullable=False),
)
NO_QUERY: Final = _fields()
