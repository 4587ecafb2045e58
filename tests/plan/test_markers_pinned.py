"""Fingerprints of fixed values, pinned: markers already written in live accounts (and
plans already saved) must keep matching after an upgrade, whatever encodes the JSON."""

from __future__ import annotations

from typing import Any

from reconciler.plan.markers import data_fingerprint
from reconciler.plan.markers import field_fingerprint
from reconciler.plan.markers import fingerprint
from reconciler.plan.sync import sync_marker

FIELDS: dict[str, Any] = {
    "name": "Café screen ☕",
    "max_followups": 2,
    "tags": ["team-a", "iac-x"],
    "instructional_video": True,
    "welcome_message": None,
    "description": 'Line one\nline "two"\t😀',
}
QUESTIONS: list[Any] = [
    ["why", {"question": "Why us?", "is_expert": False, "follows": None, "duration": 120}]
]
CONTENT = {"fields": FIELDS, "questions": QUESTIONS}
# Floats of every notation: plain, large (exponent), under 1e-4 (json writes "1e-07").
FLOATS = {"fields": {"a": 0.25, "b": 1e20, "c": 1e-7, "d": -0.0}, "questions": None}


def test_the_fingerprint_of_content_is_pinned() -> None:
    assert fingerprint(CONTENT) == "2d60f08acebf4de2"


def test_the_fingerprint_of_floats_is_pinned() -> None:
    assert fingerprint(FLOATS) == "677fe6e708b20185"


def test_the_sync_marker_is_pinned() -> None:
    marker = sync_marker(FIELDS, QUESTIONS)
    # <hash>.<mask> is what markers written before the per-field parts carry: it must not
    # move, or every such interview would show as drifted
    assert marker == "2d60f08acebf4de2.1000405.b5b607394b797a8804dd6f69c5f811"


def test_the_create_only_fingerprint_is_pinned() -> None:
    inputs = {
        "mojito_language_code": "en",
        "instructional_video": True,
        "welcome_message": None,
        "additional_context": {"team": "support", "levels": [1, 2]},
    }
    assert field_fingerprint(inputs) == "507b97111fbe330e25b88474"


def test_the_data_fingerprint_of_a_definition_is_pinned() -> None:
    definition = {
        "name": "Barista",
        "recording": True,
        "questions": [{"duration": 120, "weight": 0.5, "text": "Ça va?"}],
    }
    assert data_fingerprint(["published", definition]) == "d9acac532e84f438"
