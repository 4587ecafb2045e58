"""The CLI's single error boundary: exit codes and one-line messages, no tracebacks."""

from __future__ import annotations

import pytest

from reconciler.cli import main


def test_unknown_command_is_a_usage_error_not_a_bug(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    err = capsys.readouterr().err
    assert "No such command 'no-such-command'." in err
    assert "Traceback" not in err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["version", "--bogus"]) == 2
    assert "No such option: --bogus" in capsys.readouterr().err


def test_help_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "validate" in capsys.readouterr().out
