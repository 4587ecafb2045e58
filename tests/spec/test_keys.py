from __future__ import annotations

import hashlib

from reconciler.spec.keys import base_key, derive_keys, is_key, question_keys


def test_key_pattern() -> None:
    assert is_key("senior-backend-2")
    assert not is_key("-leading-dash")
    assert not is_key("Upper")
    assert not is_key("a" * 64)
    assert is_key("a" * 63)


def test_derived_key_is_the_first_five_words_ascii_folded() -> None:
    assert base_key("Tell me about a time you failed.") == "tell-me-about-a-time"
    assert base_key("Erzählen Sie über Ihre größte Stärke!") == "erzahlen-sie-uber-ihre-grosste"


def test_derived_key_is_stable_under_edits_to_later_words() -> None:
    assert base_key("Tell me about a time you failed.") == base_key(
        "Tell me about a time when a project went badly wrong."
    )


def test_non_latin_text_gets_a_hash_key() -> None:
    text = "あなたの強みは何ですか"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert base_key(text) == "q-" + digest[:8]


def test_collisions_get_numbered_suffixes_in_order() -> None:
    texts = ["Tell me about a time A", "Tell me about a time B", None, "Tell me about a time C"]
    assert derive_keys(texts, taken=["tell-me-about-a-time-3"]) == [
        "tell-me-about-a-time",
        "tell-me-about-a-time-2",
        None,
        "tell-me-about-a-time-4",
    ]


def test_reordering_distinct_questions_keeps_their_keys() -> None:
    forward = derive_keys(["Why this role?", "What are your strengths?"])
    backward = derive_keys(["What are your strengths?", "Why this role?"])
    assert forward == list(reversed(backward))


def test_long_keys_are_cut_to_63_characters() -> None:
    text = "Supercalifragilisticexpialidocious " * 5
    keys = derive_keys([text, text])
    assert all(key is not None and is_key(key) for key in keys)
    assert keys[1] is not None and keys[1].endswith("-2")


def test_question_keys_tolerate_items_of_the_wrong_shape() -> None:
    items: list[object] = [{"key": "a", "question": "Q"}, "text", {"question": "Why?"}, {}]
    assert question_keys(items) == [("a", False), None, ("why", True), None]
