"""Markers: per-field hashes of the create-only inputs, and content fingerprints."""

from __future__ import annotations

import hashlib

import pytest

from reconciler.plan.markers import changed_fields
from reconciler.plan.markers import data_fingerprint
from reconciler.plan.markers import field_fingerprint
from reconciler.plan.markers import fingerprint
from reconciler.plan.model import canonical_json


def test_a_flag_and_a_number_hash_apart() -> None:
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


def test_data_fingerprints_tell_integers_and_floats_apart() -> None:
    assert data_fingerprint({"duration": 120}) != data_fingerprint({"duration": 120.0})


@pytest.mark.parametrize("small", [1e-05, -2.5e-07, 9.9e-05, 5e-324])
def test_floats_under_1e_4_are_hashed_as_json_writes_them(small: float) -> None:
    value = {"fields": {"questions_random_subset": small}, "questions": None}
    text = canonical_json(value).encode()
    assert fingerprint(value) == hashlib.sha256(text).hexdigest()[:16]
