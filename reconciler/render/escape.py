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
# Cc: C0, DEL and C1; Cf: bidi overrides, zero-width and other format characters;
# Zl/Zp: the Unicode line and paragraph separators, which some viewers break lines at.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp"})
_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r"}
_COMMAND_START = re.compile(r"^(\s*):(?=:)")


def visible(text: str) -> str:
    """`text` shown safely on one line of a terminal or CI log.

    Control characters (C0 with newline and carriage return, DEL, C1), bidi overrides and
    other invisible format characters are shown as escapes (`\\x1b`, `\\n`, `\\u202e`),
    so outside text cannot move the cursor, recolour or clear a terminal, set its title,
    or start a line of its own. A leading `::` is broken too: GitHub reads a log line that
    starts with it as a workflow command, even after spaces.
    """
    return _no_command("".join(_visible_char(char) for char in text))


def visible_lines(text: str) -> str:
    """Like `visible`, but keeps line breaks, for text that is multi-line by nature."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "\n".join(visible(line) for line in lines)


def _visible_char(char: str) -> str:
    if char == "\t" or unicodedata.category(char) not in _HIDDEN_CATEGORIES:
        return char
    if char in ("\u200d", "\u200c"):
        return char  # joiners are part of emoji and many scripts
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _no_command(text: str) -> str:
    return _COMMAND_START.sub(r"\1\\x3a", text)


def workflow_message(text: str) -> str:
    """`text` as the message of a GitHub workflow command (`::error ...::MESSAGE`): shown
    safely, then escaped as the runner unescapes it, so it stays on its command's line."""
    return _workflow_escape(visible(text))


def workflow_property(text: str) -> str:
    """`text` as a property value of a workflow command (`file=VALUE,line=...`): as a
    message, with `:` and `,` escaped too, since they end a value."""
    return _workflow_escape(visible(text)).replace(":", "%3A").replace(",", "%2C")


def _workflow_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def markdown_inline(text: str) -> str:
    """`text` as inert inline markdown on one line: literal characters, newlines as <br>."""
    defused = _defuse(_html_escape(visible_lines(text)))
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", defused).replace("\n", "<br>")


def html_text(text: str) -> str:
    """`text` as inert text inside a raw HTML element (where markdown is not parsed)."""
    return _defuse(_html_escape(visible_lines(text))).replace("\n", " ")


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
