"""`interviews doctor` as a command: help, exit codes, JSON, the token, an API that cannot
be used, outside text, and Ctrl-C in the middle of --write-check."""

from __future__ import annotations

import base64
import json
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator.server import serve
from tests.cli.emulated import serve_every_command

TOKEN = "doctor-cli-token-77b0"


def jwt(expires: float) -> str:
    """A JWT-shaped token expiring at `expires` (unsigned: doctor never verifies)."""

    def part(value: object) -> str:
        text = base64.urlsafe_b64encode(json.dumps(value).encode()).decode()
        return text.rstrip("=")

    return f"{part({'alg': 'HS256', 'typ': 'JWT'})}.{part({'exp': expires})}.c2lnbmF0dXJl"


@pytest.fixture
def folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    monkeypatch.setenv("JOBMOJITO_API_URL", "http://127.0.0.1:8787")
    return tmp_path


@pytest.fixture
def emulator(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    emu = Emulator(token=TOKEN)
    serve_every_command(monkeypatch, emu.handle)
    yield emu
    emu.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["doctor", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_help_explains_the_checks_the_write_check_and_the_exit_codes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["doctor", "--help"]) == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "--write-check" in text
    assert "throwaway draft interview" in text
    assert "ok, warning" in text and "FAILED (apply would be unsafe)" in text
    assert "1 when any check FAILED" in text


def test_an_expired_jwt_is_named_and_doctor_exits_1(
    monkeypatch: pytest.MonkeyPatch, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    token = jwt(time.time() - 3600)
    emulator = Emulator()  # accepts any bearer token: the expiry is doctor's to see
    with serve(emulator, port=0) as server:
        monkeypatch.setenv("JOBMOJITO_TOKEN", token)
        monkeypatch.setenv("JOBMOJITO_API_URL", server.url)
        code, out, err = run(capsys)
    emulator.close()
    assert code == 1
    (expiry,) = [line for line in out.splitlines() if "token expiry" in line]
    assert expiry.startswith("FAILED   token expiry: the token expired at ")
    assert expiry.endswith(
        " UTC — every request is refused with 401; set JOBMOJITO_TOKEN to a fresh token"
    )
    assert err == "error: apply is not safe against this API yet: see the FAILED lines\n"
    assert token not in out + err


def test_a_valid_jwt_shows_when_it_expires(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emulator = Emulator()  # accepts any bearer token
    serve_every_command(monkeypatch, emulator.handle)
    monkeypatch.setenv("JOBMOJITO_TOKEN", jwt(4_102_444_800))  # 2100-01-01
    code, out, _ = run(capsys)
    emulator.close()
    assert code == 0
    assert "ok       token expiry: the token is valid until 2100-01-01 00:00:00 UTC\n" in out


def test_json_holds_the_same_checks_as_one_document(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text, _ = run(capsys)
    code_json, out, _ = run(capsys, "--format", "json")
    assert code == code_json == 0
    document = json.loads(out)
    assert list(document) == ["checks", "safe", "summary", "write_check"]
    assert document["safe"] is True and document["write_check"] is False
    names = [check["name"] for check in document["checks"]]
    assert names == [
        "token expiry", "reachability", "authentication", "templates", "listing", "paging",
        "reading a definition", "definition shape",
    ]  # fmt: skip
    assert len(text.splitlines()) == len(names) + 1  # and the summary
    assert document["summary"] == {"ok": 4, "warning": 0, "FAILED": 0, "unknown": 4}


def test_an_api_that_cannot_be_reached_fails_and_the_rest_is_not_checked(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def unreachable(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    serve_every_command(monkeypatch, unreachable)
    code, out, err = run(capsys, "--write-check")
    assert code == 1
    lines = out.splitlines()
    assert lines[1].startswith("FAILED   reachability: merchant-avatar-list")
    assert lines[1].endswith(
        "— plan and apply cannot run; check JOBMOJITO_API_URL (or --api-url) and the network"
    )
    assert [line.split()[0] for line in lines[2:-1]] == ["unknown"] * 7
    assert lines[-2] == "unknown  write check: not checked: the API could not be used"
    assert err.startswith("error: ")


def test_a_refused_token_fails_authentication(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_every_command(monkeypatch, lambda _: httpx.Response(401, json={"error": "no"}))
    code, out, _ = run(capsys)
    assert code == 1
    lines = out.splitlines()
    assert lines[1] == "ok       reachability: http://127.0.0.1:8787 answered"
    assert lines[2].startswith("FAILED   authentication: JobMojito rejected the token (401 ")
    assert lines[2].endswith(
        "— plan and apply stop at their first request; check JOBMOJITO_TOKEN and that "
        "JOBMOJITO_API_URL is its environment"
    )


def test_what_the_server_says_is_shown_with_control_characters_escaped(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    body = {"error": "\x1b[2Jno templates\nfor you", "name": "limit"}
    serve_every_command(monkeypatch, lambda _: httpx.Response(422, json=body))
    code, out, _ = run(capsys)
    assert code == 1
    (templates,) = [line for line in out.splitlines() if " templates: " in line]
    assert templates.startswith("FAILED ")
    assert "\\x1b[2Jno templates\\nfor you" in templates
    assert "\x1b" not in out


def ctrl_c() -> None:
    """Ctrl-C as the terminal sends it: SIGINT to the main thread, which is waiting for
    this answer; the answer is held until the interrupt has landed there."""
    main = threading.main_thread().ident
    assert main is not None
    signal.pthread_kill(main, signal.SIGINT)
    time.sleep(0.5)


def test_ctrl_c_during_the_write_check_still_deletes_the_throwaway_interview(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted_at_update(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/job-interview-update":
            ctrl_c()
        return emulator.handle(request)

    serve_every_command(monkeypatch, interrupted_at_update)
    code, out, err = run(capsys, "--write-check")
    assert code == 130
    (made,) = emulator.interview_ids()
    assert emulator.raw_definition(made)["status"] == "deleted"
    assert out.splitlines()[-1] == (
        f"ok       cleanup: the throwaway interview {made} was set to deleted"
    )
    assert err == "\ninterrupted\n"


def test_ctrl_c_with_json_output_shows_the_checks_made_so_far_on_stderr(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted_at_update(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/job-interview-update":
            ctrl_c()
        return emulator.handle(request)

    serve_every_command(monkeypatch, interrupted_at_update)
    code, out, err = run(capsys, "--write-check", "--format", "json")
    assert (code, out) == (130, "")
    assert "ok       cleanup: the throwaway interview " in err
    assert err.endswith("was set to deleted\n\ninterrupted\n")


def test_ctrl_c_while_the_create_is_answered_finds_the_interview_by_name_and_deletes_it(
    emulator: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted_after_create(request: httpx.Request) -> httpx.Response:
        answer = emulator.handle(request)
        if request.url.path == "/job-interview-create-from-array":
            ctrl_c()  # stored, but its id never reaches doctor
        return answer

    serve_every_command(monkeypatch, interrupted_after_create)
    code, out, _ = run(capsys, "--write-check")
    assert code == 130
    (made,) = emulator.interview_ids()
    assert emulator.raw_definition(made)["status"] == "deleted"
    assert out.splitlines()[-1] == (
        f"ok       cleanup: the throwaway interview {made} was set to deleted"
    )
