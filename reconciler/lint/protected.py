"""Rules IAC101-IAC111: questions that ask about a protected characteristic.

Every question is matched against the phrases of every language (patterns.py), so a
German question in an English interview is still caught. Allowed phrases (work
authorisation, essential functions, a minimum legal age) are blanked out first.
Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from reconciler.lint.finding import Finding
from reconciler.lint.finding import finding
from reconciler.lint.finding import questions_with_text_location
from reconciler.lint.finding import quote
from reconciler.lint.patterns import ALLOWANCES
from reconciler.lint.patterns import PROTECTED_PHRASES
from reconciler.lint.patterns import Phrases
from reconciler.lint.rules import PROTECTED_RULE_BY_CATEGORY
from reconciler.lint.rules import RULES_BY_ID
from reconciler.spec.model import DesiredInterview


def _compile(phrases: Iterable[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(phrases) + r")\b", re.IGNORECASE)


def _all_languages(by_language: Phrases) -> Iterator[str]:
    for phrases in by_language.values():
        yield from phrases


_MATCHERS: Final[Mapping[str, re.Pattern[str]]] = MappingProxyType(
    {
        category: _compile(_all_languages(by_language))
        for category, by_language in PROTECTED_PHRASES.items()
    }
)
_ALLOWED: Final[Mapping[str, re.Pattern[str]]] = MappingProxyType(
    {category: _compile(phrases) for category, phrases in ALLOWANCES.items()}
)


def normalise(text: str) -> str:
    """Typographic apostrophes made plain and whitespace collapsed, so phrases match."""
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def protected_matches(text: str) -> tuple[tuple[str, str], ...]:
    """(category, matched phrase) for each protected category `text` asks about."""
    plain = normalise(text)
    found = []
    for category, matcher in _MATCHERS.items():
        allowed = _ALLOWED.get(category)
        searched = allowed.sub(" ", plain) if allowed is not None else plain
        match = matcher.search(searched)
        if match is not None:
            found.append((category, match.group(0)))
    return tuple(found)


def check_protected(interview: DesiredInterview) -> Iterator[Finding]:
    """One error per question and protected category it touches."""
    for question, location in questions_with_text_location(interview):
        for category, phrase in protected_matches(question.text):
            rule_id = PROTECTED_RULE_BY_CATEGORY[category]
            title = RULES_BY_ID[rule_id].title.lower()
            message = f"asks about {title} ({quote(phrase)})"
            yield finding(rule_id, message, location, interview, question)
