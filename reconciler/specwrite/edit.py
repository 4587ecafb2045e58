"""Edits of a spec file's text, one top-level entry at a time. Pure: no I/O.

Only the edited entries change: the rest of the file (comments, order, quoting) is kept
byte for byte. An entry runs from its key to the end of its value as the YAML parser
marks it; comments after a value stay where they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import yaml
from yaml.nodes import MappingNode
from yaml.nodes import Node
from yaml.nodes import ScalarNode
from yaml.nodes import SequenceNode

from reconciler.errors import InvalidSpecError
from reconciler.errors import Problem
from reconciler.specwrite.yamltext import dump_entry

Span = tuple[int, int]  # character offsets: [start, end)


def entry_spans(text: str, file: str) -> dict[str, Span]:
    """Where each top-level `key: value` entry starts and ends."""
    try:
        # The pure-Python parser: its marks count characters, which slicing needs.
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise InvalidSpecError(
            [Problem(file, 1, 1, f"cannot edit: invalid YAML ({exc})")]
        ) from None
    if not isinstance(root, MappingNode):
        raise InvalidSpecError([Problem(file, 1, 1, "cannot edit: the file is not a mapping")])
    return {
        str(key.value): (key.start_mark.index, _end(text, value))
        for key, value in root.value
        if isinstance(key, ScalarNode)
    }


def _end(text: str, node: Node) -> int:
    """End of a value: the last child's end for block collections; no trailing newlines."""
    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _end(text, last[1] if isinstance(last, tuple) else last)
    end = int(node.end_mark.index)
    while end > 0 and text[end - 1] in "\r\n":
        end -= 1
    return end


def set_entries(
    text: str, file: str, values: Mapping[str, Any], *, before: str = "questions"
) -> str:
    """`text` with each named entry's value replaced; entries not in the file are inserted
    before the `before` entry (or appended at the end)."""
    spans = entry_spans(text, file)
    edits: list[tuple[int, int, int, str]] = []  # start, order at equal start, end, new text
    for name, value in values.items():
        entry = dump_entry(name, value)
        if name in spans:
            start, end = spans[name]
            edits.append((start, 1, end, entry))
        elif before in spans:
            start = spans[before][0]
            edits.append((start, 0, start, entry + "\n"))
        else:
            end = len(text)
            prefix = "" if text.endswith("\n") or not text else "\n"
            edits.append((end, 0, end, prefix + entry + "\n"))
    return _apply(text, edits)


def replace_entry(text: str, file: str, name: str, new_name: str, value: Any) -> str:
    """`text` with the named entry replaced by `new_name: value` at the same place."""
    start, end = entry_spans(text, file)[name]
    return text[:start] + dump_entry(new_name, value) + text[end:]


def remove_entry(text: str, file: str, name: str) -> str:
    """`text` without the named top-level entry (and the line break after it)."""
    spans = entry_spans(text, file)
    if name not in spans:
        return text
    start, end = spans[name]
    if text[end : end + 1] == "\n":
        end += 1
    return text[:start] + text[end:]


def _apply(text: str, edits: list[tuple[int, int, int, str]]) -> str:
    """Apply edits from the end of the text backwards, so earlier offsets stay valid; at one
    offset a replacement goes first, so an insertion lands before the replaced entry."""
    for start, _, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text
