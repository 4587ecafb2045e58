"""Rules IAC301-IAC302: duplicate and near-duplicate questions within one interview.

Texts are compared as case-folded word tokens: the same token sequence is a duplicate;
token sets with a Jaccard similarity of at least 0.8 are near-duplicates. The finding is
reported on the later question and names the earlier one. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from reconciler.lint.finding import Finding
from reconciler.lint.finding import finding
from reconciler.lint.finding import question_name
from reconciler.lint.finding import questions_with_text_location
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion

NEAR_DUPLICATE_THRESHOLD: Final = 0.8
_WORD: Final = re.compile(r"\w+")


def tokens(text: str) -> tuple[str, ...]:
    """The case-folded word tokens of `text`, punctuation dropped."""
    return tuple(_WORD.findall(text.casefold()))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """|left & right| / |left | right|; 1.0 for two empty sets."""
    union = left | right
    return len(left & right) / len(union) if union else 1.0


def _similar_earlier(
    current: tuple[str, ...], earlier: list[tuple[DesiredQuestion, tuple[str, ...]]]
) -> tuple[str, DesiredQuestion, float] | None:
    for question, seen in earlier:
        if seen == current:
            return "IAC301", question, 1.0
        similarity = jaccard(frozenset(seen), frozenset(current))
        if similarity >= NEAR_DUPLICATE_THRESHOLD:
            return "IAC302", question, similarity
    return None


def check_duplicates(interview: DesiredInterview) -> Iterator[Finding]:
    """One warning per question that repeats (or almost repeats) an earlier question."""
    earlier: list[tuple[DesiredQuestion, tuple[str, ...]]] = []
    for question, location in questions_with_text_location(interview):
        current = tokens(question.text)
        similar = _similar_earlier(current, earlier)
        earlier.append((question, current))
        if similar is None:
            continue
        rule_id, original, similarity = similar
        first = question_name(interview, original)
        if rule_id == "IAC301":
            message = f"repeats {first}"
        else:
            message = (
                f"shares {similarity:.0%} of its words with {first}; merge them or make them "
                "ask different things"
            )
        yield finding(rule_id, message, location, interview, question)
