"""Escaping of spec and live text for the renderers. Pure: no I/O.

Anything a person typed (in a spec file, or in the JobMojito app) reaches a terminal or a
pull-request comment only through these helpers, so that it cannot recolour a terminal,
reorder text with bidi controls, break out of a markdown block, mention people, or add
links, images or HTML to a comment.
"""

from __future__ import annotations

import re
import unicodedata

ZERO_WIDTH_SPACE = "\u200b"
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
# `&` and `;` stay out: they belong to the entities written by _html_escape. `$` is GitHub's
# math delimiter and `=` can underline a line into a heading.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>=$])")
# Schemes and host prefixes that GitHub turns into links, in text and in raw HTML alike.
_LINKISH = re.compile(r"(?i)(https?|ftp|file|mailto|javascript|vbscript|data)(\s*:)|(www)(\.)")
_BACKTICK_RUNS = re.compile(r"`+")


def visible(text: str) -> str:
    """`text` with control and bidi characters (except newline and tab) shown as escapes."""
    return "".join(_visible_char(char) for char in text.replace("\r\n", "\n"))


def _visible_char(char: str) -> str:
    if char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cf"):
        return char
    if char in ("\u200d", "\u200c"):
        return char  # joiners are part of emoji and many scripts
    return f"\\u{ord(char):04x}"


def markdown_inline(text: str) -> str:
    """`text` as inert inline markdown on one line: literal characters, newlines as <br>."""
    defused = _defuse(_html_escape(visible(text)))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", defused).replace("\n", "<br>")


def html_text(text: str) -> str:
    """`text` as inert text inside a raw HTML element (where markdown is not parsed)."""
    return _defuse(_html_escape(visible(text))).replace("\n", " ")


def fence_for(text: str, *, minimum: int = 3) -> str:
    """Backticks that open and close a code block (or, `minimum=1`, a code span) around
    `text`: more of them than in any run inside it, so the text cannot close it early."""
    longest = max((len(run) for run in _BACKTICK_RUNS.findall(text)), default=0)
    return "`" * max(minimum, longest + 1)


def _html_escape(text: str) -> str:
    return "".join(_HTML.get(char, char) for char in text)


def _defuse(text: str) -> str:
    """Break mentions, team mentions and autolinks with an invisible space."""
    text = text.replace("@", "@" + ZERO_WIDTH_SPACE)
    return _LINKISH.sub(_break_link, text)


def _break_link(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1) + ZERO_WIDTH_SPACE + match.group(2)
    return match.group(3) + ZERO_WIDTH_SPACE + match.group(4)
