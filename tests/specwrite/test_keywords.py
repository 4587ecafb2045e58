"""Keys written into files say what the question is about."""

from __future__ import annotations

from reconciler.specwrite.keywords import meaning_key
from reconciler.specwrite.keywords import meaning_keys


def test_keys_are_a_few_content_words_not_the_first_words() -> None:
    assert meaning_key("How do you handle a difficult customer?") == "handle-difficult-customer"
    assert meaning_key("Tell me about a time you failed.") == "time-failed"
    assert meaning_key("What is your experience with SQL window functions?") == (
        "experience-sql-window"
    )
    assert meaning_key("Wie gehen Sie mit schwierigen Kunden um?") == "gehen-schwierigen-kunden"
    assert meaning_key("Größe des Teams?") == "grosse-teams"


def test_text_of_form_words_only_or_no_latin_words_still_gets_a_key() -> None:
    assert meaning_key("Why?") == "why"
    assert meaning_key("你好吗").startswith("q-")


def test_keys_are_unique_within_the_interview() -> None:
    texts = ["How do you handle a difficult customer?", None, "Handle difficult customers?"]
    assert meaning_keys([*texts, texts[0]], taken=["handle-difficult-customer-2"]) == [
        "handle-difficult-customer",
        None,
        "handle-difficult-customers",
        "handle-difficult-customer-3",
    ]
