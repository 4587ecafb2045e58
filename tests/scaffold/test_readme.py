"""The README shows what `interviews init` writes and the version it installs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reconciler import __version__
from reconciler.cli import main
from tests.conftest import REPO_ROOT
from tests.gitrepo import GitRepo

README = (REPO_ROOT / "README.md").read_text("utf-8")


def _section(title: str) -> str:
    return README.split(f"\n## {title}\n")[1].split("\n## ")[0]


def test_the_many_accounts_workflow_is_the_one_init_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    GitRepo(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["init", "accounts/eu"]) == 0
    written = tmp_path / ".github" / "workflows" / "interviews-accounts-plan.yml"

    [shown] = re.findall(r"^```yaml\n(.*?)^```$", _section("Many accounts"), re.M | re.S)

    assert yaml.safe_load(shown) == yaml.safe_load(written.read_text("utf-8"))


def test_the_readme_pins_the_version_of_this_package() -> None:
    pins = re.findall(r"interviews-as-code==(\S+)", _section("Quick start"))
    versions = re.findall(r'version: "([^"]+)"', _section("CI setup for a GitOps repository"))
    tags = re.findall(r"# v(\d\S*)|rev: v(\S+)", _section("CI setup for a GitOps repository"))
    assert pins == [__version__]
    assert versions == [__version__]
    assert {tag for pair in tags for tag in pair if tag} == {__version__}


def test_the_quick_start_is_install_init_validate_lint() -> None:
    commands = [
        line.split("#")[0].strip()
        for line in _section("Quick start").splitlines()
        if line.startswith("    ")
    ]
    assert commands[:4] == [
        f"pip install interviews-as-code=={__version__}",
        "interviews init",
        "interviews validate",
        "interviews lint",
    ]
