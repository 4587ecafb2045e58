"""Keys that say what a question is about, for the files `import`, `pull` and refresh
write: a few content words of its text ("How do you handle a difficult customer?" ->
`handle-difficult-customer`), not its first words (`how-do-you-handle-a`). Pure: no I/O.

Only written files get these keys: once in a file, a key is the question's identity. A
spec without keys keeps the loader's derivation (spec/keys.py), which must never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Final

from reconciler.spec.keys import base_key
from reconciler.spec.keys import derive_keys
from reconciler.spec.keys import slug
from reconciler.spec.schema import KEY_MAX_LENGTH

CONTENT_WORDS: Final = 3
_WORD: Final = re.compile(r"[a-z0-9]+")
# Words that carry the form of a question, not its subject (English, German, French,
# Spanish: the languages of the example specs and of most accounts).
_FORM_TEXT: Final = """
    a an the and or but if of to in on at for from by with about as into than then so
    is are was were be been being am do does did done have has had having can could
    will would shall should may might must i me my we us our you your yours he she it
    its they them their this that these those there here what which who whom whose
    when where why how tell describe explain give share walk please example examples
    any some most more very much many one ever just also like
    wie was wer wo warum welche welcher welches der die das den dem des ein eine einen
    einem einer und oder sie ihr ihre ihnen ihren es ist sind sein haben hat bei mit
    fur von zu im in auf an als wenn dass uns wir ich mir mich nicht beschreiben
    erzahlen bitte
    le la les un une des et ou de du en au aux que qui quoi comment pourquoi vous
    votre vos est sont avez pour avec sur dans ce cette
    el los las una y o que como por para con en su sus es son usted
"""
_FORM_WORDS: Final = frozenset(_FORM_TEXT.split())


def meaning_key(text: str) -> str:
    """A key from the first few content words of `text`; its first words when it has no
    content words (all form words), and a hash when it has no Latin words at all."""
    # Word by word: a slug of the whole text would stop at the key length limit.
    words = [word for token in text.split() for word in _WORD.findall(slug(token, max_words=None))]
    content = [word for word in words if word not in _FORM_WORDS and len(word) > 1]
    if not content:
        return base_key(text)
    return "-".join(content[:CONTENT_WORDS])[:KEY_MAX_LENGTH].rstrip("-")


def meaning_keys(texts: Sequence[str | None], taken: Iterable[str] = ()) -> list[str | None]:
    """Keys for the questions whose slot holds a text (None slots keep a key of their
    own, listed in `taken`); a key that is taken gets -2, -3, ... in order of appearance."""
    return derive_keys(texts, taken, base_of=meaning_key)
