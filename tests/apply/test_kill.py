"""Crash safety: `apply` killed with SIGKILL at many points, then one more `apply`,
converges with exactly one non-archived interview per key.

Runs the real CLI in a subprocess against the emulator over HTTP. Half the kill points
are timed at random within the time a whole apply takes; the other half strike right
after the audit log records the create of a recreate, before the old interview is
archived.
Size: IAC_KILL_POINTS (default 20)."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import EmulatorServer
from reconciler.emulator.server import serve
from tests.apply.invariants import assert_converged
from tests.apply.specgen import write_specs

REPO = Path(__file__).resolve().parents[2]
KILL_POINTS = int(os.environ.get("IAC_KILL_POINTS", "20"))
TOKEN = "kill-test-token-91c0"
NAMESPACE = "acme"
SIZE = 12  # interviews per run: a third edited, a third recreated, some archived/created


@pytest.fixture
def server() -> Iterator[tuple[Emulator, EmulatorServer]]:
    emulator = Emulator(token=TOKEN, faults=FaultConfig(latency_ms=(5, 15), seed=3))
    running = serve(emulator, port=0)
    yield emulator, running
    running.shutdown()
    running.server_close()
    emulator.close()


def _apply(workdir: Path, url: str, audit: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "JOBMOJITO_TOKEN": TOKEN, "JOBMOJITO_API_URL": url}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")])
    command = [sys.executable, "-m", "reconciler", "apply", "interviews", "--auto-approve",
               "--force", "--namespace", NAMESPACE, "--audit-log", str(audit)]  # fmt: skip
    return subprocess.Popen(
        command, cwd=workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _mutate(folder: Path, round_number: int) -> None:
    """Every round changes something of each kind, so every kill point has work to cut."""
    third = SIZE // 3
    write_specs(folder, range(third), edit=f" (round {round_number})")
    language = "fr" if round_number % 2 else "en"
    write_specs(folder, range(third, 2 * third), language=language)
    gone = 2 * third + round_number % third
    for path in folder.glob("generated-*.yaml"):
        if int(path.stem.split("-")[1]) >= 2 * third:
            path.unlink()
    write_specs(folder, [i for i in range(2 * third, SIZE) if i != gone])


def _wait_for_recreate_create(audit: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if audit.exists():
            for line in audit.read_text(encoding="utf-8").splitlines():
                entry = json.loads(line)
                if entry["change"] == "recreate" and entry["action"].startswith(
                    "job-interview-create"
                ):
                    return
        time.sleep(0.005)


def _recreates_cut_in_half(audit: Path) -> int:
    """Recreates whose new interview was created but whose old one was not yet archived."""
    if not audit.exists():
        return 0
    actions: dict[str, set[str]] = {}
    for line in audit.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        if entry["change"] == "recreate" and entry["outcome"] == "done":
            actions.setdefault(entry["key"], set()).add(entry["action"])
    return sum(1 for done in actions.values() if "job-interview-set-state" not in done)


@pytest.mark.slow
def test_apply_killed_anywhere_then_applied_again_converges(
    tmp_path: Path, server: tuple[Emulator, EmulatorServer]
) -> None:
    emulator, running = server
    folder = tmp_path / "interviews"
    write_specs(folder, range(SIZE))
    # Random kill points fall within the time a whole apply takes on this machine, measured
    # on the first one (creating every interview), so they land inside the work.
    started = time.monotonic()
    first = _apply(tmp_path, running.url, tmp_path / "audit-first.jsonl")
    assert first.wait(timeout=120) == 0
    whole_apply_s = time.monotonic() - started
    rng = random.Random(11)
    killed_mid_recreate = 0
    killed = 0
    cut_recreates = 0
    for point in range(KILL_POINTS):
        _mutate(folder, point + 1)
        audit = tmp_path / f"audit-{point}.jsonl"
        process = _apply(tmp_path, running.url, audit)
        if point % 2:
            _wait_for_recreate_create(audit, process)
        else:
            time.sleep(rng.uniform(0.3, 0.9) * whole_apply_s)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += 1
            killed_mid_recreate += point % 2
        process.wait()
        cut_recreates += _recreates_cut_in_half(audit)
        again = _apply(tmp_path, running.url, tmp_path / f"audit-{point}-again.jsonl")
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, (out + err).decode()
        assert TOKEN.encode() not in out + err
        assert_converged(emulator, folder, NAMESPACE)
    print(
        f"kill test: {killed} of {KILL_POINTS} runs killed ({killed_mid_recreate} aimed between "
        f"the create and the archive of a recreate); {cut_recreates} recreates were cut there"
    )
    assert killed >= KILL_POINTS * 3 // 4
    assert cut_recreates >= 1 or KILL_POINTS < 2
