"""Word-level text diffs for question changes. Pure."""

from __future__ import annotations

import difflib
import re
from typing import Literal

Op = Literal["equal", "delete", "insert"]
_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(before: str, after: str) -> list[tuple[Op, str]]:
    """Runs of equal, deleted and inserted text; whitespace stays attached to its words.

    >>> word_diff("Tell me about a time", "Tell me about one time")
    [('equal', 'Tell me about '), ('delete', 'a'), ('insert', 'one'), ('equal', ' time')]
    """
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    runs: list[tuple[Op, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(runs, "equal", "".join(old[i1:i2]))
            continue
        if i2 > i1:
            _append(runs, "delete", "".join(old[i1:i2]))
        if j2 > j1:
            _append(runs, "insert", "".join(new[j1:j2]))
    return runs


def _append(runs: list[tuple[Op, str]], op: Op, text: str) -> None:
    if runs and runs[-1][0] == op:
        runs[-1] = (op, runs[-1][1] + text)
    else:
        runs.append((op, text))
