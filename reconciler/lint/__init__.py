"""Content lint for interview specs: rules, the pure engine and its renderers."""

from __future__ import annotations

from reconciler.lint.engine import Finding
from reconciler.lint.engine import has_errors
from reconciler.lint.engine import lint_interviews
from reconciler.lint.rules import RULES
from reconciler.lint.rules import RULES_BY_ID
from reconciler.lint.rules import Rule
from reconciler.lint.rules import Severity

__all__ = ["RULES", "RULES_BY_ID", "Finding", "Rule", "Severity", "has_errors", "lint_interviews"]
