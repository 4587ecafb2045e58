"""Stage 1b, parse: one spec file's text -> plain data plus the position of every value.

Pure: no I/O. YAML is read safely (standard tags only, no object construction) and
defensively: multi-document files are refused, duplicate mapping keys are reported
(PyYAML would silently keep the last), and alias bombs are stopped before anything is
expanded. Every refusal is an `InvalidSpecError` carrying one located `Problem`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from typing import Final

import yaml
from yaml.nodes import MappingNode
from yaml.nodes import Node
from yaml.nodes import ScalarNode
from yaml.nodes import SequenceNode

from reconciler.errors import InvalidSpecError
from reconciler.errors import Problem
from reconciler.spec.textfile import Position
from reconciler.spec.textfile import decode_spec
from reconciler.spec.textfile import located_error as _fail
from reconciler.spec.yamlbuild import MAX_DEPTH
from reconciler.spec.yamlbuild import STR_TAG
from reconciler.spec.yamlbuild import YAML_TAG
from reconciler.spec.yamlbuild import DataBuilder
from reconciler.spec.yamlbuild import NodePositions
from reconciler.spec.yamlbuild import node_position as _pos
from reconciler.spec.yamlbuild import plain_tag

MAX_ALIASES: Final = 50
MAX_EXPANDED_NODES: Final = 100_000

# The tag of every node that implicit resolution does not decide (no path resolvers are
# registered for the safe loaders, so the kind of node alone decides).
_DEFAULT_TAGS: Final[dict[type[Node], str]] = {
    ScalarNode: STR_TAG,
    SequenceNode: YAML_TAG + "seq",
    MappingNode: YAML_TAG + "map",
}


class _Resolution:
    """Tags of a safe loader: only YAML's standard tags; dates stay text (the API wants
    strings)."""

    def resolve(self, kind: type[Node], value: str, implicit: Any) -> str:
        # The composer calls this for every node. Only plain scalars (`implicit[0]`) go
        # through the implicit resolvers.
        if kind is not ScalarNode or not implicit[0]:
            return _DEFAULT_TAGS[kind]
        return plain_tag(value)


class PureLoader(_Resolution, yaml.SafeLoader):
    """The safe loader in pure Python, where PyYAML was built without libyaml."""


# PyYAML's C loader (libyaml's parser, where PyYAML's wheel or build has it) parses about
# 15x faster than the pure-Python one into the same nodes and marks; the constructor side
# (ours, in `yamlbuild`) is the same either way.
C_LOADER: Final = yaml.__with_libyaml__
_Loader: type[Any] = PureLoader
if C_LOADER:

    class CLoader(_Resolution, yaml.CSafeLoader):
        """The safe loader on libyaml's parser."""

    _Loader = CLoader


@dataclass(frozen=True)
class Document:
    """One parsed spec file: a top-level mapping with positions by dotted path."""

    file: str
    data: dict[str, Any]
    positions: Mapping[str, Position]  # "questions.0.question" -> where the value starts
    key_positions: Mapping[str, Position]  # "questions.0.question" -> where its key starts
    problems: tuple[Problem, ...] = ()  # found while reading, yet the data is usable


def _tab_indent(text: str) -> Position | None:
    for number, line in enumerate(text.splitlines(), start=1):
        content = line.lstrip(" \t")
        indent = line[: len(line) - len(content)]
        if content and "\t" in indent:
            return number, indent.index("\t") + 1
    return None


def _yaml_error(exc: yaml.YAMLError, text: str, file: str) -> InvalidSpecError:
    """Turn a parser error into one located problem, naming tabs when they are the cause."""
    tab = _tab_indent(text)
    if tab is not None:
        return _fail(file, tab, "tabs are not allowed for indentation; use spaces")
    mark = getattr(exc, "problem_mark", None)
    position = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in str(exc):
        return _fail(
            file,
            position,
            "more than one YAML document in the file",
            "one interview per file: move the part after '---' to its own file",
        )
    problem = getattr(exc, "problem", None) or str(exc)
    return _fail(
        file, position, f"invalid YAML: {problem}", "check the indentation and quoting here"
    )


def _compose(text: str, file: str) -> Node | None:
    loader = _Loader(text)
    try:
        node: Node | None = loader.get_single_node()
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, file) from None
    except RecursionError:  # the pure-Python composer on deeply nested input
        raise _fail(file, (1, 1), "YAML nesting too deep") from None
    finally:
        loader.dispose()
    return node


class _Budget:
    """Counts aliases and the expanded size of a node graph (aliases share nodes)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.aliases = 0
        self.sizes: dict[int, int] = {}
        self.open: set[int] = set()

    def bomb(self, node: Node) -> InvalidSpecError:
        return _fail(
            self.file,
            _pos(node),
            "YAML aliases expand too far (possible alias bomb)",
            "write the values out instead of repeating anchors",
        )

    def size(self, node: Node, depth: int = 0) -> int:
        if depth > MAX_DEPTH:
            raise _fail(self.file, _pos(node), f"YAML nesting too deep (over {MAX_DEPTH} levels)")
        if id(node) in self.sizes or id(node) in self.open:
            self.aliases += 1
            if self.aliases > MAX_ALIASES or id(node) in self.open:
                raise self.bomb(node)
            return self.sizes[id(node)]
        self.open.add(id(node))
        total = 1 + sum(self.size(child, depth + 1) for child in _children(node))
        self.open.discard(id(node))
        self.sizes[id(node)] = total
        if total > MAX_EXPANDED_NODES:
            raise self.bomb(node)
        return total


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [child for pair in node.value for child in pair]
    return []


def _kind(node: Node) -> str:
    return "a list" if isinstance(node, SequenceNode) else "a single value"


def parse_spec(text: str, file: str) -> Document:
    """Parse one spec file's text; raise InvalidSpecError when it cannot be read at all."""
    node = _compose(text, file)
    if node is None:
        raise _fail(
            file,
            (1, 1),
            "empty file",
            "write an interview here (name, location, ...) or delete the file",
        )
    if "&" in text:  # without anchors there are no aliases to expand
        _Budget(file).size(node)
    if not isinstance(node, MappingNode):
        raise _fail(
            file,
            _pos(node),
            f"the file must be a mapping of fields, not {_kind(node)}",
            "start with `name: ...` at the left margin",
        )
    # Every merge key is either the plain scalar `<<` or carries an explicit tag (`!...`).
    builder = DataBuilder(file, may_merge="<<" in text or "!" in text)
    try:
        data = builder.mapping(node, "")
    except RecursionError:
        raise _fail(file, (1, 1), "YAML nesting too deep") from None
    return Document(
        file,
        data,
        NodePositions(builder.value_nodes),
        NodePositions(builder.key_nodes),
        tuple(builder.problems),
    )


def read_spec(raw: bytes, file: str) -> Document:
    """Decode and parse one spec file's bytes."""
    return parse_spec(decode_spec(raw, file), file)
