"""`interviews emulator` as a user runs it: a subprocess answering curl-like requests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from reconciler.cli import main
from reconciler.cli.emulator import _fault_config
from tests.cli.stopping import ctrl_c_as_in_a_terminal
from tests.cli.stopping import stopped


def test_serves_until_interrupted(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "reconciler", "emulator", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--data", str(tmp_path / "emulator.sqlite3")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # SIGABRT prints every thread's stack
        preexec_fn=ctrl_c_as_in_a_terminal,
    )
    try:
        assert process.stdout is not None
        listening = process.stdout.readline().strip()
        exported = process.stdout.readline().strip()
        url = listening.removeprefix("JobMojito emulator listening on ")
        token = exported.rpartition("JOBMOJITO_TOKEN=")[2]
        response = httpx.get(
            f"{url}/merchant-avatar-list",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )
    finally:
        process.send_signal(signal.SIGINT)
        rest, err = stopped(process, "the emulator")

    assert listening.startswith("JobMojito emulator listening on http://127.0.0.1:")
    assert exported == f"export JOBMOJITO_API_URL={url} JOBMOJITO_TOKEN=emulator-token"
    assert response.status_code == 200
    assert len(response.json()["data"]) == 9
    assert process.returncode in (0, 130)
    assert "Traceback" not in err
    assert rest == "emulator stopped\n"


def test_rejects_a_bad_fault_rate(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["emulator", "--port", "0", "--fault-rate", "2", "--data", ":memory:"])

    assert code == 1
    assert capsys.readouterr().err == (
        "error: bad fault options: fault rate must be between 0 and 1, not 2.0\n"
    )


def test_rejects_a_rate_limit_that_admits_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["emulator", "--port", "0", "--rate-limit", "0", "--data", ":memory:"])

    assert code == 1
    assert capsys.readouterr().err == (
        "error: bad fault options: the rate limit must be above 0, not 0\n"
    )


def test_rejects_an_address_other_than_loopback(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["emulator", "--host", "10.0.0.1", "--port", "0", "--data", ":memory:"])

    assert code == 1
    assert capsys.readouterr().err == (
        "error: cannot start the emulator on 10.0.0.1:0: the emulator listens on loopback "
        "only; 10.0.0.1 is not a loopback address\n"
    )


def test_the_rate_limit_option_reaches_the_fault_config() -> None:
    assert _fault_config("0", 0.0, "429", 1.0, 0, 50.0).rate_limit_rps == 50.0
    assert _fault_config("0", 0.0, "429", 1.0, 0).rate_limit_rps is None
