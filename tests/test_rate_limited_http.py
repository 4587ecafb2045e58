"""plan and apply against an API that rate-limits, the tool not told: the client's adaptive
concurrency slows down on 429 and everything converges.

Over real HTTP: the CLI's own client against the emulator served with a rate limit of 8
requests per second. Size: IAC_RATE_LIMITED_INTERVIEWS (default 20; 100 for the full run).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import serve
from tests.apply.specgen import write_specs

TOKEN = "rate-limited-token-3e9d"
TOTAL = int(os.environ.get("IAC_RATE_LIMITED_INTERVIEWS", "20"))


@pytest.mark.slow
def test_plan_and_apply_converge_under_a_rate_limit_they_were_not_told_of(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write_specs(tmp_path / "interviews", range(TOTAL), questions=2)
    (tmp_path / "reconciler.toml").write_text('[reconciler]\nnamespace = "acme"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
    for name in ("IAC_MAX_RPS", "IAC_PARALLELISM"):
        monkeypatch.delenv(name, raising=False)
    emulator = Emulator(token=TOKEN, faults=FaultConfig(rate_limit_rps=8))
    with serve(emulator, port=0) as server:
        monkeypatch.setenv("JOBMOJITO_API_URL", server.url)

        planned = main(["plan", "interviews"])
        applied = main(["apply", "interviews", "--auto-approve"])
        after = main(["plan", "interviews", "--detailed-exitcode"])
        output = capsys.readouterr()

    assert (planned, applied, after) == (0, 0, 0), output.err
    assert len(emulator.interview_ids()) == TOTAL
    limited = [request for request in emulator.requests if request.status == 429]
    assert limited, "the rate limit was never met: the test proves nothing"
    assert TOKEN not in output.out + output.err
