"""Apply the example specs to an empty emulator, then plan again: nothing left to do."""

from __future__ import annotations

import shutil
from pathlib import Path

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.plan.model import Kind
from reconciler.workflow import plan_from_specs
from tests.apply.conftest import EXAMPLES


def _converge(folder: Path, client: JobMojitoClient, settings: Settings) -> None:
    made = plan_from_specs(folder, client, settings)
    result = apply_plan(made, client)
    assert result.ok, [s for s in result.steps if s.outcome != "done"]
    again = plan_from_specs(folder, client, settings)
    assert again.changes == (), [(c.kind, c.key, c.reason, c.fields) for c in again.changes]


def test_examples_apply_then_plan_is_empty(
    client: JobMojitoClient, settings: Settings, emulator: Emulator
) -> None:
    first = plan_from_specs(EXAMPLES, client, settings)
    assert {c.kind for c in first.changes} == {Kind.CREATE}
    _converge(EXAMPLES, client, settings)
    assert len(emulator.interview_ids()) == len(first.changes)


def test_each_change_kind_round_trips(
    tmp_path: Path, client: JobMojitoClient, settings: Settings, emulator: Emulator
) -> None:
    folder = tmp_path / "interviews"
    shutil.copytree(EXAMPLES, folder)
    _converge(folder, client, settings)
    support = folder / "customer-support-specialist.yaml"
    text = support.read_text(encoding="utf-8")
    support.write_text(text.replace("status: active", "status: draft", 1), encoding="utf-8")
    _converge(folder, client, settings)  # set_state
    edited = support.read_text(encoding="utf-8").replace("name: ", "name: Senior ", 1)
    support.write_text(edited, encoding="utf-8")
    _converge(folder, client, settings)  # update
    assert "mojito_language_code: en" in edited
    support.write_text(edited.replace("mojito_language_code: en", "mojito_language_code: fr"))
    _converge(folder, client, settings)  # recreate
    (folder / "sql-skills-assessment.yaml").unlink()
    _converge(folder, client, settings)  # archive
    statuses = [emulator.raw_definition(i)["status"] for i in emulator.interview_ids()]
    assert statuses.count("archived") == 2
