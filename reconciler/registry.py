"""The field registry (DESIGN.md section 4): one table that everything else reads.

Per managed field it says: the spec name, the API write name, where job-interview-get
returns it, the value assumed when the spec omits it (or UNMANAGED: not compared),
how a change is made, which create endpoints accept it, and the JSON Schema fragment
the spec schema is generated from. The schema's create-only/immutable notes, the
loader's defaults, the planner's comparisons and the request builders all come from here.

Pure data: no I/O.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from typing import Final


class Unmanaged:
    """Sentinel for "when the spec omits this field, do not compare it"."""

    _instance: Unmanaged | None = None

    def __new__(cls) -> Unmanaged:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNMANAGED"


UNMANAGED: Final = Unmanaged()


class How(enum.Enum):
    """How a change to a field reaches the live interview."""

    IN_PLACE = "in_place"  # job-interview-update
    STATE = "state"  # job-interview-set-state
    RECREATE_IMMUTABLE = "recreate_immutable"  # readable, but the API cannot change it
    RECREATE_CREATE_ONLY = "recreate_create_only"  # accepted at create, never readable
    CREATE_TIME = "create_time"  # a create-time switch with no lasting effect: never compared


class Norm(enum.Enum):
    """How values are normalised before desired and live are compared."""

    PLAIN = "plain"
    BLANK_IS_NULL = "blank_is_null"  # the API stores "" as null (update rule 1)
    CASEFOLD = "casefold"  # case-insensitive enum-like free strings (interview_tone)
    NULL_IS_HIDDEN = "null_is_hidden"  # candidate_video_introduction: null reads as hidden
    TAG_SET = "tag_set"  # order and duplicates of tags carry no meaning
    SUBSET = "subset"  # merged objects (custom_scoring): desired keys must match live
    DROP_NULLS = "drop_nulls"  # objects whose null members mean "not set"
    NUMBER = "number"  # 1200 == 1200.0


CREATE: Final = "create"  # job-interview-create (Option A, AI-generated questions)
FROM_ARRAY: Final = "from_array"  # job-interview-create-from-array (Option B, own questions)


@dataclass(frozen=True)
class Field:
    """One managed field of an interview or of a question."""

    spec: str  # dotted path in the spec file: "name", "generate.interview_length"
    schema: Mapping[str, Any]  # JSON Schema fragment for the spec value
    description: str
    how: How
    read: tuple[str, ...] | None  # path in the job-interview-get response; None: not readable
    default: Any = UNMANAGED  # assumed when the spec omits the field
    write: str = ""  # API write name; defaults to the last part of `spec`
    creates: frozenset[str] = frozenset({CREATE, FROM_ARRAY})  # create endpoints accepting it
    in_update: bool = True  # job-interview-update accepts it
    norm: Norm = Norm.PLAIN

    @property
    def write_name(self) -> str:
        return self.write or self.spec.rsplit(".", 1)[-1]

    @property
    def is_create_only(self) -> bool:
        return self.how in (How.RECREATE_CREATE_ONLY, How.RECREATE_IMMUTABLE)


def _s(**fragment: Any) -> Mapping[str, Any]:
    return MappingProxyType(fragment)


def _enum(*values: str, nullable: bool = False) -> Mapping[str, Any]:
    if nullable:
        return _s(enum=[*values, None])
    return _s(type="string", enum=list(values))


def _str(nullable: bool = True, **extra: Any) -> Mapping[str, Any]:
    return _s(type=["string", "null"] if nullable else "string", **extra)


def _bool() -> Mapping[str, Any]:
    return _s(type=["boolean", "null"])


LANGUAGES: Final = (
    "ar", "bg", "zh", "hr", "cs", "da", "nl", "en", "fil", "fi", "fr", "de", "el", "hi", "hu",
    "id", "it", "ja", "ko", "ms", "no", "pl", "pt", "br", "ro", "ru", "sk", "es", "sv", "ta",
    "th", "tr", "uk", "vi",
)  # fmt: skip
RECORDING: Final = ("audio_first_5_answers", "audio_all", "video_all", "video_first_5_answers")
INTERVIEW_TYPES: Final = (
    "pre-screening",
    "pre-screening-with-test-questions",
    "second-interview",
    "remote-freelancer-verification",
    "strength-based-interview",
    "potential-based-interview",
    "process-verification-from-knowledge-base",
)
SENIORITY: Final = ("entry-level", "intermediate", "senior", "managerial", "director", "executive")
RESULT_VIEWS: Final = (
    "none",
    "minimal",
    "minimal_with_score",
    "advanced",
    "full",
    "full_expand_scores",
)
STATUSES: Final = ("draft", "active", "archived")
TYPES: Final = ("interview", "coaching", "assessment")
VISIBILITIES: Final = ("merchant_public", "merchant_invite", "merchant_unlisted")
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
OFFLINE_TEMPLATE_TYPES: Final = frozenset({"offline_heygen", "offline_elai", "offline_synthesia"})
LEGACY_TEMPLATE_TYPES: Final = frozenset({"offline_elai", "offline_synthesia"})
"""Template types the API no longer accepts for an interview (API-FACTS 8.2)."""

_COMPANY: Final = _s(
    type=["object", "null"],
    additionalProperties=False,
    properties={
        key: {"type": ["string", "null"]}
        for key in ("name", "description", "location", "sector", "company_size")
    },
)
_PDF_BOOLS: Final = (
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
_PDF: Final = _s(
    type=["object", "null"],
    additionalProperties=False,
    properties={
        "mojito_language_code": {"enum": [*LANGUAGES, None]},
        **{key: {"type": ["boolean", "null"]} for key in _PDF_BOOLS},
        "template": {"enum": ["classic", "modern", "one_pager", None]},
    },
)
_EXPECTATIONS: Final = _s(
    type=["object", "null"],
    properties={
        level: {"type": "array", "items": {"type": "string"}}
        for level in ("weak", "moderate", "strong")
    },
)

_RECREATE_NOTE: Final = (
    " Create-only: the API accepts it only when the interview is created and cannot read "
    "it back, so changing it recreates the interview (new id, new candidate links)."
)
_IMMUTABLE_NOTE: Final = (
    " Immutable: the API cannot change it after creation, so changing it recreates the "
    "interview (new id, new candidate links)."
)

INTERVIEW_FIELDS: Final[tuple[Field, ...]] = (
    Field("name", _str(False, minLength=1), "Interview name shown to candidates.",
          How.IN_PLACE, ("name",), default=UNMANAGED),
    Field("location", _str(False, minLength=1), "Where the job is (city, 'Remote', ...).",
          How.IN_PLACE, ("interview_location",), norm=Norm.BLANK_IS_NULL),
    Field("description", _str(), "Short description. Required for own-question interviews; "
          "generated by the AI when omitted in a `generate:` interview.",
          How.IN_PLACE, ("description",)),
    Field("description_long", _str(), "Long description (Markdown). Generated by the AI "
          "when omitted in a `generate:` interview of type interview or assessment.",
          How.IN_PLACE, ("interview_description_long",)),
    Field("code", _str(), "Your external code or reference for the interview.",
          How.IN_PLACE, ("code",), default=None, norm=Norm.BLANK_IS_NULL),
    Field("cover_image_url", _str(), "Cover image URL.", How.IN_PLACE, ("cover_image_url",),
          default=None),
    Field("interview_department", _str(), "Department hiring for the role.", How.IN_PLACE,
          ("interview_department",), default=None, norm=Norm.BLANK_IS_NULL),
    Field("interview_salary", _str(), "Salary text shown with the role.", How.IN_PLACE,
          ("interview_salary",), default=None, norm=Norm.BLANK_IS_NULL),
    Field("interview_available_till", _str(), "Date after which the interview closes.",
          How.IN_PLACE, ("interview_available_till",), default=None),
    Field("recruiter_profile_id", _str(), "Profile id of the recruiter (same merchant).",
          How.IN_PLACE, ("recruiter_profile_id",), default=None),
    Field("tags", _s(type="array", items={"type": "string", "minLength": 1}, uniqueItems=True),
          "Your tags (also the coaching-catalogue key). The reconciler adds its own marker "
          "tags beside them; plans show only yours.", How.IN_PLACE, ("tags",), default=(),
          norm=Norm.TAG_SET),
    Field("status", _enum(*STATUSES), "Lifecycle: draft (not visible to candidates), active "
          "(published) or archived.", How.STATE, ("status",), default="draft"),
    Field("visibility", _enum(*VISIBILITIES), "Who can find the interview.", How.IN_PLACE,
          ("visibility",), default="merchant_invite"),
    Field("type", _enum(*TYPES), "Kind of definition.", How.IN_PLACE, ("type",),
          default="interview"),
    Field("type_credit", _enum(*TYPE_CREDITS, nullable=True), "Credit bucket; re-derived by "
          "the API when `type` changes. Set after creation with an update.", How.IN_PLACE,
          ("type_credit",), creates=frozenset()),
    Field("coach_plan", _enum(*COACH_PLANS, nullable=True), "Coaching-plan bucket. Set after "
          "creation with an update.", How.IN_PLACE, ("coach_plan",), creates=frozenset()),
    Field("interview_template_id", _str(False, minLength=1), "Template (avatar/voice) id from "
          "`interviews templates`. Use `template` to name it instead.", How.IN_PLACE,
          ("interview_template_id",)),
    Field("mojito_language_code", _enum(*LANGUAGES), "Platform language of the interview."
          + _IMMUTABLE_NOTE, How.RECREATE_IMMUTABLE, ("mojito_language_code",), in_update=False),
    Field("knowledge_base_store_id", _str(), "Knowledge-base store that grounds the interview; "
          "null unlinks it.", How.IN_PLACE, ("knowledge_base_store_id",), default=None),
    Field("recording", _enum(*RECORDING, nullable=True), "Cheating/proctoring detection on "
          "answers; null disables it.", How.IN_PLACE, ("recording",), default=None),
    Field("recording_full_session", _enum("audio_all", "video_all", nullable=True),
          "One recording of the whole session; null disables it.", How.IN_PLACE,
          ("recording_full_session",), default=None),
    Field("result_view", _enum(*RESULT_VIEWS), "What the candidate sees afterwards; `none` "
          "submits immediately.", How.IN_PLACE, ("result_view",)),
    Field("candidate_video_introduction", _enum("hidden", "optional", "required"),
          "Candidate video introduction; `hidden` when omitted.", How.IN_PLACE,
          ("candidate_video_introduction",), default="hidden", norm=Norm.NULL_IS_HIDDEN),
    Field("interview_conversation_speed", _enum("slower", "normal", "faster", nullable=True),
          "Speaking pace of the avatar; template default when omitted.", How.IN_PLACE,
          ("interview_conversation_speed",)),
    Field("max_followups", _s(type=["integer", "null"], minimum=0, maximum=999),
          "Follow-up questions per answer: 0 none, 1 low, 2 normal, 3 high, 4+ custom; "
          "template default when omitted.", How.IN_PLACE, ("max_followups",), norm=Norm.NUMBER),
    Field("max_duration", _s(type="integer", minimum=60, maximum=7200), "Session limit in "
          "seconds (1200 when omitted); also the credit multiplier's basis and the cap on "
          "generated questions (one per 2 minutes).", How.IN_PLACE, ("max_duration",),
          default=1200, creates=frozenset({CREATE}), norm=Norm.NUMBER),
    Field("questions_random_subset", _s(type=["number", "null"], minimum=0.01, maximum=0.9),
          "Ask only this fraction of the questions, drawn at random; null asks all.",
          How.IN_PLACE, ("questions_random_subset",), default=None, norm=Norm.NUMBER),
    Field("interview_attempts", _s(type="integer", minimum=1, maximum=20), "Attempts a "
          "candidate gets (1-20).", How.IN_PLACE, ("result_scoring", "max_retries"),
          norm=Norm.NUMBER),
    Field("custom_scoring", _s(type=["object", "null"]), "Scoring settings, merged key by key "
          "onto the stored ones (keys cannot be removed).", How.IN_PLACE, ("result_scoring",),
          norm=Norm.SUBSET),
    Field("required_pronunciation", _bool(), "Score pronunciation.", How.IN_PLACE,
          ("required_pronunciation",), default=False),
    Field("result_enable_edit_transcript", _bool(), "Let reviewers edit transcripts.",
          How.IN_PLACE, ("result_enable_edit_transcript",), default=True),
    Field("candidate_expectations", _str(), "What a good candidate shows (free text); "
          "generated when omitted.", How.IN_PLACE, ("candidate_expectations",)),
    Field("candidate_expectations_json", _EXPECTATIONS, "Interview-level scoring rubric "
          "(weak/moderate/strong lists); generated when omitted.", How.IN_PLACE,
          ("candidate_expectations_json",), creates=frozenset({FROM_ARRAY})),
    Field("pdf_export_auto_config", _PDF, "Automatic PDF report when an interview completes; "
          "null disables it.", How.IN_PLACE, ("pdf_export_auto_config",), default=None,
          norm=Norm.DROP_NULLS),
    Field("interview_type", _enum(*INTERVIEW_TYPES), "Shapes the avatar's follow-ups (and "
          "generated questions); pre-screening when omitted.", How.IN_PLACE,
          ("creation_parameters", "interview_type"), default="pre-screening"),
    Field("interview_tone", _str(), "Tone: relaxed (default), simple, professional, "
          "persuasive.", How.IN_PLACE, ("creation_parameters", "interview_tone"),
          norm=Norm.CASEFOLD),
    Field("seniority_level", _enum(*SENIORITY, nullable=True), "Seniority of the role; "
          "detected by the AI when omitted.", How.IN_PLACE,
          ("creation_parameters", "seniority_level")),
    Field("hiring_for_company", _COMPANY, "The client you hire for; omit when hiring for "
          "yourself, or name `undisclosed`.", How.IN_PLACE,
          ("creation_parameters", "hiring_for_company"), default=None, norm=Norm.DROP_NULLS),
    Field("merchant_id", _str(), "Owning merchant (platform admins only)." + _IMMUTABLE_NOTE,
          How.RECREATE_IMMUTABLE, ("merchant_id",), in_update=False),
    Field("welcome_message", _str(), "Greeting before the first question." + _RECREATE_NOTE,
          How.RECREATE_CREATE_ONLY, None, default=None, in_update=False),
    Field("thank_you_message", _str(), "Closing message." + _RECREATE_NOTE,
          How.RECREATE_CREATE_ONLY, None, default=None, in_update=False),
    Field("instructional_video", _bool(), "Show the instructional video step."
          + _RECREATE_NOTE, How.RECREATE_CREATE_ONLY, None, default=False, in_update=False),
    Field("instructional_video_custom_text", _str(), "Text of the instructional step."
          + _RECREATE_NOTE, How.RECREATE_CREATE_ONLY, None, default=None, in_update=False),
    Field("is_embedded", _bool(), "Provision an iframe embed key. Toggled in place with "
          "job-interview-set-state.", How.STATE, None, default=False, in_update=False),
    Field("disable_deduplication", _bool(), "Skip step de-duplication when the questions are "
          "first inserted. Create-time switch: never compared.", How.CREATE_TIME, None,
          creates=frozenset({FROM_ARRAY}), in_update=False),
    Field("generate.interview_length", _s(type="integer", minimum=1, maximum=40),
          "Questions to generate (1-40), capped at one per 2 minutes of `max_duration`; "
          "the AI picks 5-8 when omitted." + _RECREATE_NOTE, How.RECREATE_CREATE_ONLY,
          None, creates=frozenset({CREATE}), in_update=False),
    Field("generate.include_rapport_question", _bool(), "Open with a rapport question."
          + _RECREATE_NOTE, How.RECREATE_CREATE_ONLY, None, default=False,
          creates=frozenset({CREATE}), in_update=False),
    Field("generate.include_closing_prompt", _bool(), "End with a closing prompt."
          + _RECREATE_NOTE, How.RECREATE_CREATE_ONLY, None, default=True,
          creates=frozenset({CREATE}), in_update=False),
    Field("generate.additional_context", _s(type=["object", "null"]), "Free-form context "
          "for the question generator." + _RECREATE_NOTE, How.RECREATE_CREATE_ONLY, None,
          default=None, creates=frozenset({CREATE}), in_update=False),
    Field("generate.use_enhanced_expectations", _bool(), "Reserved by JobMojito."
          + _RECREATE_NOTE, How.RECREATE_CREATE_ONLY, None, creates=frozenset({CREATE}),
          in_update=False),
)  # fmt: skip

QUESTION_FIELDS: Final[tuple[Field, ...]] = (
    Field("question", _str(False, minLength=1), "The text the candidate hears or reads.",
          How.IN_PLACE, ("question",)),
    # Unmanaged when omitted: the API may fill in a default answer time, and may echo the
    # interview's language on each question; comparing those would be a perpetual diff.
    Field("duration", _s(type=["integer", "null"], minimum=1), "Answer time in seconds; "
          "the template's default when omitted.", How.IN_PLACE, ("duration",),
          norm=Norm.NUMBER),
    Field("mojito_language_code", _enum(*LANGUAGES, nullable=True), "Language override for "
          "this question; the interview's language when omitted.", How.IN_PLACE,
          ("mojito_language_code",)),
    Field("label", _str(), "Free label stored on the question.", How.IN_PLACE, ("label",),
          default=None),
    Field("is_without_scoring", _bool(), "Asked but not scored.", How.IN_PLACE,
          ("is_without_scoring",), default=False),
    Field("is_candidate_asking_recruiter", _bool(), "The candidate asks the recruiter.",
          How.IN_PLACE, ("is_candidate_asking_recruiter",), default=False),
    Field("is_expert", _bool(), "Expert listening mode.", How.IN_PLACE, ("is_expert",),
          default=False),
    Field("is_multiple_choice", _bool(), "Multiple choice: `question_alternatives` are the "
          "options (at least two).", How.IN_PLACE, ("is_multiple_choice",), default=False),
    Field("question_alternatives", _s(type=["array", "null"], items={"type": "string"}),
          "Answer options of a multiple-choice question, or alternative phrasings.",
          How.IN_PLACE, ("question_alternatives",), default=()),
    Field("knowledge_base_id", _str(), "Knowledge-base store that grounds this question.",
          How.IN_PLACE, ("knowledge_base_id",), default=None),
    Field("external_data", _s(type=["object", "null"]), "Your data, echoed in transcripts.",
          How.IN_PLACE, ("external_data",), default=None),
    Field("candidate_expectations_json", _EXPECTATIONS, "Scoring rubric for this question "
          "(weak/moderate/strong lists).", How.IN_PLACE, ("candidate_expectations_json",)),
)  # fmt: skip

INTERVIEW_BY_SPEC: Final[Mapping[str, Field]] = MappingProxyType(
    {field.spec: field for field in INTERVIEW_FIELDS}
)
QUESTION_BY_SPEC: Final[Mapping[str, Field]] = MappingProxyType(
    {field.spec: field for field in QUESTION_FIELDS}
)

# Our additions to the API's fields (DESIGN.md section 3); not sent as-is to the API.
INTERVIEW_ADDITIONS: Final = ("key", "template", "questions", "generate", "protect", "import_id",
                              "allow_duplicate_name", "previous_keys", "lint")  # fmt: skip
QUESTION_ADDITIONS: Final = ("key", "follows", "lint")

# Fields recorded in the create-only fingerprint marker (section 5): not readable back.
FINGERPRINTED: Final[tuple[Field, ...]] = tuple(
    field for field in INTERVIEW_FIELDS if field.how is How.RECREATE_CREATE_ONLY
)


def cap_for_duration(max_duration_seconds: float) -> int:
    """Most questions job-interview-create generates for a session limit (one per 2 min)."""
    return max(1, min(40, int(max_duration_seconds // 120)))
