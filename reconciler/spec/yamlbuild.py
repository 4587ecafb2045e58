"""Stage 1b, parse (second half): a checked YAML node graph -> plain data.

Pure: no I/O. Only YAML's standard scalar tags are built (dates stay text); the node of
every value and of every key is recorded by dotted path, and positions are read from
those nodes only when asked (most files are valid and ask for few).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from typing import Any
from typing import Final

import yaml
from yaml.nodes import MappingNode
from yaml.nodes import Node
from yaml.nodes import ScalarNode

from reconciler.errors import InvalidSpecError
from reconciler.errors import Problem
from reconciler.spec.textfile import Position
from reconciler.spec.textfile import located_error as _fail

MAX_DEPTH: Final = 64
YAML_TAG: Final = "tag:yaml.org,2002:"
STR_TAG: Final = YAML_TAG + "str"
_MERGE_TAG: Final = YAML_TAG + "merge"


def node_position(node: Node) -> Position:
    """Where `node` starts: line and column, counting from 1."""
    return node.start_mark.line + 1, node.start_mark.column + 1


class NodePositions(Mapping[str, Position]):
    """Where each dotted path's node starts, read from the node when asked.

    Most files are valid and only a few positions are ever asked for, so the builder
    records the nodes and leaves the marks unread.
    """

    def __init__(self, nodes: dict[str, Node]) -> None:
        self._nodes = nodes

    def __getitem__(self, path: str) -> Position:
        mark = self._nodes[path].start_mark
        return mark.line + 1, mark.column + 1

    def __contains__(self, path: object) -> bool:
        return path in self._nodes

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)


_SCALARS: Final[dict[str, Callable[[Any, ScalarNode], Any]]] = {
    YAML_TAG + "str": lambda _, node: node.value,
    YAML_TAG + "timestamp": lambda _, node: node.value,  # dates stay text, as the API wants
    YAML_TAG + "null": lambda _, node: None,
    YAML_TAG + "bool": lambda loader, node: loader.construct_yaml_bool(node),
    YAML_TAG + "int": lambda loader, node: loader.construct_yaml_int(node),
    YAML_TAG + "float": lambda loader, node: loader.construct_yaml_float(node),
}
_CONSTRUCTOR: Final[Any] = yaml.constructor.SafeConstructor()  # stateless for what we call
# What PyYAML's constructors raise on a tagged text they cannot read: an IndexError for an
# empty `!!int ""` or `!!float ""`, a KeyError for `!!bool "maybe"`, a ValueError otherwise.
_INVALID_SCALAR: Final = (yaml.YAMLError, ValueError, LookupError)
# (tag, text) -> constructed value, for short texts: numbers and booleans repeat across
# files, and their values are immutable.
_CONSTRUCTED: dict[tuple[str, str], Any] = {}
_CONSTRUCTED_MAX_LENGTH: Final = 40
NOT_BUILT: Final = object()
"""What scalar_value() returns for a scalar DataBuilder refuses (with a located problem)."""

# No path resolvers are registered for the safe loaders: a plain scalar's text alone
# decides its tag, with the implicit resolvers' regexes.
_RESOLVER: Final[Any] = yaml.resolver.Resolver()
_RESOLVED: dict[str, str] = {}  # plain scalar text -> tag, for short texts
_RESOLVE_CACHE_MAX_LENGTH: Final = 40


def plain_tag(text: str) -> str:
    """The tag YAML's implicit resolution gives a plain (unquoted, untagged) scalar."""
    # The regexes dominate the time of reading a spec; keys and small values repeat
    # across files, so their tags are remembered.
    tag = _RESOLVED.get(text)
    if tag is None:
        tag = str(_RESOLVER.resolve(ScalarNode, text, (True, False)))
        if len(text) <= _RESOLVE_CACHE_MAX_LENGTH:
            _RESOLVED[text] = tag
    return tag


def scalar_value(tag: str, text: str) -> Any:
    """The value of a scalar of one of YAML's standard tags, as DataBuilder builds it, or
    NOT_BUILT for an unsupported tag, an invalid number or a non-finite one."""
    build = _SCALARS.get(tag)
    if build is None:
        return NOT_BUILT
    try:
        value = build(_CONSTRUCTOR, ScalarNode(tag, text))
    except _INVALID_SCALAR:
        return NOT_BUILT
    if type(value) is float and not math.isfinite(value):
        return NOT_BUILT
    return value


