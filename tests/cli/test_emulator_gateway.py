"""`interviews emulator --apikey/--login/--token-ttl`: the options and what they print."""

from __future__ import annotations

import pytest

from reconciler.cli import main
from reconciler.cli.emulator import _exports
from reconciler.emulator.gateway import GatewayConfig

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
