"""Stage 1a, read: one spec file's bytes -> plain data plus the position of every value.

Pure: callers pass bytes, nothing here touches the file system. YAML is read safely
(no object construction) and defensively: oversized, binary, non-UTF-8 and multi-document
files are refused, duplicate mapping keys are reported (PyYAML would silently keep the
last), and alias bombs are stopped before anything is expanded. Every refusal is an
`InvalidSpecError` carrying one located `Problem`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from reconciler.errors import InvalidSpecError, Problem

MAX_FILE_BYTES: Final = 1024 * 1024
MAX_ALIASES: Final = 50
MAX_EXPANDED_NODES: Final = 100_000
MAX_DEPTH: Final = 64

Position = tuple[int, int]  # line, column; both count from 1

# libyaml's parser is about 15x faster than the pure-Python one; the constructor side
# (ours below) is the same either way.
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG: Final = "tag:yaml.org,2002:"
_MERGE_TAG: Final = _YAML_TAG + "merge"


class _Loader(_BaseLoader):  # type: ignore[misc]  # yaml's C loader is untyped
    """Safe loader: only YAML's standard tags; dates stay text (the API wants strings)."""


@dataclass(frozen=True)
class Document:
    """One parsed spec file: a top-level mapping with positions by dotted path."""

    file: str
    data: dict[str, Any]
    positions: Mapping[str, Position]  # "questions.0.question" -> where the value starts
    key_positions: Mapping[str, Position]  # "questions.0.question" -> where its key starts
    problems: tuple[Problem, ...] = ()  # found while reading, yet the data is usable


def _fail(file: str, position: Position, message: str, hint: str = "") -> InvalidSpecError:
    return InvalidSpecError([Problem(file, position[0], position[1], message, hint)])


def _position_of_offset(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode_spec(raw: bytes, file: str) -> str:
    """Check a file's bytes (size, binary, encoding) and return its text."""
    if len(raw) > MAX_FILE_BYTES:
        raise _fail(
            file,
            (1, 1),
            f"file is larger than 1 MiB ({len(raw)} bytes)",
            "one interview per file; split it or remove it",
        )
    nul = raw.find(b"\0")
    if nul >= 0:
        raise _fail(
            file,
            _position_of_offset(raw, nul),
            "binary file (contains NUL bytes)",
            "only YAML text files belong in the interviews folder",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start]
        raise _fail(
            file,
            _position_of_offset(raw, exc.start),
            f"not valid UTF-8: byte 0x{byte:02x} at offset {exc.start}",
            "save the file as UTF-8",
        ) from None


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


def _pos(node: Node) -> Position:
    return node.start_mark.line + 1, node.start_mark.column + 1


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


_SCALARS: Final[dict[str, Callable[[Any, ScalarNode], Any]]] = {
    _YAML_TAG + "str": lambda _, node: node.value,
    _YAML_TAG + "timestamp": lambda _, node: node.value,  # dates stay text, as the API wants
    _YAML_TAG + "null": lambda _, node: None,
    _YAML_TAG + "bool": lambda loader, node: loader.construct_yaml_bool(node),
    _YAML_TAG + "int": lambda loader, node: loader.construct_yaml_int(node),
    _YAML_TAG + "float": lambda loader, node: loader.construct_yaml_float(node),
}
_CONSTRUCTOR: Final[Any] = yaml.constructor.SafeConstructor()  # stateless for what we call


class _Builder:
    """Builds plain data from a checked node graph, recording positions by dotted path."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.positions: dict[str, Position] = {}
        self.key_positions: dict[str, Position] = {}
        self.problems: list[Problem] = []

    def value(self, node: Node, path: str) -> Any:
        self.positions[path] = _pos(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, path)
        if isinstance(node, SequenceNode):
            self._expect_tag(node, "seq")
            return [self.value(item, f"{path}.{index}") for index, item in enumerate(node.value)]
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        raise self._unsupported(node)

    def mapping(self, node: MappingNode, path: str) -> dict[str, Any]:
        self._expect_tag(node, "map")
        self._report_duplicates(node)
        if any(key.tag == _MERGE_TAG for key, _ in node.value):
            self._merge(node)
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            child = f"{path}.{key}" if path else key
            self.key_positions[child] = _pos(key_node)
            result[key] = self.value(value_node, child)  # the last wins, as in PyYAML
        return result

    def scalar(self, node: ScalarNode) -> Any:
        build = _SCALARS.get(node.tag)
        if build is None:
            raise self._unsupported(node)
        try:
            return build(_CONSTRUCTOR, node)
        except (yaml.YAMLError, ValueError):
            tag = node.tag.removeprefix(_YAML_TAG)
            raise _fail(self.file, _pos(node), f"invalid {tag} value {node.value!r}") from None

    def _report_duplicates(self, node: MappingNode) -> None:
        first_lines: dict[str, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self._key(key_node)
            line, col = _pos(key_node)
            if key in first_lines:
                message = f'duplicate key "{key}" (first at line {first_lines[key]})'
                hint = "remove one; YAML would silently keep the last"
                self.problems.append(Problem(self.file, line, col, message, hint))
            else:
                first_lines[key] = line

    def _merge(self, node: MappingNode) -> None:
        try:
            _CONSTRUCTOR.flatten_mapping(node)  # `<<: *anchor` merges, own keys win
        except yaml.YAMLError:
            raise _fail(
                self.file,
                _pos(node),
                "invalid YAML merge (<<): it needs a mapping or a list of mappings",
            ) from None

    def _key(self, node: Node) -> str:
        if not isinstance(node, ScalarNode):
            raise _fail(self.file, _pos(node), "mapping keys must be plain text")
        return str(node.value)  # the text as written: `on:` stays "on", not True

    def _expect_tag(self, node: Node, kind: str) -> None:
        if node.tag != _YAML_TAG + kind:
            raise self._unsupported(node)

    def _unsupported(self, node: Node) -> InvalidSpecError:
        tag = node.tag.replace(_YAML_TAG, "!!", 1) if node.tag.startswith(_YAML_TAG) else node.tag
        return _fail(
            self.file,
            _pos(node),
            f"unsupported YAML tag {tag}",
            "remove the tag; specs use plain YAML values only",
        )


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
    _Budget(file).size(node)
    if not isinstance(node, MappingNode):
        raise _fail(
            file,
            _pos(node),
            f"the file must be a mapping of fields, not {_kind(node)}",
            "start with `name: ...` at the left margin",
        )
    builder = _Builder(file)
    data = builder.mapping(node, "")
    return Document(file, data, builder.positions, builder.key_positions, tuple(builder.problems))


def read_spec(raw: bytes, file: str) -> Document:
    """Decode and parse one spec file's bytes."""
    return parse_spec(decode_spec(raw, file), file)
