"""`plan --base`: changes made by the change under review vs those already pending.

Runs on a temporary git repository holding a copy of the example specs, against the
in-process emulator.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.basediff import load_specs_at
from reconciler.basediff import plan_against_base
from reconciler.basediff import preexisting_keys
from reconciler.config import Secret
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.errors import ConfigError
from reconciler.errors import InvalidSpecError
from reconciler.history.git import open_repository
from reconciler.history.tree import spec_files_at
from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import Safety
from reconciler.plan.model import Step
from reconciler.workflow import plan_from_specs
from tests.gitrepo import GitRepo

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")

REPO = Path(__file__).resolve().parents[1]
SETTINGS = Settings(api_url="http://127.0.0.1:8787", token=Secret("t-basediff"), namespace="acme")
SUPPORT = "interviews/customer-support-specialist.yaml"
SQL = "interviews/sql-skills-assessment.yaml"
BACKEND = "interviews/senior-backend-engineer.yaml"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    shutil.copytree(REPO / "interviews", tmp_path / "interviews")
    repo = GitRepo(tmp_path)
    repo.commit("Add the interviews")
    return repo


@pytest.fixture
def client() -> Iterator[JobMojitoClient]:
    emulator = Emulator(token=SETTINGS.token.reveal())
    transport = emulator.transport()
    with JobMojitoClient(SETTINGS, transport=transport, sleep=lambda _: None) as opened:
        yield opened
    emulator.close()


def apply_folder(folder: Path, client: JobMojitoClient) -> None:
    assert apply_plan(plan_from_specs(folder, client, SETTINGS), client).ok


def applied_with_support_drifted(repo: GitRepo, client: JobMojitoClient) -> Path:
    """The examples applied, then the support screen changed in the account, outside git
    (drift); returns the spec folder, as committed."""
    folder = repo.root / "interviews"
    apply_folder(folder, client)
    repo.edit(SUPPORT, "location: Lisbon, Portugal (hybrid)", "location: Lisbon")
    apply_folder(folder, client)
    repo.git("checkout", "--", SUPPORT)
    return folder


def test_drift_and_an_unapplied_merge_are_kept_apart_from_the_change(
    repo: GitRepo, client: JobMojitoClient
) -> None:
    folder = applied_with_support_drifted(repo, client)
    # An earlier merge, not applied yet.
    repo.edit(BACKEND, "location: Remote (EU time zones)", "location: Remote (worldwide)")
    base = repo.commit("Hire worldwide")
    # The change under review.
    repo.edit(SQL, "location: Berlin, Germany", "location: Hamburg, Germany")

    made = plan_against_base(folder, base, client, SETTINGS)

    assert [(change.kind, change.key) for change in made.changes] == [
        (Kind.UPDATE, "customer-support-specialist"),
        (Kind.UPDATE, "senior-backend-engineer"),
        (Kind.UPDATE, "sql-skills-assessment"),
    ]
    assert made.preexisting == ("customer-support-specialist", "senior-backend-engineer")
    assert made.source == str(folder)
    assert made.to_dict()["preexisting"] == list(made.preexisting)


def test_a_change_that_also_touches_a_drifted_interview_is_the_change_s(
    repo: GitRepo, client: JobMojitoClient
) -> None:
    folder = applied_with_support_drifted(repo, client)
    repo.edit(SUPPORT, "status: active", "status: draft")

    made = plan_against_base(folder, "HEAD", client, SETTINGS)

    assert {change.key for change in made.changes} == {"customer-support-specialist"}
    assert made.preexisting == ()


def test_a_base_without_the_spec_folder_makes_everything_the_change_s(
    tmp_path: Path, client: JobMojitoClient
) -> None:
    repo = GitRepo(tmp_path)
    (tmp_path / "README.md").write_text("empty\n")
    repo.commit("Start")
    shutil.copytree(REPO / "interviews", tmp_path / "interviews")

    made = plan_against_base(tmp_path / "interviews", "main", client, SETTINGS)

    assert made.count(Kind.CREATE) == 5
    assert made.preexisting == ()


def test_an_unknown_base_is_a_clear_error(repo: GitRepo, client: JobMojitoClient) -> None:
    with pytest.raises(ConfigError) as caught:
        plan_against_base(repo.root / "interviews", "origin/main", client, SETTINGS)
    assert str(caught.value) == (
        "--base origin/main: not a commit in this repository; fetch it first "
        "(in GitHub Actions: actions/checkout with fetch-depth: 0)"
    )


def test_problems_in_the_base_specs_name_the_revision(repo: GitRepo) -> None:
    repo.edit(SQL, "status: draft", "status: drafty")
    backend = (repo.root / BACKEND).read_text(encoding="utf-8")
    for name in ("again.yaml", "copy.yaml"):
        (repo.root / "interviews" / name).write_text(backend.replace("name:", "key: x\nname:", 1))
    repo.commit("Break things")

    with pytest.raises(InvalidSpecError) as caught:
        load_specs_at(open_repository(repo.root / "interviews"), "HEAD")

    files = [problem.file for problem in caught.value.problems]
    assert "HEAD:interviews/sql-skills-assessment.yaml" in files
    duplicate = [p.message for p in caught.value.problems if "duplicate" in p.message]
    assert duplicate == ['duplicate interview key "x" (also in HEAD:interviews/again.yaml)']


def test_spec_files_at_lists_what_the_loader_would_read(tmp_path: Path) -> None:
    repo = GitRepo(tmp_path)
    for name in ("a.yaml", "sub/b.yml", ".hidden.yaml", ".drafts/c.yaml", "notes.txt"):
        path = tmp_path / "interviews" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("name: x\n")
    (tmp_path / "other.yaml").write_text("name: y\n")
    (tmp_path / "interviews" / "link.yaml").symlink_to("a.yaml")
    repo.commit("Files")

    found = spec_files_at(open_repository(tmp_path / "interviews"), "HEAD")

    assert [path for path, _ in found.files] == ["interviews/a.yaml", "interviews/sub/b.yml"]


def _update(key: str, location: str) -> Change:
    step = Step(Action.UPDATE, {"location": location}, "id-" + key)
    return Change(Kind.UPDATE, key, key.title(), "fields changed", live_id="id-" + key,
                  steps=(step,))  # fmt: skip


def _plan(*changes: Change) -> Plan:
    return Plan("acme", changes, Safety(managed=3, destructive=0, max_share=0.3, min_managed=10))


def test_preexisting_keys_need_every_change_of_the_key_to_be_the_same() -> None:
    head = _plan(_update("a", "Berlin"), _update("b", "Paris"), _update("c", "Rome"))
    base = _plan(_update("a", "Berlin"), _update("b", "Lyon"))
    renamed = Change(Kind.UPDATE, "a", "Another name", "other words", file="moved.yaml",
                     live_id="id-a", steps=_update("a", "Berlin").steps)  # fmt: skip

    assert preexisting_keys(head, base) == ("a",)
    assert preexisting_keys(_plan(renamed), base) == ("a",)
    assert preexisting_keys(head, _plan()) == ()
