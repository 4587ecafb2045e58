"""The live side: interviews as the JobMojito API returns them. Plain values, no I/O."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from typing import Final


class LiveInterview:
    """A live interview: its id, its merchant-interview-list item and its definition.

    `summary` is what discovery keeps of the merchant-interview-list item (id, name,
    type, status, updated_at, interview_count, interview_last: discovery.SUMMARY_FIELDS);
    `definition` is the job-interview-get response (which does not echo the id).
    Every value may be null and extra keys may appear: readers must use `.get`.

    Discovery may keep a definition undecoded (`undecoded()`): one that carries no marker
    of ours, which a plan never reads (`unmarked`). Decoding it would cost as much as
    decoding a managed one, for nothing (2.5 % of the instructions of a plan of 1,000
    managed among 500 others). It is decoded the first time anything reads it.
    """

    __slots__ = ("_body", "_decode", "_definition", "id", "summary", "unmarked")

    id: str
    summary: Mapping[str, Any]
    unmarked: bool
    """True when discovery saw in the answer's bytes that no tag is an identity marker."""
    _definition: Mapping[str, Any]
    _body: bytes | None
    _decode: Callable[[bytes], Mapping[str, Any]] | None

    def __init__(self, id: str, summary: Mapping[str, Any], definition: Mapping[str, Any]) -> None:
        _init = object.__setattr__
        _init(self, "id", id)
        _init(self, "summary", summary)
        _init(self, "unmarked", False)
        _init(self, "_definition", definition)
        _init(self, "_body", None)
        _init(self, "_decode", None)

    @classmethod
    def undecoded(
        cls,
        id: str,
        summary: Mapping[str, Any],
        body: bytes,
        decode: Callable[[bytes], Mapping[str, Any]],
    ) -> LiveInterview:
        """One whose definition is `decode(body)`, worked out when first read (decode may
        raise the API's error for a body that is not a JSON object then)."""
        live = cls(id, summary, _NOT_DECODED)
        object.__setattr__(live, "unmarked", True)
        object.__setattr__(live, "_body", body)
        object.__setattr__(live, "_decode", decode)
        return live

    @property
    def definition(self) -> Mapping[str, Any]:
        definition = self._definition
        if definition is _NOT_DECODED:
            assert self._body is not None and self._decode is not None
            definition = self._decode(self._body)
            object.__setattr__(self, "_definition", definition)
            object.__setattr__(self, "_body", None)
        return definition

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(str(tag) for tag in (self.definition.get("tags") or ()))

    @property
    def status(self) -> str:
        return str(self.definition.get("status") or self.summary.get("status") or "")

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"LiveInterview is immutable: cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LiveInterview):
            return NotImplemented
        return (self.id, self.summary, self.definition) == (
            other.id,
            other.summary,
            other.definition,
        )

    __hash__ = None  # type: ignore[assignment]  # equal by value, and the values are dicts

    def __reduce__(self) -> tuple[type[LiveInterview], tuple[str, Mapping[str, Any], Any]]:
        # copy and pickle rebuild it through __init__ (setting attributes is refused)
        return LiveInterview, (self.id, self.summary, self.definition)

    def __repr__(self) -> str:
        shown = "<undecoded>" if self._definition is _NOT_DECODED else repr(self._definition)
        return f"LiveInterview(id={self.id!r}, summary={self.summary!r}, definition={shown})"


_NOT_DECODED: Final[Mapping[str, Any]] = MappingProxyType({})


@dataclass(frozen=True)
class Template:
    """An avatar/voice template from merchant-avatar-list."""

    id: str
    name: str
    type: str
    status: str
    mojito_language_code: str | None
