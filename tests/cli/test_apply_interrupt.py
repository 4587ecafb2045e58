"""Ctrl-C during `apply`: the steps in flight finish, no new one starts, and the summary
counts what was done and what was not, then says to run apply again, which finishes."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import serve
from tests.apply.specgen import write_specs
from tests.cli.stopping import ctrl_c_as_in_a_terminal
from tests.cli.stopping import stopped

TOKEN = "interrupt-token-7c2e"
SPECS = 40


def _apply(folder: Path, url: str, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "reconciler", "apply", str(folder), "--auto-approve"]
    return subprocess.Popen(
        [*command, "--api-url", url, "--namespace", "acme", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder.parent,
        env={**os.environ, "JOBMOJITO_TOKEN": TOKEN, "PYTHONFAULTHANDLER": "1"},
        preexec_fn=ctrl_c_as_in_a_terminal,
    )


def test_ctrl_c_during_apply_prints_the_summary_and_a_new_apply_finishes(tmp_path: Path) -> None:
    folder = tmp_path / "interviews"
    write_specs(folder, range(SPECS), questions=1)
    with serve(Emulator(token=TOKEN), port=0) as server:
        # A create and its read-back, 2 at a time, 150 ms each: about 6 s for all.
        server.emulator.set_faults(FaultConfig(latency_ms=150))
        process = _apply(folder, server.url, "--parallelism", "2")
        deadline = time.monotonic() + 30
        while len(server.emulator.interview_ids()) < 4 and time.monotonic() < deadline:
            time.sleep(0.05)  # among the creates
        process.send_signal(signal.SIGINT)
        out, err = stopped(process, "apply")
        made = len(server.emulator.interview_ids())

        assert process.returncode == 130, err
        assert "Traceback" not in err
        assert err.rstrip().endswith("interrupted")
        counts = re.search(
            r"Apply interrupted: (\d+) step\(s\) done, 0 failed, (\d+) not attempted", out
        )
        assert counts is not None, out
        done, skipped = int(counts[1]), int(counts[2])
        assert (done, done + skipped) == (made, SPECS), out
        assert 0 < done < SPECS, out
        assert out.endswith("Run apply again to finish: every step is safe to repeat.\n")

        server.emulator.set_faults(FaultConfig())
        again = _apply(folder, server.url)
        out, err = stopped(again, "apply")
        assert again.returncode == 0, err
        assert f"Apply: {skipped} step(s) done, 0 failed, 0 not attempted." in out
        assert len(server.emulator.interview_ids()) == SPECS
