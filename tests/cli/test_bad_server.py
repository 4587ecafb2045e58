"""A dead, lying or unwelcoming server: one clear `error:` line, exit 1, nothing changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import httpx
import pytest

from reconciler.cli import main
from reconciler.emulator import Emulator
from tests.cli.emulated import serve_every_command

TOKEN = "bad-server-token-a41f"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(REPO / "interviews", tmp_path / "interviews")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    monkeypatch.setenv("JOBMOJITO_API_URL", "http://127.0.0.1:8787")
    monkeypatch.setenv("IAC_NAMESPACE", "acme")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert TOKEN not in captured.out + captured.err
    assert "Traceback" not in captured.err
    return code, captured.err


def test_a_dead_server(capsys: pytest.CaptureFixture[str]) -> None:
    code, err = run(capsys, "plan", "--api-url", "http://127.0.0.1:9")
    assert code == 1
    assert err.splitlines()[-1].startswith(
        "error: merchant-interview-list: cannot connect to http://127.0.0.1:9"
    )


def test_an_expired_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emulator = Emulator(token="the-real-token")
    serve_every_command(monkeypatch, emulator.handle)
    code, err = run(capsys, "apply", "--auto-approve")
    assert code == 1
    assert "JobMojito rejected the token (401 from merchant-interview-list)" in err
    assert "Set JOBMOJITO_TOKEN to a token for http://127.0.0.1:8787" in err
    assert emulator.interview_ids() == ()


def test_a_server_answering_html(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = "<html><body>Sign in to continue</body></html>"
    serve_every_command(monkeypatch, lambda request: httpx.Response(200, html=page))
    code, err = run(capsys, "plan")
    assert code == 1
    assert err.splitlines()[-1] == (
        "error: merchant-interview-list answered 200 with text/html instead of JSON (is the API "
        "URL right?): <html><body>Sign in to continue</body></html>"
    )


@pytest.mark.parametrize(
    "body",
    [
        {"data": "nope"},
        {"data": [{"no_id": 1}], "pagination": {"has_more": False}},
        ["a", "list"],
    ],
    ids=["data-not-a-list", "item-without-id", "list-not-object"],
)
def test_a_lying_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], body: object
) -> None:
    serve_every_command(monkeypatch, lambda request: httpx.Response(200, json=body))
    code, err = run(capsys, "plan")
    assert code == 1
    assert err.splitlines()[-1].startswith("error: merchant-interview-list answered 200 with an ")


def test_a_definition_that_is_not_an_object(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emulator = Emulator(token=TOKEN)

    def lying(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/job-interview-get"):
            return httpx.Response(200, json=["not", "a", "definition"])
        return emulator.handle(request)

    serve_every_command(monkeypatch, emulator.handle)
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    serve_every_command(monkeypatch, lying)
    code, err = run(capsys, "plan")
    assert code == 1
    assert err.splitlines()[-1] == (
        "error: job-interview-get answered 200 with an unexpected body: a JSON list instead of "
        "an object"
    )
