"""The lint stage: content rules over desired interviews. Pure: no I/O.

`lint_interviews` runs every rule family over every interview, drops the findings the
spec silences with `lint: {ignore: [...]}` (on the interview: the whole file; on a
question: that question), and returns them sorted by position.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Sequence
from typing import Final

from reconciler.lint.duplicates import check_duplicates
from reconciler.lint.durations import check_durations
from reconciler.lint.finding import Finding
from reconciler.lint.language import check_language
from reconciler.lint.personal_data import check_personal_data
from reconciler.lint.protected import check_protected
from reconciler.lint.rules import Severity
from reconciler.spec.model import DesiredInterview

__all__ = ["Finding", "has_errors", "lint_interviews"]

Check = Callable[[DesiredInterview], Iterable[Finding]]

CHECKS: Final[tuple[Check, ...]] = (
    check_protected,
    check_personal_data,
    check_duplicates,
    check_durations,
    check_language,
)


def _ignored_rules(interview: DesiredInterview, question_key: str | None) -> frozenset[str]:
    ignored = set(interview.lint_ignore)
    for question in interview.questions or ():
        if question.key == question_key:
            ignored.update(question.lint_ignore)
    return frozenset(ignored)


def _lint_one(interview: DesiredInterview) -> Iterable[Finding]:
    for check in CHECKS:
        for found in check(interview):
            if found.rule_id not in _ignored_rules(interview, found.question_key):
                yield found


def _position(found: Finding) -> tuple[str, int, int, str, str]:
    where = found.location
    return (where.file, where.line, where.col, found.rule_id, found.message)


def lint_interviews(interviews: Sequence[DesiredInterview]) -> tuple[Finding, ...]:
    """Every finding of every rule on `interviews`, minus the ignored ones, by position."""
    findings = (found for interview in interviews for found in _lint_one(interview))
    return tuple(sorted(findings, key=_position))


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error (lint then exits 1; warnings alone exit 0)."""
    return any(found.severity is Severity.ERROR for found in findings)
