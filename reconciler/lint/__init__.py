"""Content lint for interview specs: rules, the pure engine and its renderers."""

from __future__ import annotations

from reconciler.lint.engine import Finding, has_errors, lint_interviews
from reconciler.lint.rules import RULES, RULES_BY_ID, Rule, Severity

__all__ = ["RULES", "RULES_BY_ID", "Finding", "Rule", "Severity", "has_errors", "lint_interviews"]
