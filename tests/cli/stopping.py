"""Helpers for tests that stop a child process with Ctrl-C (SIGINT)."""

from __future__ import annotations

import signal
import subprocess

import pytest


def ctrl_c_as_in_a_terminal() -> None:
    """A test run started in the background (`&` without job control) ignores SIGINT, and
    so would the child, which inherits that: give it the terminal's default back.
    Use as `preexec_fn`."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stopped(process: subprocess.Popen[str], what: str) -> tuple[str, str]:
    """Its remaining output once it has stopped; if it hangs, a failure showing where
    each of its threads is (the child must run with PYTHONFAULTHANDLER=1)."""
    try:
        return process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        _, stacks = process.communicate(timeout=30)
        pytest.fail(f"{what} did not stop on Ctrl-C; its threads:\n{stacks}")
