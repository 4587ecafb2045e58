"""Progress on stderr: a bar on a terminal, a line every 10 % (or 5 s) in a log, never a
line per item, and nothing on stdout."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reconciler.cli import progress as progress_module
from reconciler.cli.progress import ProgressReporter
from reconciler.emulator import Emulator
from tests.apply.specgen import write_specs
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.specwrite.seeding import seed_account

__all__ = ["emulator"]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def no_quiet_phase(monkeypatch: pytest.MonkeyPatch) -> None:
    """Report phases at once: the emulator answers in-process within milliseconds."""
    monkeypatch.setattr(progress_module, "QUIET_S", 0.0)


def test_a_log_gets_a_line_per_tenth_not_per_item(no_quiet_phase: None) -> None:
    stream, clock = io.StringIO(), Clock()
    with ProgressReporter(stream, interactive=False, clock=clock) as progress:
        for done in range(201):
            progress("read", done, 200)
            clock.now += 0.1
    lines = stream.getvalue().splitlines()
    assert lines[0] == "reading interviews: 0/200 (0%)"
    assert lines[1:4] == [
        "reading interviews: 20/200 (10%)",
        "reading interviews: 40/200 (20%)",
        "reading interviews: 60/200 (30%)",
    ]
    assert lines[-1] == "reading interviews: 200/200 (100%), 20.0 s"
    assert len(lines) == 11


def test_a_slow_phase_still_gets_a_line_every_five_seconds(no_quiet_phase: None) -> None:
    stream, clock = io.StringIO(), Clock()
    progress = ProgressReporter(stream, interactive=False, clock=clock)
    progress("apply", 0, 1000)
    for done in (1, 2, 3):
        clock.now += 2.6  # 3 % in 7.8 s
        progress("apply", done, 1000)
    assert stream.getvalue().splitlines() == [
        "applying steps: 0/1000 (0%)",
        "applying steps: 2/1000 (0%)",
    ]


def test_a_phase_over_within_seconds_says_nothing_and_a_longer_one_its_end_once() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = ProgressReporter(stream, interactive=False, clock=clock)
    progress("list", 0, 3)
    progress("list", 3, 3)
    progress("read", 0, 2)
    clock.now += 3.0
    progress("read", 1, 2)
    progress("read", 2, 2)
    progress("read", 2, 2)
    assert stream.getvalue().splitlines() == [
        "reading interviews: 1/2 (50%)",
        "reading interviews: 2/2 (100%), 3.0 s",
    ]


def test_on_a_terminal_a_bar_is_drawn_and_ended(capsys: pytest.CaptureFixture[str]) -> None:
    stream = io.StringIO()
    with ProgressReporter(stream, interactive=True) as progress:
        for done in range(41):
            progress("read", done, 40)
    drawn = stream.getvalue()
    assert "reading interviews" in drawn
    assert "40/40" in drawn
    assert capsys.readouterr().out == ""


def test_a_bar_left_open_by_an_error_is_ended() -> None:
    stream = io.StringIO()
    reporter = ProgressReporter(stream, interactive=True)
    with pytest.raises(KeyboardInterrupt), reporter as progress:
        progress("read", 3, 40)
        raise KeyboardInterrupt
    assert reporter._bar is None
    assert "3/40" in stream.getvalue()


def test_plan_json_keeps_stdout_for_the_document_and_reports_reads_on_stderr(
    emulator: Emulator, capsys: pytest.CaptureFixture[str], no_quiet_phase: None
) -> None:
    write_specs(Path("interviews"), range(30), questions=1)
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    code, out, err = run(capsys, "plan", "--format", "json")
    assert code == 0
    assert json.loads(out)["changes"] == []
    assert "reading interviews: 30/30 (100%)" in err
    assert "listing interviews (3)..." not in err
    assert len(err.splitlines()) < 30  # not a line per interview


def test_import_and_refresh_report_their_reads_too(
    emulator: Emulator, capsys: pytest.CaptureFixture[str], no_quiet_phase: None
) -> None:
    seed_account(emulator)
    code, _, err = run(capsys, "import")
    assert code == 0
    assert "reading interviews: 4/4 (100%)" in err
    code, _, err = run(capsys, "plan", "--refresh-only")
    assert code == 0
    assert "reading interviews: 4/4 (100%)" in err
