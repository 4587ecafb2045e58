"""Markers: per-field hashes of the create-only inputs, and content fingerprints."""

from __future__ import annotations

import hashlib
import json
import random

import pytest
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from reconciler.plan.markers import changed_fields
from reconciler.plan.markers import data_fingerprint
from reconciler.plan.markers import field_fingerprint
from reconciler.plan.markers import fingerprint
from reconciler.plan.markers import may_hold_identity
from reconciler.plan.markers import read_markers
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


@given(
    st.lists(st.one_of(_TAG_TEXT, _TAG_TEXT.map(lambda text: "iac:" + text)), max_size=4),
    st.sampled_from(["json-compact", "json-ascii", "json-utf8", "escaped"]),
    st.randoms(use_true_random=False),
)
@settings(max_examples=300)
def test_a_definition_with_an_identity_marker_is_never_taken_for_unmarked(
    tags: list[str], encoder: str, chance: random.Random
) -> None:
    """Discovery leaves undecoded the definitions may_hold_identity() rules out: it must
    never rule out one whose tags read_markers() would find, however the JSON is written
    (an API may write any character as a \\u escape, in either case)."""
    definition = {"name": "Role", "tags": tags, "description": "see iac: notes"}
    if encoder == "json-compact":
        text = json.dumps(definition, separators=(",", ":"), ensure_ascii=False).encode()
    elif encoder == "escaped":
        text = _escaping_some(json.dumps(definition), chance).encode()
    else:
        text = json.dumps(definition, ensure_ascii=encoder == "json-ascii").encode()
    assert json.loads(text) == definition
    if read_markers(tags) is not None:
        assert may_hold_identity(text)


def _escaping_some(text: str, chance: random.Random) -> str:
    """`text` (JSON) with some characters inside its strings written as \\u escapes."""
    out: list[str] = []
    inside = False
    verbatim = 0  # characters left of an escape already in the text
    for char in text:
        if inside and not verbatim and char not in '"\\' and chance.random() < 0.5:
            code = f"{ord(char):04x}"
            out.append("\\u" + (code.upper() if chance.random() < 0.5 else code))
            continue
        out.append(char)
        if verbatim:
            verbatim = 4 if verbatim == -1 and char == "u" else max(verbatim - 1, 0)
        elif inside and char == "\\":
            verbatim = -1  # the next character is escaped (and \\u takes four more)
        elif char == '"':
            inside = not inside
    return "".join(out)


def test_may_hold_identity_rules_out_plain_definitions_only() -> None:
    assert not may_hold_identity(b'{"tags":["team-a","iac"],"name":"see iac:x/y"}')
    assert may_hold_identity(b'{"tags":["team-a"],"name":"iac: a note"}')  # cautious
    assert may_hold_identity(b'{"tags":["iac:acme/support"]}')
    assert may_hold_identity(b'{"tags":["\\u0069ac:acme/support"]}')  # an escaped marker
    assert may_hold_identity(b'{"tags":["\\u0069\\u0061\\u0063\\u003A acme/support"]}')
    assert not may_hold_identity(b'{"name":"Caf\\u00e9","tags":["team-a"]}')  # other escapes
