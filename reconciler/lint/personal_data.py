"""Rules IAC201-IAC202: personal data (emails, phone numbers) in question text.

A phone number is a run of 8 to 15 digits with the usual separators that starts with
`+`, `(` or `0`, or has at least 10 digits; thousands (`1 000 000`), year ranges
(`2019-2021`) and dates are not phone numbers. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from reconciler.lint.finding import Finding
from reconciler.lint.finding import finding
from reconciler.lint.finding import questions_with_text_location
from reconciler.lint.finding import quote
from reconciler.spec.model import DesiredInterview

_EMAIL: Final = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", re.I)
_PHONE_CANDIDATE: Final = re.compile(r"(?<![\w+])\+?\(?\d[\d ().\-/]{5,}\d(?!\w)")
_NOT_PHONES: Final = (
    re.compile(r"\d{1,3}(?:[ .,]\d{3})+"),  # 1 000 000, 1.000.000
    re.compile(r"\d{4} ?[-/] ?\d{4}"),  # 2019-2021
    re.compile(r"\d{4}-\d{2}-\d{2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}"),  # dates
)
_MIN_DIGITS: Final = 8
_MAX_DIGITS: Final = 15
_MIN_DIGITS_UNPREFIXED: Final = 10


def is_phone_number(candidate: str) -> bool:
    """Whether a digit run found in text looks like a phone number (see module docstring)."""
    digits = sum(char.isdigit() for char in candidate)
    if not _MIN_DIGITS <= digits <= _MAX_DIGITS:
        return False
    if any(pattern.fullmatch(candidate) for pattern in _NOT_PHONES):
        return False
    return candidate[0] in "+(0" or digits >= _MIN_DIGITS_UNPREFIXED


def emails_in(text: str) -> tuple[str, ...]:
    return tuple(match.group(0) for match in _EMAIL.finditer(text))


def phone_numbers_in(text: str) -> tuple[str, ...]:
    candidates = (match.group(0) for match in _PHONE_CANDIDATE.finditer(text))
    return tuple(candidate for candidate in candidates if is_phone_number(candidate))


_FIX: Final = "; put contact details in the interview's description or recruiter profile instead"


def check_personal_data(interview: DesiredInterview) -> Iterator[Finding]:
    """One error per email address and per phone number in a question's text."""
    for question, location in questions_with_text_location(interview):
        for email in emails_in(question.text):
            message = f"its text contains an email address ({quote(email)}){_FIX}"
            yield finding("IAC201", message, location, interview, question)
        for phone in phone_numbers_in(question.text):
            message = f"its text contains a phone number ({quote(phone)}){_FIX}"
            yield finding("IAC202", message, location, interview, question)
