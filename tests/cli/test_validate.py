from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconciler.cli import main
from tests.conftest import REPO_ROOT
from tests.spec.helpers import VALID


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "interviews"
    folder.mkdir()
    (folder / "support.yaml").write_text(VALID, encoding="utf-8")
    return folder


def test_valid_folder_exits_0(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "valid: 1 interview in 1 file\n"


def test_invalid_spec_prints_one_line_per_problem_and_exits_1(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (specs / "broken.yaml").write_text(VALID + "status: activ\nmax_duraton: 1\n", "utf-8")
    assert main(["validate", "interviews"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        'interviews/broken.yaml:11:9: "status" must be one of draft, active, archived; '
        'not "activ" (did you mean "active"?)',
        'interviews/broken.yaml:12:1: unknown field "max_duraton" (did you mean "max_duration"?)',
        "invalid: 2 problems (1 interview in 2 files valid)",
    ]


def test_json_format(specs: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (specs / "empty.yaml").write_text("", "utf-8")
    assert main(["validate", "--format", "json"]) == 1
    assert json.loads(capsys.readouterr().out) == {
        "valid": False,
        "files": 2,
        "interviews": 1,
        "problems": [
            {
                "file": "interviews/empty.yaml",
                "line": 1,
                "col": 1,
                "message": "empty file",
                "hint": "write an interview here (name, location, ...) or delete the file",
            }
        ],
    }


def test_verbose_lists_derived_question_keys(
    specs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (specs / "support.yaml").write_text(VALID.replace("key: intro", "key: why"), "utf-8")
    text = VALID.split("questions:")[0] + "questions:\n  - question: Why us?\n"
    (specs / "derived.yaml").write_text(text, "utf-8")
    assert main(["validate", "--verbose"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "interviews/derived.yaml:7:5: question key derived: why-us",
        "valid: 2 interviews in 2 files",
    ]


def test_missing_folder_is_an_error_line_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "nowhere"]) == 1
    assert capsys.readouterr().err == "error: nowhere: no such file or folder\n"


@pytest.mark.parametrize(
    "raw",
    [b"a: [\n", b"- 1\n", b"", b"a:\n\tb: 1\n", b"\xff\xfe", b"\x00\x01", b"a: 1\na: 2\n"],
)
def test_bad_files_never_give_a_traceback(
    specs: Path, capsys: pytest.CaptureFixture[str], raw: bytes
) -> None:
    (specs / "bad.yaml").write_bytes(raw)
    assert main(["validate"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ""
    assert captured.out.splitlines()[0].startswith("interviews/bad.yaml:")


def test_the_examples_are_valid(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO_ROOT)
    assert main(["validate", "interviews/"]) == 0
    assert capsys.readouterr().out.startswith("valid: ")
