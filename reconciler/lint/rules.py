"""The lint rule table: every content rule's id, severity, title and the risk it guards.

Ids are stable (users name them in `lint: {ignore: [...]}`): IAC1xx protected
characteristics, IAC2xx personal data, IAC3xx duplicates, IAC4xx durations,
IAC5xx language. Pure data: no I/O.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final


class Severity(enum.Enum):
    """Errors fail `interviews lint` (exit 1); warnings are reported only."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    """One content rule. `risk` explains to the author why the finding matters."""

    id: str
    severity: Severity
    title: str
    risk: str


_DISCRIMINATION: Final = (
    "Asking about it invites a discrimination claim and lets the answer bias the "
    "scoring; ask only about what the job requires."
)

_PROTECTED: Final = (
    ("IAC101", "age", "Age or date of birth",
     "Age is protected in most jurisdictions. " + _DISCRIMINATION
     + " A minimum legal age (\"are you at least 18?\") may be asked where the law requires."),
    ("IAC102", "family", "Marital or family status",
     "Marital status, children and family plans are protected. " + _DISCRIMINATION),
    ("IAC103", "pregnancy", "Pregnancy",
     "Pregnancy and plans for parental leave are protected. " + _DISCRIMINATION),
    ("IAC104", "religion", "Religion or belief",
     "Religion and belief are protected. " + _DISCRIMINATION),
    ("IAC105", "nationality", "Nationality, citizenship or national origin",
     "Nationality, citizenship and national origin are protected. " + _DISCRIMINATION
     + " Ask whether the candidate is authorised to work instead."),
    ("IAC106", "health", "Health or disability",
     "Health and disability are protected. " + _DISCRIMINATION
     + " Ask whether the candidate can perform the essential functions of the role."),
    ("IAC107", "race", "Race, ethnicity or colour",
     "Race, ethnic origin and colour are protected. " + _DISCRIMINATION),
    ("IAC108", "orientation", "Sexual orientation",
     "Sexual orientation is protected. " + _DISCRIMINATION),
    ("IAC109", "union", "Trade union membership",
     "Trade union membership is protected. " + _DISCRIMINATION),
    ("IAC110", "arrest", "Arrest record",
     "Arrests that led to no conviction say nothing about guilt, and asking about them is "
     "restricted in many jurisdictions. " + _DISCRIMINATION),
    ("IAC111", "gender", "Sex or gender",
     "Sex and gender identity are protected. " + _DISCRIMINATION),
)  # fmt: skip

# Protected-characteristic category (as used by the pattern data) -> rule id.
PROTECTED_RULE_BY_CATEGORY: Final[Mapping[str, str]] = MappingProxyType(
    {category: rule_id for rule_id, category, _, _ in _PROTECTED}
)

_OTHERS: Final = (
    Rule("IAC201", Severity.ERROR, "Email address in question text",
         "Question text is shown to every candidate and stored with every result; an email "
         "address in it is personal data published to all of them."),
    Rule("IAC202", Severity.ERROR, "Phone number in question text",
         "Question text is shown to every candidate and stored with every result; a phone "
         "number in it is personal data published to all of them."),
    Rule("IAC301", Severity.WARNING, "Duplicate question",
         "The candidate is asked the same thing twice, which wastes interview time and "
         "weights that topic double in the score."),
    Rule("IAC302", Severity.WARNING, "Near-duplicate question",
         "Two questions share almost all their words, so the candidate likely answers the "
         "same thing twice and that topic weighs double in the score."),
    Rule("IAC401", Severity.WARNING, "Question durations exceed max_duration",
         "The session ends at max_duration, so the last questions are never asked."),
    Rule("IAC501", Severity.WARNING, "Question language differs from the interview's",
         "The avatar speaks and scores in the interview's language; a question written in "
         "another language is read out wrongly and its answers are scored poorly."),
)  # fmt: skip

RULES: Final[tuple[Rule, ...]] = (
    *(Rule(rule_id, Severity.ERROR, title, risk) for rule_id, _, title, risk in _PROTECTED),
    *_OTHERS,
)
RULES_BY_ID: Final[Mapping[str, Rule]] = MappingProxyType({rule.id: rule for rule in RULES})
