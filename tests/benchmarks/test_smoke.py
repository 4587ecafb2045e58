"""The benchmark runner's quick mode runs end to end and reports every part.

No timing assertions: the figures depend on the machine. This guards the script and the
arithmetic of floors and goals.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from benchmarks.measure import Run
from benchmarks.report import goals

REPOSITORY = Path(__file__).resolve().parents[2]


def test_quick_run_reports_every_part_as_json() -> None:
    command = [sys.executable, "-m", "benchmarks.run", "--quick", "--json"]
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPOSITORY, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert {"machine", "parallelism", "validate", "runs", "goals", "duration_s"} <= set(report)
    assert report["validate"]["wall_s"] > report["validate"]["interpreter_start_s"] > 0
    kinds = {run["what"] for run in report["runs"]}
    assert kinds == {
        "plan", "apply create", "apply update", "apply (limited)", "plan (limited)",
        "plan (memory)",
    }  # fmt: skip
    for run in report["runs"]:
        assert run["requests"] > run["interviews"] > 0  # the server counted every read
        assert run["peak_rss_mib"] > 0
        if run["latency_ms"] or run["rate_limit"]:
            assert run["wall_s"] >= run["floor_s"] > 0
    assert [goal["goal"] for goal in report["goals"]] == ["validate of one file: wall s"]


def _run(**changes: object) -> Run:
    base = {
        "what": "plan", "interviews": 1000, "latency_ms": 150.0, "parallelism": 8,
        "rate_limit": 0.0, "wall_s": 20.0, "cpu_s": 3.0, "peak_rss_mib": 90.0,
        "requests": 1000, "limited": 0, "walls_s": (20.0,),
    }  # fmt: skip
    return Run(**{**base, **changes})  # type: ignore[arg-type]


def test_the_floor_is_latency_bound_or_rate_bound_whichever_is_slower() -> None:
    assert _run().floor_s == 1000 * 0.150 / 8
    assert _run(rate_limit=8.0).floor_s == (1000 - 8) / 8  # a second's burst goes at once
    assert _run(rate_limit=50.0).floor_s == (1000 - 50) / 50  # 19 s at the limit > 18.75 s
    assert _run().ratio == 20.0 / 18.75


def test_goals_judge_the_runs_they_have_figures_for() -> None:
    plan = _run().to_dict()
    limited = _run(what="apply (limited)", rate_limit=8.0, interviews=120, wall_s=170.0)
    report = {"runs": [plan, limited.to_dict()], "validate": {"wall_s": 0.4}}
    found = {goal["goal"]: goal for goal in goals(report)}
    assert found["plan of 1,000 at 150 ms: wall/floor"]["met"] is True  # 20 / 18.75
    assert found["apply (limited) of 120 under 8/s: wall s"]["at_most"] == round(
        1.3 * (1000 / 8 + 1.5), 2
    )
    assert found["validate of one file: wall s"]["met"] is True
