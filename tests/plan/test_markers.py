"""Markers: per-field hashes of the create-only inputs."""

from __future__ import annotations

from reconciler.plan.markers import changed_fields
from reconciler.plan.markers import field_fingerprint


def test_a_flag_and_a_number_hash_apart_though_hashes_are_cached() -> None:
    recorded = field_fingerprint({"instructional_video": True, "welcome_message": None})
    assert changed_fields(recorded, {"instructional_video": True, "welcome_message": None}) == ()
    assert changed_fields(recorded, {"instructional_video": 1, "welcome_message": None}) == (
        "instructional_video",
    )
    assert changed_fields(recorded, {"instructional_video": True, "welcome_message": ""}) == (
        "welcome_message",
    )


def test_nested_values_are_hashed_too() -> None:
    recorded = field_fingerprint({"additional_context": {"team": "support"}})
    assert changed_fields(recorded, {"additional_context": {"team": "sales"}}) == (
        "additional_context",
    )
