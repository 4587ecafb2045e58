"""Ctrl-C during `plan` while its reads are in flight: it stops at once, cleanly."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from reconciler.api import JobMojitoClient
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import serve
from tests.cli.stopping import ctrl_c_as_in_a_terminal
from tests.cli.stopping import stopped
from tests.emulator import samples

TOKEN = "interrupt-token-40d1"
EXAMPLES = Path(__file__).resolve().parents[2] / "interviews"


def test_ctrl_c_while_reading_stops_the_plan_promptly(tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    shutil.copytree(EXAMPLES, folder)
    with serve(Emulator(token=TOKEN), port=0) as server:
        settings = Settings(api_url=server.url, token=Secret(TOKEN), max_rps=1e6)
        with JobMojitoClient(settings) as client:
            for number in range(40):
                client.create_interview_from_array(samples.from_array_body(name=f"Role {number}"))
        server.emulator.set_faults(FaultConfig(latency_ms=150))  # 40 reads, 2 at a time: 3 s
        command = [sys.executable, "-m", "reconciler", "plan", str(folder)]
        options = ["--api-url", server.url, "--namespace", "acme", "--parallelism", "2"]
        process = subprocess.Popen(
            [*command, *options],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "JOBMOJITO_TOKEN": TOKEN, "PYTHONFAULTHANDLER": "1"},
            preexec_fn=ctrl_c_as_in_a_terminal,
        )
        time.sleep(1.5)  # past the lists, among the reads
        process.send_signal(signal.SIGINT)
        interrupted = time.monotonic()
        _, err = stopped(process, "plan")
        took = time.monotonic() - interrupted

    assert process.returncode == 130, err
    assert err.rstrip().endswith("interrupted")
    assert "Traceback" not in err
    assert took < 5  # the reads in flight are dropped, not awaited to the end
