"""`interviews emulator --apikey/--login/--token-ttl`: the options and what they print."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from reconciler.cli import main
from reconciler.cli.emulator import _exports
from reconciler.emulator.gateway import GatewayConfig
from tests.cli.stopping import ctrl_c_as_in_a_terminal
from tests.cli.stopping import stopped

URL = "http://127.0.0.1:8787"


def test_a_login_without_a_password_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["emulator", "--port", "0", "--data", ":memory:", "--login", "ci@acme.test"])

    assert code == 1
    assert capsys.readouterr().err == "error: --login: expected EMAIL:PASSWORD\n"


def test_the_exports_name_the_password_and_key_without_repeating_them() -> None:
    config = GatewayConfig(apikey="anon-7", logins={"ci@acme.test": "pw-7"})

    assert _exports(URL, None, config) == (
        f"export JOBMOJITO_API_URL={URL} JOBMOJITO_EMAIL=ci@acme.test\n"
        "and JOBMOJITO_PASSWORD set to the password given to --login\n"
        "and JOBMOJITO_API_KEY set to the key given to --apikey"
    )


def test_without_logins_the_exports_carry_the_token() -> None:
    assert _exports(URL, "t-1", GatewayConfig()) == (
        f"export JOBMOJITO_API_URL={URL} JOBMOJITO_TOKEN=t-1"
    )


def test_the_served_emulator_plays_the_gateway_it_was_given(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "reconciler", "emulator", "--port", "0", "--data"]
    options = ["--apikey", "anon-7", "--login", "ci@acme.test:pw-7", "--token-ttl", "1"]
    process = subprocess.Popen(
        [*command, ":memory:", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip().removeprefix("JobMojito emulator listening on ")
        with httpx.Client(base_url=url, timeout=10) as http:
            keyless = http.get("/merchant-avatar-list")
            signed_in = http.post(
                "/auth/v1/token?grant_type=password",
                json={"email": "ci@acme.test", "password": "pw-7"},
                headers={"apikey": "anon-7"},
            )
            auth = {
                "Authorization": f"Bearer {signed_in.json()['access_token']}",
                "apikey": "anon-7",
            }
            fresh = http.get("/merchant-avatar-list", headers=auth)
            time.sleep(1.1)
            expired = http.get("/merchant-avatar-list", headers=auth)
    finally:
        process.send_signal(signal.SIGINT)
        rest, err = stopped(process, "the emulator")

    assert keyless.status_code == 401
    assert (signed_in.status_code, fresh.status_code, expired.status_code) == (200, 200, 401)
    assert "pw-7" not in rest + err and "anon-7" not in rest + err
