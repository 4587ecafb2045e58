"""Renderers for lint findings: text for people, JSON for tools, SARIF 2.1.0 for code
scanning, GitHub workflow commands for annotations in a job's log and summary.

SARIF is what GitHub's code scanning reads (upload-sarif) to show findings inline on a
pull request; `partialFingerprints` are built from the rule and the interview/question
keys, so a finding keeps its identity when lines move. Pure: no I/O, each returns a str.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any
from typing import Final
from urllib.parse import quote

from reconciler import __version__
from reconciler.lint.finding import Finding
from reconciler.lint.rules import RULES
from reconciler.lint.rules import Rule
from reconciler.lint.rules import Severity
from reconciler.render.escape import visible
from reconciler.render.escape import workflow_message
from reconciler.render.escape import workflow_property

SARIF_SCHEMA: Final = "https://json.schemastore.org/sarif-2.1.0.json"
TOOL_NAME: Final = "interviews-as-code"


def _where(found: Finding) -> str:
    return found.interview_key + (f"/{found.question_key}" if found.question_key else "")


def _count(findings: Sequence[Finding], severity: Severity) -> int:
    return sum(found.severity is severity for found in findings)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(findings: Sequence[Finding]) -> str:
    """'2 errors, 1 warning' or 'no findings'."""
    if not findings:
        return "no findings"
    errors = _plural(_count(findings, Severity.ERROR), "error")
    return f"{errors}, {_plural(_count(findings, Severity.WARNING), 'warning')}"


def render_text(findings: Sequence[Finding]) -> str:
    """One `file:line:col: severity RULE: message (interview/question)` line each, a summary."""
    lines = [
        f"{visible(str(found.location))}: {found.severity.value} {found.rule_id}: "
        f"{visible(found.message)} ({visible(_where(found))})"
        for found in findings
    ]
    return "\n".join([*lines, summary(findings)]) + "\n"


def render_github(findings: Sequence[Finding]) -> str:
    """One `::error file=...,line=...,col=...,title=RULE::message` line each, a summary."""
    lines = [
        f"::{found.severity.value} file={workflow_property(found.location.file)},"
        f"line={found.location.line},col={found.location.col},"
        f"title={workflow_property(found.rule_id)}::"
        f"{workflow_message(f'{found.message} ({_where(found)})')}"
        for found in findings
    ]
    return "\n".join([*lines, summary(findings)]) + "\n"


def _finding_json(found: Finding) -> dict[str, Any]:
    return {
        "rule_id": found.rule_id,
        "severity": found.severity.value,
        "message": found.message,
        "file": found.location.file,
        "line": found.location.line,
        "col": found.location.col,
        "interview_key": found.interview_key,
        "question_key": found.question_key,
    }


def render_json(findings: Sequence[Finding]) -> str:
    """{"findings": [...], "summary": {"errors": n, "warnings": m}}, keys in a fixed order."""
    document = {
        "findings": [_finding_json(found) for found in findings],
        "summary": {
            "errors": _count(findings, Severity.ERROR),
            "warnings": _count(findings, Severity.WARNING),
        },
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _rule_name(rule: Rule) -> str:
    return "".join(word.capitalize() for word in re.findall(r"[A-Za-z0-9]+", rule.title))


def _sarif_rule(rule: Rule) -> dict[str, Any]:
    return {
        "id": rule.id,
        "name": _rule_name(rule),
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.risk},
        "help": {"text": rule.risk},
        "defaultConfiguration": {"level": rule.severity.value},
    }


def artifact_uri(file: str) -> str:
    """A spec path as a SARIF artifact URI: relative paths stay relative (to the checkout)."""
    path = file.replace("\\", "/")
    return f"file://{quote(path)}" if path.startswith("/") else quote(path)


def _fingerprint(found: Finding) -> str:
    identity = "\0".join((found.rule_id, found.interview_key, found.question_key or ""))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()


def _sarif_result(found: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    region = {"startLine": found.location.line, "startColumn": found.location.col}
    location = {"artifactLocation": {"uri": artifact_uri(found.location.file)}, "region": region}
    return {
        "ruleId": found.rule_id,
        "ruleIndex": rule_index[found.rule_id],
        "level": found.severity.value,
        "message": {"text": found.message},
        "locations": [{"physicalLocation": location}],
        "partialFingerprints": {"interviewsAsCode/v1": _fingerprint(found)},
    }


def render_sarif(findings: Sequence[Finding]) -> str:
    """A SARIF 2.1.0 log with one run: every rule, and one result per finding."""
    rule_index = {rule.id: index for index, rule in enumerate(RULES)}
    driver = {
        "name": TOOL_NAME,
        "version": __version__,
        "rules": [_sarif_rule(rule) for rule in RULES],
    }
    run = {
        "tool": {"driver": driver},
        "results": [_sarif_result(found, rule_index) for found in findings],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
