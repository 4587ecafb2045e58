"""`interviews plan --base REF` on a temporary git repository, against the emulator."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.cli import main
from tests.cli.emulated import emulated_repository
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

TOKEN = "cli-base-token-81f0"
REPO = Path(__file__).resolve().parents[2]
SUPPORT = "interviews/customer-support-specialist.yaml"
SQL = "interviews/sql-skills-assessment.yaml"


@pytest.fixture
def repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[GitRepo]:
    """The example specs committed on main, applied to an emulator behind every command."""
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    repo = GitRepo(tmp_path)
    repo.commit("Add the interviews")
    assert main(["apply", "--auto-approve"]) == 0
    yield repo
    emu.close()


def drift_support(repo: GitRepo) -> None:
    """Change the support screen in the account only, as someone in the app would."""
    repo.edit(SUPPORT, "location: Lisbon, Portugal (hybrid)", "location: Lisbon")
    assert main(["apply", "--auto-approve"]) == 0
    repo.git("checkout", "--", SUPPORT)


def test_plan_base_shows_the_drift_apart(repo: GitRepo, capsys: pytest.CaptureFixture[str]) -> None:
    drift_support(repo)
    repo.edit(SQL, "location: Berlin, Germany", "location: Hamburg, Germany")
    capsys.readouterr()

    code = main(["plan", "--base", "main", "--detailed-exitcode"])

    out = capsys.readouterr().out
    assert code == 2
    own, pending = out.split("Already pending before this change (not from this pull request):")
    assert "update sql-skills-assessment" in own
    assert "customer-support-specialist" not in own
    assert "update customer-support-specialist" in pending
    assert TOKEN not in out


def test_a_saved_plan_with_pending_keys_applies(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    drift_support(repo)
    assert main(["plan", "--base", "main", "--format", "json", "--out", "plan.json"]) == 0
    assert json.loads(Path("plan.json").read_text())["preexisting"] == [
        "customer-support-specialist"
    ]
    capsys.readouterr()

    assert main(["apply", "plan.json", "--auto-approve"]) == 0

    assert "Apply: 1 step(s) done, 0 failed, 0 not attempted." in capsys.readouterr().out
    assert main(["plan", "--detailed-exitcode"]) == 0


def test_plan_base_with_an_unknown_ref_fails_clearly(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["plan", "--base", "no-such-branch"]) == 1
    assert capsys.readouterr().err == (
        "error: --base no-such-branch: not a commit in this repository; fetch it first "
        "(in GitHub Actions: actions/checkout with fetch-depth: 0)\n"
    )


def test_a_template_fixed_by_the_change_does_not_fail_the_plan_of_the_base(
    repo: GitRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    new = "interviews/support-copy.yaml"
    text = (repo.root / SUPPORT).read_text(encoding="utf-8")
    copy = text.replace("name: Customer Support Specialist - Screening", "name: Support copy")
    (repo.root / new).write_text(
        copy.replace("template: Emma (voice)", "template: Elai presenter (legacy)")
    )
    repo.commit("Add a copy with a legacy template, not applied")
    repo.edit(new, "template: Elai presenter (legacy)", "template: Emma (voice)")
    capsys.readouterr()

    code = main(["plan", "--base", "main"])

    out = capsys.readouterr().out
    assert code == 0
    assert "+ create support-copy" in out
