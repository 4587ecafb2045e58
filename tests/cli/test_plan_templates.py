"""Templates in `interviews plan`, end to end against the emulator's template list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.cli.emulated import writes
from tests.specwrite.seeding import TOKEN

SUPPORT = Path("interviews/customer-support-specialist.yaml")


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    yield emu
    emu.close()


def _template(name: str) -> None:
    text = SUPPORT.read_text(encoding="utf-8")
    SUPPORT.write_text(text.replace("template: Emma (voice)", f"template: {name}", 1))


def test_a_legacy_template_fails_the_plan_by_name_before_anything_is_sent(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _template("Synthesia presenter (legacy)")

    code, out, err = run(capsys, "plan")

    assert code == 1
    assert out == ""
    assert ("\n" + err).endswith(  # the problem lines start a line of their own
        '\ninterviews/customer-support-specialist.yaml:8:11: template "Synthesia '
        'presenter (legacy)" is a legacy offline_synthesia template: the API no longer '
        'accepts it for an interview (usable en templates: "Ava", "Emma (voice)", '
        '"Grace (studio)", "Marcus")\nerror: 1 problem in the spec files\n'
    )
    assert writes(emulator) == []


def test_an_unknown_template_names_the_usable_ones_of_its_language(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    _template("Emma (voce)")

    code, _, err = run(capsys, "plan")

    assert code == 1
    assert (
        'unknown template "Emma (voce)" (did you mean "Emma (voice)"? Usable en templates: '
        '"Ava", "Emma (voice)", "Grace (studio)", "Marcus")\n'
    ) in err


def test_a_plan_lists_templates_once_and_shows_them_by_name(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    _template("Ava")
    before = len(emulator.requests)

    code, out, _ = run(capsys, "plan")

    listed = [r.path for r in emulator.requests[before:] if r.path.endswith("avatar-list")]
    assert code == 0
    assert len(listed) == 1
    assert '      template: "Emma (voice)" -> "Ava"\n' in out
    assert "7a1c0001" not in out
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    assert run(capsys, "plan", "--detailed-exitcode")[0] == 0


def test_a_plan_whose_specs_name_no_template_does_not_list_them(
    emulator: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    for spec in Path("interviews").glob("*.yaml"):
        spec.unlink()
    before = len(emulator.requests)

    code, out, _ = run(capsys, "plan")

    assert code == 0
    assert "5 to archive." in out
    assert not [r for r in emulator.requests[before:] if r.path.endswith("avatar-list")]
