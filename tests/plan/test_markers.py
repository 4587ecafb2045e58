"""Markers: per-field hashes of the create-only inputs."""

from __future__ import annotations

from reconciler.plan.markers import changed_fields
from reconciler.plan.markers import data_fingerprint
from reconciler.plan.markers import field_fingerprint
from reconciler.plan.markers import fingerprint


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


def test_data_fingerprints_tell_exact_types_and_key_order_apart() -> None:
    definition = {"name": "Barista", "recording": True, "questions": [{"duration": 120}]}
    same = {"name": "Barista", "recording": True, "questions": [{"duration": 120}]}
    as_number = {"name": "Barista", "recording": 1, "questions": [{"duration": 120}]}
    reordered = {"recording": True, "name": "Barista", "questions": [{"duration": 120}]}

    assert data_fingerprint(definition) == data_fingerprint(same)
    assert data_fingerprint(definition) != data_fingerprint(as_number)
    assert data_fingerprint(definition) != data_fingerprint(reordered)
    assert len(data_fingerprint(definition)) == len(fingerprint(definition))


def test_data_fingerprints_of_types_marshal_does_not_know_use_the_json_form() -> None:
    class Name(str):
        pass

    assert data_fingerprint([Name("Barista")]) == fingerprint(["Barista"])
