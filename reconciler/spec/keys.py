"""Keys: the identity of interviews and questions. Pure: no I/O.

A key is a slug (`^[a-z0-9][a-z0-9-]*$`, at most 63 characters). Questions without an
explicit key get one derived from the first five words of their text, so the key stays
the same when later words are edited or the questions are reordered.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Final

from reconciler.spec.schema import KEY_MAX_LENGTH
from reconciler.spec.schema import KEY_PATTERN

KEY_WORDS: Final = 5
_KEY_RE: Final = re.compile(KEY_PATTERN)
_WORD_RE: Final = re.compile(r"[a-z0-9]+")
# Letters that NFKD does not decompose into ASCII, spelled the way their languages do.
_FOLD: Final = str.maketrans(
    {"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "þ": "th"}
)


def is_key(text: str) -> bool:
    """True when `text` is a valid interview or question key."""
    return len(text) <= KEY_MAX_LENGTH and _KEY_RE.match(text) is not None


def question_label(index: int, key: object = None) -> str:
    """How messages name the question at 0-based `index`: `question 2 (key "why")`, by
    its 1-based number as people count, with its key when that is a valid one."""
    label = f"question {index + 1}"
    return f'{label} (key "{key}")' if isinstance(key, str) and is_key(key) else label


def _ascii_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slug(text: str, max_words: int | None = KEY_WORDS) -> str:
    """Slug of the first words of `text` (ASCII-folded); "" when none are Latin."""
    words = _WORD_RE.findall(_ascii_fold(text))[:max_words]
    return "-".join(words)[:KEY_MAX_LENGTH].rstrip("-")


def base_key(text: str) -> str:
    """The key a question's text suggests before collisions are resolved."""
    return slug(text) or "q-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _with_suffix(base: str, number: int) -> str:
    suffix = f"-{number}"
    return base[: KEY_MAX_LENGTH - len(suffix)].rstrip("-") + suffix


def derive_keys(
    texts: Sequence[str | None],
    taken: Iterable[str] = (),
    *,
    base_of: Callable[[str], str] = base_key,
) -> list[str | None]:
    """Keys for the questions whose slot holds a text (None slots keep an explicit key).

    Collisions within the file, with each other or with the explicit keys in `taken`,
    get `-2`, `-3`, ... in order of appearance.
    """
    used = set(taken)
    keys: list[str | None] = []
    for text in texts:
        if text is None:
            keys.append(None)
            continue
        base = base_of(text)
        key, number = base, 1
        while key in used:
            number += 1
            key = _with_suffix(base, number)
        used.add(key)
        keys.append(key)
    return keys


QuestionKeys = list[tuple[str, bool] | None]


def question_keys(items: Sequence[object]) -> QuestionKeys:
    """(key, derived) per question item; None for items with neither key nor text.

    Tolerates items of the wrong shape (the schema reports those), so the rules can
    run on files that also have schema problems.
    """
    explicit = [_explicit_key(item) for item in items]
    texts = [
        _text(item) if key is None else None for item, key in zip(items, explicit, strict=True)
    ]
    derived = derive_keys(texts, taken=[key for key in explicit if key is not None])
    result: list[tuple[str, bool] | None] = []
    for key, other in zip(explicit, derived, strict=True):
        result.append((key, False) if key is not None else (other, True) if other else None)
    return result


def _explicit_key(item: object) -> str | None:
    key = item.get("key") if isinstance(item, dict) else None
    return key if isinstance(key, str) else None


def _text(item: object) -> str | None:
    text = item.get("question") if isinstance(item, dict) else None
    return text if isinstance(text, str) else None
