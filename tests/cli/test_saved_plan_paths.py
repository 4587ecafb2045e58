"""`apply PLAN_FILE` finds the plan's spec folder wherever the plan file is kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.gitrepo import GitRepo
from tests.specwrite.seeding import TOKEN


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    GitRepo(tmp_path)
    yield emu
    emu.close()


def test_a_plan_file_outside_the_repository(
    emulator: Emulator,
    capsys: pytest.CaptureFixture[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    plan_file = tmp_path_factory.mktemp("elsewhere") / "plan.json"
    assert run(capsys, "plan", "--out", str(plan_file))[0] == 0
    code, out, err = run(capsys, "apply", str(plan_file), "--auto-approve")
    assert code == 0, err
    assert "Apply: 5 step(s) done, 0 failed, 0 not attempted." in out


def test_a_plan_file_in_the_repository_applied_from_elsewhere(
    emulator: Emulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    (tmp_path / "plans").mkdir()
    assert run(capsys, "plan", "--out", "plans/plan.json")[0] == 0
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    code, out, err = run(capsys, "apply", str(tmp_path / "plans" / "plan.json"), "--auto-approve")
    assert code == 0, err
    assert "Apply: 5 step(s) done, 0 failed, 0 not attempted." in out


def test_a_plan_whose_spec_folder_cannot_be_found_says_where_to_run_apply(
    emulator: Emulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    plan_file = tmp_path_factory.mktemp("elsewhere") / "plan.json"
    assert run(capsys, "plan", "--out", str(plan_file))[0] == 0
    monkeypatch.chdir(plan_file.parent)
    code, _, err = run(capsys, "apply", str(plan_file), "--auto-approve")
    assert code == 1
    assert err == (
        f"error: {plan_file}: the plan was made from the spec folder 'interviews' (relative "
        "to the folder `plan` ran in), which is not found from here; run apply from that "
        "folder (usually the repository root), or keep the plan file in the repository\n"
    )
    assert emulator.interview_ids() == ()
