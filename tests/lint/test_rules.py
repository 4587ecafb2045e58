from __future__ import annotations

import re

from reconciler.lint.rules import PROTECTED_RULE_BY_CATEGORY
from reconciler.lint.rules import RULES
from reconciler.lint.rules import RULES_BY_ID
from reconciler.lint.rules import Severity


def test_rule_ids_are_unique_and_well_formed() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) == len(RULES_BY_ID)
    assert all(re.fullmatch(r"IAC[1-5]\d\d", rule_id) for rule_id in ids)


def test_protected_and_personal_data_rules_are_errors_the_others_warnings() -> None:
    errors = {rule.id for rule in RULES if rule.severity is Severity.ERROR}
    assert errors == set(PROTECTED_RULE_BY_CATEGORY.values()) | {"IAC201", "IAC202"}
    warnings = {rule.id for rule in RULES if rule.severity is Severity.WARNING}
    assert warnings == {"IAC301", "IAC302", "IAC401", "IAC501"}


def test_every_rule_explains_its_risk_in_a_sentence() -> None:
    assert all(rule.risk.endswith(".") and len(rule.risk) > 40 for rule in RULES)
