"""The desired side: frozen values loaded from the spec files.

Values keep the spec's own names (which are the API's write names, see the registry);
`generate.*` values live under `generate`. The positions later stages point at
(`file:line:col`: top-level values, question texts) are kept in `positions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field
from types import MappingProxyType
from typing import Any
from typing import NamedTuple

_EMPTY: Mapping[str, Any] = MappingProxyType({})


class Location(NamedTuple):
    """A position in a spec file; lines and columns count from 1."""

    file: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}"


class DesiredQuestion(NamedTuple):
    """One question as the spec states it.

    `key` is the question's identity (sent as `external_id`); `key_derived` is true when
    the spec gave none and the loader derived a stable one from the text.
    `values` holds the registry's question fields the spec sets (spec names, not `key`
    or `follows`); `follows` is the key of an earlier question or None.

    A named tuple: a plan of 5,000 specs holds 100,000 of them, and a frozen dataclass
    without slots takes four times the memory.
    """

    key: str
    values: Mapping[str, Any]
    location: Location
    follows: str | None = None
    key_derived: bool = False
    lint_ignore: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return str(self.values["question"])


@dataclass(frozen=True)
class DesiredInterview:
    """One interview as its spec file states it.

    `values` holds the registry's interview fields the spec sets (spec names; `generate`
    is a nested mapping). Omitted fields are absent: the planner applies the registry's
    defaults. `questions` is None for a `generate:` spec without questions (unmanaged).
    """

    key: str
    file: str
    values: Mapping[str, Any]
    questions: tuple[DesiredQuestion, ...] | None
    location: Location
    template: str | None = None
    protect: bool = False
    import_id: str | None = None
    allow_duplicate_name: bool = False
    previous_keys: tuple[str, ...] = ()
    lint_ignore: tuple[str, ...] = ()
    # (line, col) by path; a Location is made only when asked for (few are, and thousands
    # of specs are loaded at once).
    positions: Mapping[str, tuple[int, int]] = field(default_factory=lambda: _EMPTY)

    @property
    def generate(self) -> Mapping[str, Any] | None:
        value = self.values.get("generate")
        return value if isinstance(value, Mapping) else None

    def location_of(self, path: str, default: Location | None = None) -> Location:
        """Position of a top-level value ("template") or of a question's text
        ("questions.2.question"); `default` (or the file's position) for any other path."""
        position = self.positions.get(path)
        if position is None:
            return default or self.location
        return Location(self.file, *position)
