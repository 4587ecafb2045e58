from __future__ import annotations

import json
from typing import Any

import jsonschema

from reconciler.lint import Finding
from reconciler.lint import Severity
from reconciler.lint.render import artifact_uri
from reconciler.lint.render import render_json
from reconciler.lint.render import render_sarif
from reconciler.lint.render import render_text
from reconciler.lint.render import summary
from reconciler.spec.model import Location

ERROR = Finding(
    "IAC105", Severity.ERROR, "asks nationality", Location("interviews/a b.yaml", 12, 17), "a",
    "origin",
)  # fmt: skip
WARNING = Finding(
    "IAC401", Severity.WARNING, "too long", Location("interviews/a b.yaml", 3, 15), "a"
)


def test_text() -> None:
    assert render_text([ERROR, WARNING]) == (
        "interviews/a b.yaml:12:17: error IAC105: asks nationality (a/origin)\n"
        "interviews/a b.yaml:3:15: warning IAC401: too long (a)\n"
        "1 error, 1 warning\n"
    )
    assert render_text([]) == "no findings\n"


def test_summary_counts() -> None:
    assert summary([ERROR, ERROR]) == "2 errors, 0 warnings"


def test_json() -> None:
    document = json.loads(render_json([ERROR]))
    assert document == {
        "findings": [
            {
                "rule_id": "IAC105",
                "severity": "error",
                "message": "asks nationality",
                "file": "interviews/a b.yaml",
                "line": 12,
                "col": 17,
                "interview_key": "a",
                "question_key": "origin",
            }
        ],
        "summary": {"errors": 1, "warnings": 0},
    }


def test_sarif_validates_against_the_sarif_schema(sarif_schema: dict[str, Any]) -> None:
    log = json.loads(render_sarif([ERROR, WARNING]))
    jsonschema.validate(log, sarif_schema)
    empty = json.loads(render_sarif([]))
    jsonschema.validate(empty, sarif_schema)


def test_sarif_results_point_at_the_spec_and_name_their_rule() -> None:
    (run,) = json.loads(render_sarif([ERROR]))["runs"]
    rules = run["tool"]["driver"]["rules"]
    (result,) = run["results"]
    assert rules[result["ruleIndex"]]["id"] == "IAC105"
    assert rules[result["ruleIndex"]]["name"] == "NationalityCitizenshipOrNationalOrigin"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "interviews/a%20b.yaml"},
        "region": {"startLine": 12, "startColumn": 17},
    }


def test_sarif_fingerprint_survives_moved_lines() -> None:
    moved = Finding(**{**ERROR.__dict__, "location": Location("interviews/a b.yaml", 40, 17)})
    fingerprints = [
        json.loads(render_sarif([found]))["runs"][0]["results"][0]["partialFingerprints"]
        for found in (ERROR, moved)
    ]
    assert fingerprints[0] == fingerprints[1]


def test_artifact_uri() -> None:
    assert artifact_uri("interviews\\x.yaml") == "interviews/x.yaml"
    assert artifact_uri("/srv/repo/x y.yaml") == "file:///srv/repo/x%20y.yaml"
