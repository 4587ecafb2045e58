"""`interviews init` in a git repository: what it writes, what it keeps, what it refuses."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

from reconciler import __version__
from reconciler.cli import main
from reconciler.scaffold import derive_namespace
from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo

SCHEMA_COMMENT = re.compile(r"^# yaml-language-server: \$schema=(\S+)$", re.MULTILINE)
ROOT_FILES = [
    "reconciler.toml",
    "interviews/example-onboarding-specialist.yaml",
    ".github/actions/interviews-as-code/action.yml",
    ".github/workflows/interviews-plan.yml",
    ".github/workflows/interviews-apply.yml",
    "schemas/interview.schema.json",
]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` outside .git, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "hiring-gitops"
    GitRepo(root)
    monkeypatch.chdir(root)
    for name in ("IAC_NAMESPACE", "JOBMOJITO_TOKEN", "JOBMOJITO_API_URL"):
        monkeypatch.delenv(name, raising=False)
    return root


def test_init_in_an_empty_repository_gives_specs_that_validate_and_lint(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "init")

    assert (code, err) == (0, "")
    assert [line.split()[1] for line in out.splitlines() if line.startswith("wrote ")] == ROOT_FILES
    assert sorted(tree(repo)) == sorted(ROOT_FILES)
    settings = tomllib.loads((repo / "reconciler.toml").read_text("utf-8"))
    assert settings == {"reconciler": {"namespace": "hiring-gitops"}}
    assert run(capsys, "validate")[:2] == (0, "valid: 1 interview in 1 file\n")
    assert run(capsys, "lint")[:2] == (0, "no findings\n")


def test_every_schema_comment_resolves_to_the_packaged_schema(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    assert run(capsys, "init", "accounts/eu", "--namespace", "eu")[0] == 0

    specs = sorted(repo.rglob("*.yaml"))
    assert len(specs) == 2
    packaged = Path(__file__).resolve().parents[2] / "reconciler" / "schemas"
    for spec in specs:
        [reference] = SCHEMA_COMMENT.findall(spec.read_text("utf-8"))
        target = (spec.parent / reference).resolve()
        assert target == repo / "schemas" / "interview.schema.json"
        assert target.read_text("utf-8") == (packaged / "interview.schema.json").read_text()


def test_init_twice_changes_nothing_and_lists_what_it_kept(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0
    before = tree(repo)

    code, out, _ = run(capsys, "init")

    assert code == 0
    assert tree(repo) == before
    assert [line.split()[1] for line in out.splitlines() if line.startswith("kept ")] == ROOT_FILES
    assert "wrote" not in out
    assert "nothing to write: every file was already there" in out


def test_init_keeps_a_file_the_repository_already_has(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    own = '[reconciler]\nnamespace = "talent"\n'
    (repo / "reconciler.toml").write_text(own)

    code, out, _ = run(capsys, "init", "--namespace", "other")

    assert code == 0
    assert (repo / "reconciler.toml").read_text() == own
    assert "kept  reconciler.toml (already there)" in out.splitlines()
    assert "wrote interviews/example-onboarding-specialist.yaml" in out.splitlines()


def test_the_workflows_install_this_version_through_the_local_action(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "init")[0] == 0

    for name in ("interviews-plan.yml", "interviews-apply.yml"):
        workflow = yaml.safe_load((repo / ".github" / "workflows" / name).read_text("utf-8"))
        [job] = workflow["jobs"].values()
        [action] = [step for step in job["steps"] if step["uses"].startswith("./")]
        assert action["uses"] == "./.github/actions/interviews-as-code"
        assert action["with"]["version"] == __version__


def test_init_makes_the_named_folder_inside_the_repository(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "init", "teams/Nordic Sales")

    assert code == 0
    account = repo / "teams" / "Nordic Sales"
    assert tomllib.loads((account / "reconciler.toml").read_text("utf-8")) == {
        "reconciler": {"namespace": "nordic-sales"}
    }
    assert "namespace 'nordic-sales' for account 'Nordic Sales'" in out
    assert "next: `interviews validate 'teams/Nordic Sales/interviews'` and `interviews lint" in out
    assert (repo / ".github" / "workflows" / "interviews-accounts-plan.yml").is_file()
    assert not (repo / "interviews").exists()


@pytest.mark.parametrize(
    ("name", "namespace"),
    [
        ("hiring-gitops", "hiring-gitops"),
        ("Acme Hiring", "acme-hiring"),
        ("eu_west.2", "eu-west-2"),
    ],
)
def test_the_namespace_derived_from_a_folder_name(name: str, namespace: str) -> None:
    assert derive_namespace(name) == namespace


def test_outside_a_git_repository_init_refuses_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)

    code, out, err = run(capsys, "init", "plain")

    assert (code, out) == (1, "")
    assert err == (
        "error: plain is not inside a git repository: run `git init` there first (the "
        "workflows and the schema are placed relative to the repository root)\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_namespace_that_config_would_refuse_is_refused_before_writing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", "--namespace", "Team_A")

    assert code == 1
    assert err == (
        "error: --namespace must be lower-case letters, digits and '-', starting with a "
        "letter or digit, got 'Team_A': pass --namespace NAME\n"
    )
    assert tree(repo) == {}


def test_a_folder_name_that_makes_no_namespace_asks_for_one(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", "accounts/___")

    assert code == 1
    assert err.startswith("error: the folder name '___', as a namespace, must be lower-case")
    assert err.endswith(": pass --namespace NAME\n")
    assert tree(repo) == {}


def test_an_account_folder_directly_below_the_root_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "init", "eu")

    assert code == 1
    assert err == (
        "error: account folders go one level down, in a folder of their own: run "
        "`interviews init accounts/eu`, not `interviews init eu`\n"
    )
    assert tree(repo) == {}


def test_no_example_joins_specs_that_are_already_there(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The example would be created in the live account by the next apply.
    (repo / "interviews").mkdir()
    own = REPO_ROOT / "interviews" / "sql-skills-assessment.yaml"
    (repo / "interviews" / own.name).write_bytes(own.read_bytes())

    code, out, _ = run(capsys, "init")

    assert code == 0
    assert sorted(path.name for path in (repo / "interviews").iterdir()) == [own.name]
    assert (
        "left out interviews/example-onboarding-specialist.yaml (its folder already holds specs)"
        in out
    )


def test_the_namespace_line_only_when_init_wrote_the_settings(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "reconciler.toml").write_text('[reconciler]\nnamespace = "talent"\n')

    out = run(capsys, "init")[1]

    assert "namespace" not in out.replace("reconciler.toml", "")


def test_a_file_as_the_folder_is_refused(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "notes.txt").write_text("not a folder\n")

    code, _, err = run(capsys, "init", "notes.txt")

    assert (code, err) == (
        1, "error: notes.txt is a file: name a folder (or nothing, for the current one)\n",
    )  # fmt: skip


def test_init_never_writes_through_a_link_out_of_the_repository(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / ".github").symlink_to(outside)

    code, _, err = run(capsys, "init")

    assert code == 1
    assert err.startswith(f"error: {repo}/.github/")
    assert err.endswith(" leads out of the repository (a link): init writes only inside it\n")
    assert list(outside.iterdir()) == []
    assert tree(repo) == {}


def test_a_folder_init_cannot_write_is_one_error_line(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "interviews").write_text("a file where the specs folder goes\n")

    code, _, err = run(capsys, "init")

    assert code == 1
    assert err == (
        f"error: cannot write {repo}/interviews/example-onboarding-specialist.yaml: File exists\n"
    )
