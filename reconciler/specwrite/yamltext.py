"""Spec data -> YAML text in the style of the hand-written specs. Pure: no I/O.

Block mappings and lists indented by two, list items indented under their key, short
lists of plain values in flow style (`tags: [a, b]`), multi-line text as `|` block
scalars, quoting only where YAML needs it, and never a folded (`>`) scalar or a wrapped
line: both can change the text that is read back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from typing import Final

import yaml

FLOW_LIST_MAX: Final = 72  # longest flow list (as text) kept on the key's line
_NO_WRAP: Final = 1 << 30


class _FlowList(list[Any]):
    """A list written in flow style."""


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as people write them."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value.rstrip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _flow(dumper: yaml.SafeDumper, value: _FlowList) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


_Dumper.add_representer(str, _text)
_Dumper.add_representer(_FlowList, _flow)


def _styled(value: Any) -> Any:
    """Lists of short plain values become flow lists; everything else keeps block style."""
    if isinstance(value, Mapping):
        return {key: _styled(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        items = [_styled(item) for item in value]
        simple = all(isinstance(item, str) and "\n" not in item for item in items)
        if items and simple and len(", ".join(items)) + 2 <= FLOW_LIST_MAX:
            return _FlowList(items)
        return items
    return value


def dump_yaml(data: Mapping[str, Any]) -> str:
    """YAML text of a mapping, keys in the given order, ending with a newline."""
    text: str = yaml.dump(
        _styled(data),
        Dumper=_Dumper,
        sort_keys=False,
        default_flow_style=False,
        allow_unicode=True,
        width=_NO_WRAP,
        indent=2,
    )
    return text


def dump_entry(name: str, value: Any) -> str:
    """One top-level `name: value` entry as text, without the final newline."""
    return dump_yaml({name: value}).rstrip("\n")
