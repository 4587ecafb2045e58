"""`show` and `pull` take the spec folder as their last argument, as `plan` and `apply` do;
the old `--path` still works, with a warning."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulator
from tests.cli.emulated import run

__all__ = ["emulator"]

REPO = Path(__file__).resolve().parents[2]
SHOWN = "customer-support-specialist"
GENERATED = "senior-backend-engineer"


@pytest.fixture
def applied(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> Emulator:
    Path("specs").mkdir()
    for key in (SHOWN, GENERATED):
        shutil.copy(REPO / f"interviews/{key}.yaml", f"specs/{key}.yaml")
    assert run(capsys, "apply", "specs", "--auto-approve")[0] == 0
    return emulator


def test_show_takes_the_folder_as_an_argument(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", SHOWN, "specs", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)["key"] == SHOWN


def test_show_path_option_still_works_with_a_warning(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", SHOWN, "--path", "specs", "--format", "json")
    assert code == 0
    assert json.loads(out)["key"] == SHOWN
    assert err == (
        "warning: show --path is deprecated; give the spec folder as the last argument: "
        "interviews show ... specs\n"
    )


def test_a_folder_given_twice_and_differently_is_an_error(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "show", SHOWN, "specs", "--path", "interviews")
    assert code == 1
    assert err == (
        "error: show: the spec folder is given twice (specs and --path interviews); give it "
        "once, as the last argument\n"
    )


def test_pull_takes_the_folder_after_the_keys(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "pull", GENERATED, "specs")
    assert (code, err) == (0, "")
    assert out.startswith(f"rewrote {Path('specs', GENERATED + '.yaml')}: ")
    assert "generate:" not in Path(f"specs/{GENERATED}.yaml").read_text(encoding="utf-8")
