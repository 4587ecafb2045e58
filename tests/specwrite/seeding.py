"""Hand-made interviews of every shape, created in an emulator through its HTTP API.

They carry no markers and no question external_ids, as interviews built in the
JobMojito app would. `seed_account` returns {shape name: live id}.
"""

from __future__ import annotations

from typing import Any
from typing import Final

import httpx

from reconciler.emulator import Emulator

TOKEN: Final = "seed-token-1b7f"
AVA: Final = "7a1c0001-0000-4000-8000-000000000001"
GRACE: Final = "7a1c0001-0000-4000-8000-000000000006"
RETURNS_KB: Final = "6b0c0002-0000-4000-8000-000000000002"

GENERATED: Final[dict[str, Any]] = {
    "name": "Data Analyst (AI questions)",
    "location": "Remote",
    "mojito_language_code": "en",
    "interview_template_id": AVA,
    "status": "active",
    "type": "interview",
    "visibility": "merchant_invite",
    "description": "Screens data analysts on SQL, statistics and stakeholder communication.",
    "interview_length": 4,
}
OWN_QUESTIONS: Final[dict[str, Any]] = {
    "name": "Barista: Weekend Shifts",
    "location": "Porto, Portugal",
    "mojito_language_code": "pt",
    "interview_template_id": GRACE,
    "status": "draft",
    "type": "assessment",
    "visibility": "merchant_public",
    "description": "Short check for weekend baristas.",
    "description_long": "## Weekend baristas\n\nWe open at 7:00.\nBring your own apron.\n",
    "code": "BAR-7",
    "cover_image_url": "https://example.com/cover.png",
    "interview_department": "Cafés",
    "interview_salary": "€11/hour",
    "interview_available_till": "2030-01-31",
    "tags": ["hospitality", "weekend"],
    "recording": "audio_all",
    "recording_full_session": "video_all",
    "result_view": "full",
    "candidate_video_introduction": "required",
    "interview_conversation_speed": "slower",
    "max_followups": 3,
    "questions_random_subset": 0.5,
    "interview_attempts": 4,
    "custom_scoring": {"pass_mark": 60},
    "required_pronunciation": True,
    "result_enable_edit_transcript": False,
    "candidate_expectations": "Friendly: yes, on time.\nKnows espresso basics.",
    "pdf_export_auto_config": {"transcript": True, "template": "modern"},
    "interview_type": "second-interview",
    "interview_tone": "Professional",
    "seniority_level": "entry-level",
    "hiring_for_company": {"name": "Café Norte", "sector": "Food"},
    "questions": [
        {"id": "h1", "question": "Have you worked weekends before?", "duration": 30},
        {
            "id": "h2",
            "question": "Which of these did you use most?",
            "is_multiple_choice": True,
            "question_alternatives": ["La Marzocco", "Rancilio", "Other: yes/no"],
            "is_without_scoring": True,
        },
        {
            "id": "h3",
            "question": "Tell us about that weekend job:\nwhat was hardest?",
            "is_conditional": True,
            "conditional_question_main_id": "h1",
            "label": "follow-up",
            "mojito_language_code": "en",
            "is_expert": True,
        },
        {"id": "h4", "question": "Any questions for us?", "is_candidate_asking_recruiter": True},
        {"id": "h5", "question": "Any questions for us?", "external_data": {"slot": 5}},
    ],
}
KNOWLEDGE_BASE: Final[dict[str, Any]] = {
    "name": "Returns policy check",
    "location": "Rotterdam",
    "mojito_language_code": "en",
    "interview_template_id": AVA,
    "status": "active",
    "type": "interview",
    "visibility": "merchant_unlisted",
    "description": "Checks the returns policy.",
    "interview_type": "process-verification-from-knowledge-base",
    "knowledge_base_store_id": RETURNS_KB,
    "questions": [
        {
            "question": "What is the return window?",
            "knowledge_base_id": RETURNS_KB,
            "candidate_expectations_json": {"weak": ["Guesses"], "strong": ["30 days"]},
        },
        {
            "question": "Who pays return shipping for damaged items?",
            "knowledge_base_id": RETURNS_KB,
        },
    ],
}
ARCHIVED: Final[dict[str, Any]] = {
    "name": "Old: Night porter",
    "location": "Lisbon",
    "mojito_language_code": "en",
    "interview_template_id": AVA,
    "status": "active",
    "type": "coaching",
    "visibility": "merchant_invite",
    "description": "Retired.",
    "questions": [{"question": "Why nights?"}],
}


def call(emulator: Emulator, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """One POST to the emulator; the answer's JSON (asserts success)."""
    request = httpx.Request(
        "POST",
        f"http://127.0.0.1:8787/{path}",
        headers={"Authorization": f"Bearer {TOKEN}"},
        json=body,
    )
    response = emulator.handle(request)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def seed_account(emulator: Emulator) -> dict[str, str]:
    """Create one interview of every shape; {shape: live id}."""
    ids = {
        "generated": call(emulator, "job-interview-create", GENERATED),
        "own_questions": call(emulator, "job-interview-create-from-array", OWN_QUESTIONS),
        "knowledge_base": call(emulator, "job-interview-create-from-array", KNOWLEDGE_BASE),
        "archived": call(emulator, "job-interview-create-from-array", ARCHIVED),
    }
    found = {shape: str(answer["interview_def_set_id"]) for shape, answer in ids.items()}
    archive = {"position_id": found["archived"], "status": "archived"}
    call(emulator, "job-interview-set-state", archive)
    return found
