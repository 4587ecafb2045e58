"""What doctor reports: one `Check` per assumption the tool makes about the API. Pure."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass


class Status(enum.StrEnum):
    """How an assumption fared. Only FAILED makes doctor exit 1: apply would be unsafe."""

    OK = "ok"
    WARNING = "warning"  # the API differs, and the tool copes (as `action` says)
    FAILED = "FAILED"  # the API differs in a way that makes apply unsafe or useless
    UNKNOWN = "unknown"  # not observed (nothing to look at, or an earlier check failed)


@dataclass(frozen=True)
class Check:
    """One assumption: its name, what was found, and what the tool does about it."""

    name: str
    status: Status
    found: str
    action: str = ""
    """What the tool does (or what to do) when the assumption does not hold."""

    def to_dict(self) -> dict[str, str]:
        return {
            "name": self.name,
            "status": self.status.value,
            "found": self.found,
            "action": self.action,
        }


Report = Callable[[Check], None]
"""Receives each check as soon as it is made (the CLI prints it at once)."""


def ok(name: str, found: str) -> Check:
    return Check(name, Status.OK, found)


def warning(name: str, found: str, action: str) -> Check:
    return Check(name, Status.WARNING, found, action)


def failed(name: str, found: str, action: str) -> Check:
    return Check(name, Status.FAILED, found, action)


def unknown(name: str, found: str) -> Check:
    return Check(name, Status.UNKNOWN, found)
