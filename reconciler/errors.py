"""The project's exceptions. Library code raises these; only the CLI prints them.

    ReconcilerError                  root: the CLI prints `error: <message>` and exits 1
    +-- LoadError                    a spec file cannot be read or parsed at all
    +-- InvalidSpecError             specs parsed but break the schema or a rule (.problems)
    +-- ConfigError                  reconciler.toml or command-line settings are wrong
    +-- ApiError                     the API answered with an error (.status, .endpoint)
    |   +-- AuthError                401: token missing, expired or for another environment
    |   +-- TransportError           no usable answer: connection failed, timeout, not JSON
    |       +-- AmbiguousOutcomeError  a write may or may not have happened
    +-- PlanError                    the plan cannot be made or read (stale or tampered file)
    +-- UnsafePlanError              apply refuses: threshold or `protect` (.reasons)
    +-- ApplyError                   some steps failed (.result carries done/failed/skipped)
    +-- OperationError               pull/show/invite cannot run: unknown key, not applied
                                     yet, not active, unusable candidate data

Messages never contain the API token: the client redacts before raising.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


class ReconcilerError(Exception):
    """Root of every error the CLI reports as a one-line `error:` message."""


class LoadError(ReconcilerError):
    """A spec file or folder cannot be read or parsed."""


@dataclass(frozen=True)
class Problem:
    """One validation problem, located in a spec file."""

    file: str
    line: int
    col: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.col}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class InvalidSpecError(ReconcilerError):
    """Spec files break the schema or a semantic rule; `problems` lists every one."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(sorted(problems, key=lambda p: (p.file, p.line, p.col, p.message)))
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the spec files")


class ConfigError(ReconcilerError):
    """The configuration (reconciler.toml, options, environment) is wrong."""


class ApiError(ReconcilerError):
    """The JobMojito API answered with an error status."""

    def __init__(
        self,
        message: str,
        *,
        endpoint: str = "",
        status: int | None = None,
        field: str | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.status = status
        self.field = field
        super().__init__(message)


class AuthError(ApiError):
    """401: the token is missing, expired, or belongs to another environment."""


class TransportError(ApiError):
    """No usable answer: connection refused or reset, timeout, or a body that is not JSON."""


class AmbiguousOutcomeError(TransportError):
    """A write was sent and its outcome is unknown (the change may have been committed)."""

    failure: str = ""
    """What went wrong, without the advice for creates that the message ends with."""


class PlanError(ReconcilerError):
    """A plan cannot be made, or a saved plan is stale or was altered."""


class UnsafePlanError(ReconcilerError):
    """`apply` refuses a plan: too much change, or a protected interview would be lost."""

    def __init__(self, reasons: Sequence[str]) -> None:
        self.reasons = tuple(reasons)
        super().__init__("; ".join(self.reasons))


class ApplyError(ReconcilerError):
    """Some apply steps failed. `result` is the applier's full record of the run."""

    def __init__(self, message: str, result: object) -> None:
        self.result = result
        super().__init__(message)


class OperationError(ReconcilerError):
    """A day-two operation (pull, show, invite) cannot run on the interview it names."""
