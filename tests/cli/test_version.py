"""`interviews --version` and `-V` print the version, as `interviews version` does."""

from __future__ import annotations

import pytest

from reconciler import __version__
from reconciler.cli import main


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version_flag_prints_the_version(flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([flag]) == 0
    assert capsys.readouterr().out == f"{__version__}\n"


def test_help_lists_the_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "--version" in capsys.readouterr().out
