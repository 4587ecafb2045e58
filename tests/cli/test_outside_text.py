"""Text from outside (the server, the live account, git, file names, spec values) reaches
the terminal with every control character escaped: it cannot clear the screen, set the
window title, overwrite a line, reorder text, or print a line of its own (a forged
`error:` line, or a `::` line GitHub would run as a workflow command)."""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import httpx
import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.cli.emulated import serve_every_command
from tests.gitrepo import GitRepo
from tests.specwrite.seeding import OWN_QUESTIONS
from tests.specwrite.seeding import call

__all__ = ["emulator"]

# Clear screen, set the window title (OSC ... BEL), bell, carriage return, C1 CSI, a bidi
# override, then a line break and a forged line.
HOSTILE = "Eve\x1b[2J\x1b]0;pwned\x07\x07\rX\u009b31m\u202eY\nerror: forged"
SHOWN = "Eve\\x1b[2J\\x1b]0;pwned\\x07\\x07\\rX\\x9b31m\\u202eY\\nerror: forged"
COMMAND = "x\n::error::forged"
SPEC = """\
name: Support agent
template: Ava
location: Remote
description: First-line support
mojito_language_code: en
questions:
  - key: why
    question: Why this team?
"""


def assert_inert(output: str, *, annotations: int = 0) -> None:
    """No raw control or format character, and no line that outside text started: no
    workflow command but the tool's own `annotations`."""
    raw = [
        char
        for char in output
        if char not in "\n\t" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp")
    ]
    assert raw == []
    lines = output.split("\n")
    assert not [line for line in lines if line.lstrip().startswith("error: forged")]
    assert len([line for line in lines if line.lstrip().startswith("::")]) == annotations


def test_server_error_text_in_the_error_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews" / "support.yaml").write_text(SPEC, encoding="utf-8")
    monkeypatch.setenv("IAC_NAMESPACE", "acme")
    monkeypatch.setenv("JOBMOJITO_TOKEN", "outside-text-token")

    def refuse(request: httpx.Request) -> httpx.Response:
        return httpx.Response(422, json={"error": HOSTILE, "name": COMMAND})

    serve_every_command(monkeypatch, refuse)
    code, out, err = run(capsys, "plan", str(tmp_path / "interviews"))
    assert code == 1
    assert_inert(out + err)
    assert err.splitlines()[-1] == (
        f"error: merchant-interview-list answered 422: {SHOWN} (field 'x\\n::error::forged')"
    )


def test_server_error_text_in_an_apply_step(
    emulator: Emulator,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    Path("interviews").mkdir()
    Path("interviews/support.yaml").write_text(SPEC, encoding="utf-8")

    def refuse_creates(request: httpx.Request) -> httpx.Response:
        if "create" in request.url.path:
            return httpx.Response(422, json={"error": HOSTILE})
        return emulator.handle(request)

    serve_every_command(monkeypatch, refuse_creates)
    code, out, err = run(capsys, "apply", "--auto-approve")
    assert code == 1
    assert_inert(out + err)
    assert SHOWN in out


def test_live_name_in_the_import_report(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    call(emulator, "job-interview-create-from-array", {**OWN_QUESTIONS, "name": HOSTILE})
    code, out, err = run(capsys, "import")
    assert code == 0
    assert_inert(out + err)
    assert f"({SHOWN}, " in out


def test_live_name_in_the_templates_list(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def hostile_templates(request: httpx.Request) -> httpx.Response:
        answer = emulator.handle(request)
        if not request.url.path.endswith("merchant-avatar-list"):
            return answer
        body: dict[str, Any] = answer.json()
        for row in body["data"]:
            row["name"] = HOSTILE
        return httpx.Response(answer.status_code, json=body)

    serve_every_command(monkeypatch, hostile_templates)
    code, out, err = run(capsys, "templates")
    assert code == 0
    assert_inert(out + err)
    assert SHOWN in out


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_git_author_and_subject_in_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = GitRepo(tmp_path / "repo")
    (repo.root / "interviews").mkdir()
    (repo.root / "interviews" / "support.yaml").write_text(SPEC, encoding="utf-8")
    repo.git("add", "-A")
    author = HOSTILE.replace("\n", " ")  # git keeps no line break in a name
    repo.git("-c", f"user.name={author}", "commit", "-q", "-m", f"{HOSTILE}\n\nbody")
    monkeypatch.chdir(repo.root)
    for output in ("text", "markdown"):
        code, out, err = run(capsys, "history", "--format", output)
        assert code == 0
        assert_inert(out + err)
        assert "pwned" in out
    code, out, _ = run(capsys, "history")
    assert f"    {SHOWN.replace(chr(92) + 'n', ' ')}\n" in out  # git joins subject lines


def _hostile_file(folder: Path, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / f"a{HOSTILE}\n::error file=x::forged.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_spec_file_name_in_validate_and_lint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "interviews"
    _hostile_file(folder, "key: support\n" + SPEC.replace("Why this team?", "How old are you?"))
    code, out, err = run(capsys, "lint", str(folder))
    assert code == 1
    assert_inert(out + err)
    assert f"a{SHOWN}\\n::error file=x::forged.yaml:" in out
    assert 'error IAC101: question 1 (key "why"): asks about age' in out
    _hostile_file(folder, "name: [\n")
    for command in ("validate", "lint"):
        code, out, err = run(capsys, command, str(folder))
        assert code == 1
        assert_inert(out + err)
        assert f"a{SHOWN}\\n::error file=x::forged.yaml:" in out + err


def test_spec_file_name_in_github_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "interviews"
    _hostile_file(folder, "key: support\n" + SPEC.replace("Why this team?", "How old are you?"))
    code, out, err = run(capsys, "lint", "--format", "github", str(folder))
    assert code == 1
    assert_inert(out + err, annotations=1)
    escaped = "a" + SHOWN.replace(":", "%3A") + "\\n%3A%3Aerror file=x%3A%3Aforged.yaml"
    assert out.split("\n")[0].startswith(f"::error file={folder}/{escaped},line=9,col=15,")
    assert out.split("\n")[1:] == ["1 error, 0 warnings", ""]
    _hostile_file(folder, "name: [\n")
    code, out, err = run(capsys, "validate", "--format", "github", str(folder))
    assert code == 1
    assert_inert(out + err, annotations=1)
    lines = out.split("\n")
    assert lines[0].startswith(f"::error file={folder}/{escaped},line=2,col=1::invalid YAML")
    assert lines[1:] == ["invalid: 1 problem (0 interviews in 1 file valid)", ""]


def test_spec_values_in_validate_and_plan(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("interviews").mkdir()
    spec = SPEC.replace("Why this team?", json.dumps(HOSTILE + "\n::warning::forged"))
    Path("interviews/support.yaml").write_text(
        spec.replace("location: Remote", f"location: {json.dumps(HOSTILE)}"), encoding="utf-8"
    )
    code, out, err = run(capsys, "validate", "--verbose")
    assert (code, err) == (0, "")
    code, out, err = run(capsys, "plan")
    assert code == 0
    assert_inert(out + err)
    assert "pwned" in out
    Path("interviews/other.yaml").write_text(
        SPEC.replace("key: why", f"key: {json.dumps(HOSTILE)}"), encoding="utf-8"
    )
    code, out, err = run(capsys, "validate")
    assert code == 1
    assert_inert(out + err)
    assert "pwned" in out + err
