"""Precision and recall of the content rules on the corpus (both must be 1.0)."""

from __future__ import annotations

from reconciler.lint import lint_interviews
from tests.lint.builders import interview
from tests.lint.builders import question
from tests.lint.corpus import FLAGGED
from tests.lint.corpus import LEGITIMATE


def _rules_raised(language: str, text: str) -> set[str]:
    one = interview([question("q", text)], values={"mojito_language_code": language})
    return {found.rule_id for found in lint_interviews([one])}


def _score() -> tuple[int, int, int, list[str]]:
    true_pos = false_pos = false_neg = 0
    misses: list[str] = []
    cases = [(lang, text, {rule}) for lang, text, rule in FLAGGED]
    cases += [(lang, text, set()) for lang, text in LEGITIMATE]
    for language, text, expected in cases:
        raised = _rules_raised(language, text)
        true_pos += len(raised & expected)
        false_pos += len(raised - expected)
        false_neg += len(expected - raised)
        if raised != expected:
            misses.append(f"{text!r}: expected {sorted(expected)}, got {sorted(raised)}")
    return true_pos, false_pos, false_neg, misses


def test_corpus_is_large_enough_and_multilingual() -> None:
    assert len(FLAGGED) >= 40
    assert len(LEGITIMATE) >= 40
    assert {lang for lang, _, _ in FLAGGED} >= {"en", "de", "fr", "es"}
    assert {lang for lang, _ in LEGITIMATE} >= {"en", "de", "fr", "es"}


def test_every_protected_and_personal_data_rule_has_flagged_examples() -> None:
    rules = {rule for _, _, rule in FLAGGED}
    assert rules == {f"IAC1{n:02d}" for n in range(1, 12)} | {"IAC201", "IAC202"}


def test_precision_and_recall_are_perfect_on_the_corpus() -> None:
    true_pos, false_pos, false_neg, misses = _score()
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    print(f"lint corpus: precision {precision:.3f}, recall {recall:.3f}")
    assert misses == []
    assert (precision, recall) == (1.0, 1.0)
