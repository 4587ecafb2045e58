"""Where commands find their settings: the nearest reconciler.toml from the spec folder up,
and no namespace at all is an error, never a fallback (against the emulator)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.specwrite.seeding import TOKEN

NO_NAMESPACE = (
    'add namespace = "..." under [reconciler] in reconciler.toml, '
    "or set IAC_NAMESPACE / --namespace\n"
)

INVITEE = ("--name", "Ada Lovelace", "--email", "ada@example.com")


@pytest.fixture
def repo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    """A git repository in tmp_path: reconciler.toml (namespace acme) at its root beside
    interviews/, an empty account behind every command, run from the root."""
    monkeypatch.delenv("IAC_NAMESPACE", raising=False)
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    (tmp_path / ".git").mkdir()
    yield emu
    emu.close()


def _plan(capsys: pytest.CaptureFixture[str], path: str) -> dict[str, Any]:
    code, out, _ = run(capsys, "plan", path, "--format", "json")
    assert code == 0
    document: dict[str, Any] = json.loads(out)
    # Paths are shown as given or from the working folder: the source, each change's file,
    # hence the checksum. Everything else must match.
    for change in document["changes"]:
        change["file"] = Path(change["file"]).name
    return {key: value for key, value in document.items() if key not in ("source", "checksum")}


def test_any_folder_and_any_path_to_the_specs_make_the_same_plan(
    repo: Emulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    root = Path.cwd()
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    from_root = _plan(capsys, "interviews")
    assert from_root["namespace"] == "acme"
    assert from_root["summary"]["create"] == 5
    monkeypatch.chdir(root / "interviews")
    assert _plan(capsys, ".") == from_root
    monkeypatch.chdir(elsewhere)
    assert _plan(capsys, str(root / "interviews")) == from_root

    monkeypatch.chdir(root / "interviews")
    assert run(capsys, "apply", ".", "--auto-approve")[0] == 0
    assert run(capsys, "plan", ".", "--detailed-exitcode")[0] == 0
    monkeypatch.chdir(root)
    assert run(capsys, "plan", "interviews", "--detailed-exitcode")[0] == 0
    monkeypatch.chdir(elsewhere)
    assert run(capsys, "plan", str(root / "interviews"), "--detailed-exitcode")[0] == 0
    assert len(repo.interview_ids()) == 5


def test_a_saved_plan_is_made_again_with_its_spec_folder_configuration(
    repo: Emulator,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    specs = Path.cwd() / "interviews"
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert run(capsys, "plan", str(specs), "--out", "plan.json")[0] == 0
    code, _, err = run(capsys, "apply", "plan.json", "--auto-approve")
    assert code == 0, err
    tags = [repo.raw_definition(live_id)["tags"] for live_id in repo.interview_ids()]
    assert len(tags) == 5
    assert all(any(tag.startswith("iac:acme/") for tag in found) for found in tags)


@pytest.mark.parametrize(
    "command",
    [
        ("plan",),
        ("plan", "--refresh-only"),
        ("apply", "--auto-approve"),
        ("import", "--out", "imported"),
        ("show", "customer-support-specialist"),
        ("pull", "customer-support-specialist"),
        ("invite", "customer-support-specialist", *INVITEE),
    ],
    ids=lambda command: " ".join(command[:2]),
)
def test_without_a_namespace_commands_on_markers_stop_and_change_nothing(
    repo: Emulator, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    Path("reconciler.toml").unlink()
    specs = {path: path.read_bytes() for path in Path("interviews").iterdir()}

    code, out, err = run(capsys, *command)

    assert code == 1
    assert out == ""
    start = "imported" if command[0] == "import" else "interviews"  # where the specs go or are
    assert err == (
        f"error: no namespace configured (no reconciler.toml from {start} up to the "
        f"repository root): {NO_NAMESPACE}"
    )
    assert repo.requests == []
    assert {path: path.read_bytes() for path in Path("interviews").iterdir()} == specs
    assert not Path("imported").exists()


def test_a_namespace_from_the_flag_or_the_environment_is_enough(
    repo: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("reconciler.toml").unlink()
    assert run(capsys, "plan", "--namespace", "acme", "--detailed-exitcode")[0] == 2
    monkeypatch.setenv("IAC_NAMESPACE", "acme")
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    assert run(capsys, "plan", "--namespace", "acme", "--detailed-exitcode")[0] == 0


def test_commands_that_never_touch_markers_need_no_namespace(
    repo: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("reconciler.toml").unlink()
    for command in (("validate",), ("lint",), ("templates",), ("version",)):
        code, out, err = run(capsys, *command)
        assert (code, err) == (0, ""), command
        assert out
