"""Request bodies and ids the emulator tests share (seed values per notes/SEEDS.md)."""

from __future__ import annotations

from typing import Any

AVA = "7a1c0001-0000-4000-8000-000000000001"  # interactive_heygen, en
EMMA_VOICE = "7a1c0001-0000-4000-8000-000000000004"  # interactive_elevenlabs
GRACE_STUDIO = "7a1c0001-0000-4000-8000-000000000006"  # offline_heygen
ELAI_LEGACY = "7a1c0001-0000-4000-8000-000000000008"  # offline_elai
HANDBOOK = "6b0c0002-0000-4000-8000-000000000001"
UNKNOWN_ID = "00000000-0000-4000-8000-00000000abcd"


def create_body(**overrides: Any) -> dict[str, Any]:
    """A valid job-interview-create body."""
    body: dict[str, Any] = {
        "name": "Barista",
        "location": "Berlin",
        "interview_template_id": AVA,
        "mojito_language_code": "en",
        "status": "draft",
        "type": "interview",
        "visibility": "merchant_invite",
        "description": "Espresso machines, latte art and friendly customer service",
    }
    body.update(overrides)
    return body


def from_array_body(**overrides: Any) -> dict[str, Any]:
    """A valid job-interview-create-from-array body with three questions."""
    body = create_body(
        questions=[
            {"question": "Why this job?", "external_id": "why"},
            {"question": "Which drinks can you make?", "external_id": "drinks", "id": "d"},
            {
                "question": "Which one do you like best?",
                "external_id": "favourite",
                "is_conditional": True,
                "conditional_question_main_id": "d",
            },
        ]
    )
    body.update(overrides)
    return body


def candidate_body(**overrides: Any) -> dict[str, Any]:
    """A valid job-interview-create-for-candidate-with-token body (new position)."""
    body: dict[str, Any] = {
        "position_name": "Cashier",
        "position_location": "Hamburg",
        "position_country_code": "DE",
        "mojito_language_code": "de",
        "candidate_name": "Kim Example",
        "candidate_email": "kim@example.com",
        "candidate_country_code": "DE",
        "candidate_resume": "Five years in retail.",
    }
    body.update(overrides)
    return body


def register_users_body(interview_id: str, **overrides: Any) -> dict[str, Any]:
    """A valid job-interview-register-users body for one candidate."""
    body: dict[str, Any] = {
        "interview_id": interview_id,
        "users": [{"name": "Kim Example", "email": "kim@example.com", "external_id": "k-1"}],
        "send_email": False,
    }
    body.update(overrides)
    return body
