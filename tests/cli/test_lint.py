from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from reconciler.cli import main

HEADER = """\
name: Support agent
template: Ava
location: Remote
description: First-line support
mojito_language_code: en
questions:
"""


def _write(folder: Path, name: str, questions: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(HEADER + questions, encoding="utf-8")
    return folder


def test_errors_exit_1_and_are_printed_as_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _write(tmp_path / "interviews", "support.yaml", "  - question: How old are you?\n")
    assert main(["lint", str(folder)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(
        f'{folder}/support.yaml:7:15: error IAC101: question 1 (key "how-old-are-you"): '
        "asks about age"
    )
    assert out.endswith("(support/how-old-are-you)\n1 error, 0 warnings\n")


def test_warnings_only_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    questions = "  - question: Why this team?\n  - question: why this team\n"
    folder = _write(tmp_path / "interviews", "support.yaml", questions)
    assert main(["lint", str(folder), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert [f["rule_id"] for f in document["findings"]] == ["IAC301"]
    assert document["summary"] == {"errors": 0, "warnings": 1}


def test_ignore_with_a_reason_silences_the_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    questions = (
        "  - question: Are you a member of a trade union?\n"
        "    lint: {ignore: [IAC109], reason: union liaison role agreed with the works council}\n"
    )
    folder = _write(tmp_path / "interviews", "liaison.yaml", questions)
    assert main(["lint", str(folder)]) == 0
    assert capsys.readouterr().out == "no findings\n"


def test_sarif_output_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sarif_schema: dict[str, Any]
) -> None:
    folder = _write(tmp_path / "interviews", "support.yaml", "  - question: Are you married?\n")
    assert main(["lint", str(folder), "--format", "sarif"]) == 1
    log = json.loads(capsys.readouterr().out)
    jsonschema.validate(log, sarif_schema)
    assert log["runs"][0]["results"][0]["ruleId"] == "IAC102"


def test_invalid_specs_are_reported_like_validate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "broken.yaml").write_text("name: [\n", encoding="utf-8")
    assert main(["lint", str(folder)]) == 1
    assert capsys.readouterr().err.endswith("error: 1 problem in the spec files\n")
