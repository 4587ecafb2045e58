"""Rule IAC501: a question written in another language than the interview's.

Detection is deliberately cautious, and only ever flags when it is confident:
non-Latin scripts decide by script (ar, el, hi, ta, th, ko, ja, zh; Cyrillic by its
letters: uk, ru, bg); Latin text needs at least 5 words and a clear winner among the
stopword profiles (at least 2 hits and twice the runner-up). Questions whose expected
language has no profile (hr, fi, tr, ...) are never flagged. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from reconciler.lint.finding import Finding
from reconciler.lint.finding import finding
from reconciler.lint.finding import questions_with_text_location
from reconciler.lint.finding import quote
from reconciler.lint.language_data import SAME_LANGUAGE
from reconciler.lint.language_data import STOPWORDS
from reconciler.spec.model import DesiredInterview

MIN_WORDS: Final = 5
MIN_HITS: Final = 2
MIN_LEAD: Final = 2.0

_SCRIPTS: Final = (
    ("ar", "\u0600", "\u06ff"),
    ("el", "\u0370", "\u03ff"),
    ("hi", "\u0900", "\u097f"),
    ("ta", "\u0b80", "\u0bff"),
    ("th", "\u0e00", "\u0e7f"),
    ("ko", "\uac00", "\ud7af"),
    ("kana", "\u3040", "\u30ff"),
    ("han", "\u4e00", "\u9fff"),
    ("cyrillic", "\u0400", "\u04ff"),
)
SCRIPT_LANGUAGES: Final = frozenset({"ar", "el", "hi", "ta", "th", "ko", "ja", "zh", "ru", "uk"})
DETECTABLE: Final = frozenset(STOPWORDS) | SCRIPT_LANGUAGES | {"bg"}
_WORD: Final = re.compile(r"[^\W\d_]+")


def _script_of(char: str) -> str:
    for name, low, high in _SCRIPTS:
        if low <= char <= high:
            return name
    return "latin"


def _cyrillic_language(text: str) -> str | None:
    lowered = text.lower()
    if any(char in lowered for char in "іїєґ"):
        return "uk"
    if any(char in lowered for char in "ыэё"):
        return "ru"
    return "bg" if "ъ" in lowered else None


def _dominant_script(letters: list[str]) -> str:
    """The script of more than half the letters, else "mixed"."""
    counts: dict[str, int] = {}
    for char in letters:
        script = _script_of(char)
        counts[script] = counts.get(script, 0) + 1
    script = max(counts, key=lambda name: counts[name])
    return script if counts[script] * 2 > len(letters) else "mixed"


def _by_stopwords(words: list[str]) -> str | None:
    if len(words) < MIN_WORDS:
        return None
    scores = sorted(
        ((sum(word in stopwords for word in words), code) for code, stopwords in STOPWORDS.items()),
        reverse=True,
    )
    (best, code), (runner_up, _) = scores[0], scores[1]
    return code if best >= MIN_HITS and best >= MIN_LEAD * runner_up else None


def detect_language(text: str) -> str | None:
    """The language code `text` is confidently written in, else None."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < MIN_WORDS:
        return None
    script = _dominant_script(letters)
    if script == "latin":
        return _by_stopwords(_WORD.findall(text.casefold()))
    if script in ("kana", "han"):
        return "ja" if any(_script_of(char) == "kana" for char in letters) else "zh"
    if script == "cyrillic":
        return _cyrillic_language(text)
    return script if script in SCRIPT_LANGUAGES else None


def _expected_language(code: object) -> str | None:
    if not isinstance(code, str):
        return None
    return SAME_LANGUAGE.get(code, code)


def check_language(interview: DesiredInterview) -> Iterator[Finding]:
    """One warning per question confidently written in another language than expected."""
    default = interview.values.get("mojito_language_code")
    for question, location in questions_with_text_location(interview):
        code = question.values.get("mojito_language_code") or default
        expected = _expected_language(code)
        if expected not in DETECTABLE:
            continue
        detected = detect_language(question.text)
        if detected is not None and detected != expected:
            message = (
                f"{quote(question.text, 40)} looks like '{detected}', but its "
                f"language is '{code}'; translate it or set the question's "
                "mojito_language_code"
            )
            yield finding("IAC501", message, location, interview, question)
