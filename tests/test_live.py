"""LiveInterview: a definition kept undecoded is decoded once, when first read."""

from __future__ import annotations

import copy
import json
import pickle
from collections.abc import Callable

import pytest

from reconciler.live import LiveInterview

DEFINITION = {"name": "Support", "status": "active", "tags": ["team-a"]}


def _counting_decoder(calls: list[bytes]) -> Callable[[bytes], dict[str, object]]:
    def decode(body: bytes) -> dict[str, object]:
        calls.append(body)
        value: dict[str, object] = json.loads(body)
        return value

    return decode


def test_an_undecoded_definition_is_decoded_on_first_read_only() -> None:
    calls: list[bytes] = []
    body = json.dumps(DEFINITION).encode()
    live = LiveInterview.undecoded("id-1", {"id": "id-1"}, body, _counting_decoder(calls))

    assert live.unmarked and calls == []
    assert "<undecoded>" in repr(live)  # telling what it is does not decode it
    assert live.definition == DEFINITION
    assert live.tags == ("team-a",) and live.status == "active"
    assert calls == [body]  # once, however often it is read
    assert "<undecoded>" not in repr(live)


def test_an_undecoded_interview_equals_the_same_one_read_whole() -> None:
    body = json.dumps(DEFINITION).encode()
    undecoded = LiveInterview.undecoded("id-1", {}, body, json.loads)
    assert undecoded == LiveInterview("id-1", {}, DEFINITION)
    assert undecoded != LiveInterview("id-2", {}, DEFINITION)
    assert not LiveInterview("id-1", {}, DEFINITION).unmarked


def test_a_live_interview_cannot_be_changed() -> None:
    live = LiveInterview("id-1", {}, DEFINITION)
    with pytest.raises(AttributeError):
        live.id = "id-2"
    with pytest.raises(TypeError):
        hash(live)  # equal by value, and the values are dicts


def test_the_decoders_error_surfaces_where_the_definition_is_read() -> None:
    def refuse(body: bytes) -> dict[str, object]:
        raise ValueError("not JSON")

    live = LiveInterview.undecoded("id-1", {}, b"{nope", refuse)
    with pytest.raises(ValueError, match="not JSON"):
        _ = live.definition


def test_copies_and_pickles_are_equal_and_decoded() -> None:
    live = LiveInterview.undecoded(
        "id-1", {"id": "id-1"}, json.dumps(DEFINITION).encode(), json.loads
    )
    for twin in (copy.copy(live), copy.deepcopy(live), pickle.loads(pickle.dumps(live))):
        assert twin == live and twin.definition == DEFINITION
