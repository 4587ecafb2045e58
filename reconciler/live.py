"""The live side: interviews as the JobMojito API returns them. Plain values, no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LiveInterview:
    """A live interview: its id, its merchant-interview-list item and its definition.

    `summary` is what discovery keeps of the merchant-interview-list item (id, name,
    type, status, updated_at, interview_count, interview_last: discovery.SUMMARY_FIELDS);
    `definition` is the job-interview-get response (which does not echo the id).
    Every value may be null and extra keys may appear: readers must use `.get`.
    Equal by value; not hashable, as the values are dicts.
    """

    id: str
    summary: Mapping[str, Any]
    definition: Mapping[str, Any]

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(str(tag) for tag in (self.definition.get("tags") or ()))

    @property
    def status(self) -> str:
        return str(self.definition.get("status") or self.summary.get("status") or "")


@dataclass(frozen=True)
class Template:
    """An avatar/voice template from merchant-avatar-list."""

    id: str
    name: str
    type: str
    status: str
    mojito_language_code: str | None