class DataBuilder:
    """Builds plain data from a checked node graph, recording nodes by dotted path."""

    def __init__(self, file: str, may_merge: bool = True) -> None:
        self.file = file
        self.value_nodes: dict[str, Node] = {}
        self.key_nodes: dict[str, Node] = {}
        self.problems: list[Problem] = []
        self.depth = 0
        self.may_merge = may_merge  # False when the text cannot hold a merge key

    def value(self, node: Node, path: str) -> Any:
        self.value_nodes[path] = node
        if isinstance(node, ScalarNode):
            if node.tag == STR_TAG:  # most values: the text as written
                return node.value
            return self.scalar(node)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _fail(
                self.file, node_position(node), f"YAML nesting too deep (over {MAX_DEPTH} levels)"
            )
        try:
            if isinstance(node, MappingNode):
                return self.mapping(node, path)
            self._expect_tag(node, "seq")
            return [self.value(item, f"{path}.{index}") for index, item in enumerate(node.value)]
        finally:
            self.depth -= 1

    def mapping(self, node: MappingNode, path: str) -> dict[str, Any]:
        self._expect_tag(node, "map")
        merged = self.may_merge and any(key.tag == _MERGE_TAG for key, _ in node.value)
        if merged:  # duplicates among the file's own keys, before merging adds more
            self._report_duplicates(node)
            self._merge(node)
        result: dict[str, Any] = {}
        prefix = f"{path}." if path else ""
        for key_node, value_node in node.value:
            key = self._key(key_node)
            child = prefix + key
            if key in result and not merged:
                self._duplicate(key_node, key, node_position(self.key_nodes[child])[0])
            self.key_nodes[child] = key_node
            result[key] = self.value(value_node, child)  # the last wins, as in PyYAML
        return result

    def scalar(self, node: ScalarNode) -> Any:
        cache_key = (node.tag, node.value)
        value = _CONSTRUCTED.get(cache_key, NOT_BUILT)
        if value is NOT_BUILT:
            value = scalar_value(node.tag, node.value)
            if value is NOT_BUILT:
                raise self._refusal(node)
            if len(node.value) <= _CONSTRUCTED_MAX_LENGTH:
                _CONSTRUCTED[cache_key] = value
        return value

    def _refusal(self, node: ScalarNode) -> InvalidSpecError:
        """Why scalar_value() built nothing for `node`."""
        build = _SCALARS.get(node.tag)
        if build is None:
            return self._unsupported(node)
        try:
            build(_CONSTRUCTOR, node)
        except _INVALID_SCALAR:
            tag = node.tag.removeprefix(YAML_TAG)
            return _fail(self.file, node_position(node), f"invalid {tag} value {node.value!r}")
        return _fail(
            self.file,
            node_position(node),
            f"{node.value} is not a finite number",
            "the API stores JSON, which has no NaN or infinity: write a number",
        )

    def _report_duplicates(self, node: MappingNode) -> None:
        first_lines: dict[str, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self._key(key_node)
            if key in first_lines:
                self._duplicate(key_node, key, first_lines[key])
            else:
                first_lines[key] = node_position(key_node)[0]

    def _duplicate(self, key_node: Node, key: str, first_line: int) -> None:
        line, col = node_position(key_node)
        message = f'duplicate key "{key}" (first at line {first_line})'
        hint = "remove one; YAML would silently keep the last"
        self.problems.append(Problem(self.file, line, col, message, hint))

    def _merge(self, node: MappingNode) -> None:
        try:
            _CONSTRUCTOR.flatten_mapping(node)  # `<<: *anchor` merges, own keys win
        except yaml.YAMLError:
            raise _fail(
                self.file,
                node_position(node),
                "invalid YAML merge (<<): it needs a mapping or a list of mappings",
            ) from None

    def _key(self, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            raise _fail(self.file, node_position(node), "mapping keys must be plain text")
        return str(node.value)  # the text as written: `on:` stays "on", not True

    def _expect_tag(self, node: Node, kind: str) -> None:
        if node.tag != YAML_TAG + kind:
            raise self._unsupported(node)

    def _unsupported(self, node: Node) -> InvalidSpecError:
        tag = node.tag.replace(YAML_TAG, "!!", 1) if node.tag.startswith(YAML_TAG) else node.tag
        return _fail(
            self.file,
            node_position(node),
            f"unsupported YAML tag {tag}",
            "remove the tag; specs use plain YAML values only",
        )
