"""Markers: per-field hashes of the create-only inputs, and content fingerprints."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from reconciler.plan.markers import changed_fields
from reconciler.plan.markers import data_fingerprint
from reconciler.plan.markers import field_fingerprint
from reconciler.plan.markers import fingerprint
from reconciler.plan.model import canonical_json


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


def test_data_fingerprints_tell_integers_and_floats_apart() -> None:
    assert data_fingerprint({"duration": 120}) != data_fingerprint({"duration": 120.0})


# JSON-ready values as specs make them: finite floats of every magnitude, any text.
_leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["e-mail", "1e-07", "0.00001", "version 2e-5"])
)


def _json_of(leaves: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    """JSON values (lists and objects, up to 20 leaves) made of `leaves`."""
    return st.recursive(
        leaves,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
        max_leaves=20,
    )


_json_values = _json_of(_leaves)


@settings(max_examples=400, deadline=None)
@given(_json_values)
def test_the_fast_fingerprint_of_finite_values_is_the_canonical_json_one(value: object) -> None:
    # Markers already written in live accounts must keep matching.
    assert fingerprint(value, finite=True) == fingerprint(value)


_floatless_values = _json_of(
    st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | st.text()
)


@settings(max_examples=300, deadline=None)
@given(_floatless_values)
def test_the_fingerprint_of_floatless_values_is_the_canonical_json_one(value: object) -> None:
    assert fingerprint(value, floatless=True) == fingerprint(value)


@pytest.mark.parametrize("small", [1e-05, -2.5e-07, 9.9e-05, 5e-324])
def test_floats_under_1e_4_are_hashed_as_json_writes_them(small: float) -> None:
    value = {"fields": {"questions_random_subset": small}, "questions": None}
    text = canonical_json(value).encode()
    assert fingerprint(value, finite=True) == hashlib.sha256(text).hexdigest()[:16]


_TAG_TEXT = st.text(alphabet=st.sampled_from('iac:-/"\\é\u2028 ab1'), max_size=12)
