"""Credentials fit for CI, through the CLI against the emulator served over real HTTP: the
apikey header, a service user whose short-lived tokens carry a long apply, a wrong
password, and JWTs that expire before or during a run. No secret reaches any output,
audit line or plan file."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from datetime import UTC
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import httpx
import pytest

from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.gateway import SIGN_IN_PATH
from reconciler.emulator.gateway import GatewayConfig
from reconciler.emulator.server import serve
from tests.api.test_tokens import jwt

REPO = Path(__file__).resolve().parents[2]
EMAIL = "ci-bot@acme.test"
PASSWORD = "pw-Service-0f3d-user"
API_KEY = "anon-key-c0ffee-91"
TOKEN = "static-token-4b1d"
CREDENTIAL_VARS = (
    "JOBMOJITO_TOKEN",
    "SUPABASE_JWT",
    "JOBMOJITO_EMAIL",
    "JOBMOJITO_PASSWORD",
    "JOBMOJITO_API_KEY",
    "JOBMOJITO_AUTH_URL",
)


E = TypeVar("E", bound=Emulator)


class RecordingEmulator(Emulator):
    """Remembers every token its sign-in issued, to look for them in the output."""

    def __init__(self, **options: object) -> None:
        super().__init__(**options)  # type: ignore[arg-type]
        self.issued: list[str] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        answer = super().handle(request)
        if request.url.path == SIGN_IN_PATH and answer.status_code == 200:
            self.issued.append(answer.json()["access_token"])
        return answer


@pytest.fixture(autouse=True)
def repository(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(REPO / "interviews", tmp_path / "interviews")
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("IAC_NAMESPACE", "creds")
    for name in CREDENTIAL_VARS:
        monkeypatch.delenv(name, raising=False)


def served(monkeypatch: pytest.MonkeyPatch, emulator: E) -> Iterator[E]:
    with serve(emulator, port=0) as server:
        monkeypatch.setenv("JOBMOJITO_API_URL", server.url)
        yield emulator
    emulator.close()


@pytest.fixture
def keyed(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    yield from served(monkeypatch, Emulator(token=TOKEN, gateway=GatewayConfig(apikey=API_KEY)))


@pytest.fixture
def service(monkeypatch: pytest.MonkeyPatch) -> Iterator[RecordingEmulator]:
    config = GatewayConfig(apikey=API_KEY, logins={EMAIL: PASSWORD}, token_ttl_s=3)
    emulator = RecordingEmulator(gateway=config)
    monkeypatch.setenv("JOBMOJITO_EMAIL", EMAIL)
    monkeypatch.setenv("JOBMOJITO_PASSWORD", PASSWORD)
    monkeypatch.setenv("JOBMOJITO_API_KEY", API_KEY)
    yield from served(monkeypatch, emulator)


@pytest.fixture
def any_token(monkeypatch: pytest.MonkeyPatch) -> Iterator[Emulator]:
    yield from served(monkeypatch, Emulator())


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out, captured.err


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("error:")]


def files_text(*paths: str) -> str:
    return "".join(Path(path).read_text(encoding="utf-8") for path in paths)


def test_without_the_api_key_one_error_line_and_with_it_the_plan_works(
    keyed: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)

    code, out, err = run(capsys, "plan")
    assert code == 1
    assert error_lines(err) == [
        "error: JobMojito's gateway refused the request (401 from merchant-interview-list): "
        "No API key found in request. Set JOBMOJITO_API_KEY to the project's API key (its "
        "Supabase anon key)"
    ]

    monkeypatch.setenv("JOBMOJITO_API_KEY", API_KEY)
    code, out, err = run(capsys, "plan", "--detailed-exitcode")
    assert (code, error_lines(err)) == (2, [])
    assert "create" in out
    assert API_KEY not in out + err and TOKEN not in out + err


def test_a_service_user_carries_an_apply_longer_than_its_tokens_live(
    service: RecordingEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    service.set_faults(FaultConfig(latency_ms=300))
    started = time.monotonic()
    code, out, err = run(
        capsys, "apply", "--auto-approve", "--parallelism", "1", "--audit-log", "audit.jsonl"
    )
    elapsed = time.monotonic() - started

    assert (code, error_lines(err)) == (0, []), err
    assert elapsed > 3.5  # longer than a token lives
    assert len(service.issued) >= 2
    service.set_faults(None)
    code, plan_out, plan_err = run(capsys, "plan", "--detailed-exitcode", "--out", "plan.json")
    assert (code, error_lines(plan_err)) == (0, [])

    seen = out + err + plan_out + plan_err + files_text("audit.jsonl", "plan.json")
    assert '"outcome"' in files_text("audit.jsonl")
    for secret in (PASSWORD, API_KEY, *service.issued):
        assert secret not in seen


def test_a_wrong_password_is_one_line_without_it(
    service: RecordingEmulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOBMOJITO_PASSWORD", "Wrong-pw-e4e4")

    code, out, err = run(capsys, "apply", "--auto-approve")

    assert code == 1
    assert error_lines(err) == [
        f"error: sign-in refused for the service user {EMAIL} (400 from "
        f"{os.environ['JOBMOJITO_API_URL']}/auth/v1/token): Invalid login credentials. Check "
        "JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD"
    ]
    assert "Wrong-pw-e4e4" not in out + err and PASSWORD not in out + err
    assert [(r.path, r.status) for r in service.requests] == [(SIGN_IN_PATH, 400)]


def test_an_expired_jwt_stops_apply_and_plan_before_any_request(
    any_token: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expired = int(time.time()) - 7200
    monkeypatch.setenv("JOBMOJITO_TOKEN", jwt({"sub": "u1", "exp": expired}))
    when = datetime.fromtimestamp(expired, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    line = (
        f"error: the API token expired at {when} (2 h 0 min ago): set JOBMOJITO_TOKEN to a "
        "fresh token, or use a service user (JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD instead of "
        "JOBMOJITO_TOKEN), whose tokens are renewed as needed\n"
    )

    assert run(capsys, "apply", "--auto-approve") == (1, "", line)
    assert run(capsys, "plan") == (1, "", line)
    assert any_token.requests == []  # not a write, not even a read


def test_a_jwt_about_to_expire_stops_apply_and_makes_plan_warn(
    any_token: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    expires = int(time.time()) + 330
    monkeypatch.setenv("JOBMOJITO_TOKEN", jwt({"sub": "u1", "exp": expires}))
    when = datetime.fromtimestamp(expires, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")

    code, out, err = run(capsys, "apply", "--auto-approve")
    assert (code, out) == (1, "")
    assert err.startswith(f"error: the API token expires at {when}, in 5 min, which is under ")
    assert "--min-token-life 10 minutes: the apply could stop half-way; set JOBMOJITO_TOKEN" in err
    assert any_token.requests == []

    code, out, err = run(capsys, "plan", "--detailed-exitcode")
    assert code == 2
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    assert warnings == [
        f"warning: the API token expires at {when}, in 5 min: apply refuses to start with it "
        "(--min-token-life 10 minutes); set JOBMOJITO_TOKEN to a fresh token, or use a service "
        "user (JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD instead of JOBMOJITO_TOKEN), whose "
        "tokens are renewed as needed"
    ]

    code, out, err = run(capsys, "apply", "--auto-approve", "--min-token-life", "2")
    assert (code, error_lines(err)) == (0, [])


def test_a_token_wins_over_a_service_user(
    keyed: Emulator, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    monkeypatch.setenv("JOBMOJITO_API_KEY", API_KEY)
    monkeypatch.setenv("JOBMOJITO_EMAIL", EMAIL)
    monkeypatch.setenv("JOBMOJITO_PASSWORD", "never-sent-7")

    code, _, err = run(capsys, "plan", "--detailed-exitcode")

    assert (code, error_lines(err)) == (2, [])
    assert all(r.path != SIGN_IN_PATH for r in keyed.requests)


def test_doctor_with_a_service_user_signs_in_and_needs_no_token_expiry(
    service: RecordingEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "doctor")

    assert (code, error_lines(err)) == (0, []), out + err
    assert "a service user signs in again before its tokens expire" in out
    assert service.issued
    for secret in (PASSWORD, API_KEY, *service.issued):
        assert secret not in out + err
