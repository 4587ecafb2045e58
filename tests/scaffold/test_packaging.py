"""A release build: the sdist and the wheel hold the schemas and the scaffold templates,
carry the package's version, and pass `twine check`. Built from a copy of this checkout
(uncommitted changes included), with build's isolated environment, which needs the
package index for setuptools: skipped where `build` is missing or the index is out of reach.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from reconciler import __version__
from tests.conftest import REPO_ROOT

TEMPLATES = sorted(
    path.name for path in (REPO_ROOT / "reconciler" / "scaffold" / "templates").iterdir()
)
PACKAGE_DATA = [
    *(f"reconciler/schemas/{name}" for name in ("interview.schema.json", "plan.schema.json")),
    *(f"reconciler/scaffold/templates/{name}" for name in TEMPLATES),
    "reconciler/py.typed",
]
OFFLINE = ("Could not find a version", "Failed to establish a new connection", "No matching")
SKIPPED_TREES = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis"
)


def _tool(module: str) -> bool:
    found = subprocess.run([sys.executable, "-c", f"import {module}"], check=False)
    return found.returncode == 0


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not _tool("build"):
        pytest.skip("needs the build package (pip install build)")
    source = tmp_path_factory.mktemp("source") / "interviews-as-code"
    shutil.copytree(REPO_ROOT, source, ignore=SKIPPED_TREES)
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(source)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if built.returncode != 0 and any(text in built.stdout + built.stderr for text in OFFLINE):
        pytest.skip("the package index is out of reach: build cannot get setuptools")
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def test_templates_are_the_files_init_reads() -> None:
    assert TEMPLATES == [
        "accounts-apply.yml", "accounts-plan.yml", "action.yml", "example.yaml",
        "interviews-apply.yml", "interviews-plan.yml", "reconciler.toml",
    ]  # fmt: skip


def test_the_wheel_holds_the_package_data_and_the_version(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    assert wheel.name == f"interviews_as_code-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(f"interviews_as_code-{__version__}.dist-info/METADATA").decode()
    assert [name for name in PACKAGE_DATA if name not in names] == []
    assert f"\nVersion: {__version__}\n" in metadata


def test_the_sdist_holds_the_package_data(dist: Path) -> None:
    [sdist] = dist.glob("*.tar.gz")
    top = f"interviews_as_code-{__version__}"
    assert sdist.name == f"{top}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
    assert [name for name in PACKAGE_DATA if f"{top}/{name}" not in names] == []


def test_twine_check_passes(dist: Path) -> None:
    if not _tool("twine"):
        pytest.skip("needs twine (pip install twine)")
    files = sorted(str(path) for path in dist.iterdir())
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *files],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2
