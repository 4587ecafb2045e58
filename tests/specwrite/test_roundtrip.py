"""Every seeded shape: written spec loads, and plans to an adoption without content change;
after the apply the plan is empty."""

from __future__ import annotations

import pytest

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.emulator import Emulator
from reconciler.plan.discovery import discover
from reconciler.plan.model import Kind
from reconciler.plan.planner import PlanSettings
from reconciler.plan.planner import make_plan
from reconciler.plan.questions import KEY
from reconciler.spec.loader import load_spec_text
from reconciler.specwrite import CREATE_ONLY_NOTE
from reconciler.specwrite import write_spec
from tests.specwrite.seeding import seed_account

SETTINGS = PlanSettings(namespace="acme")
SHAPES = ("generated", "own_questions", "knowledge_base", "archived")


@pytest.mark.parametrize("shape", SHAPES)
def test_written_spec_adopts_without_content_change(
    shape: str, emulator: Emulator, client: JobMojitoClient
) -> None:
    live_id = seed_account(emulator)[shape]
    account = discover(client)
    live = next(live for live in account.interviews if live.id == live_id)
    text = write_spec(live.definition, account.templates, import_id=live_id)
    assert text.startswith(
        "# yaml-language-server: $schema=../schemas/interview.schema.json\n#\n" + CREATE_ONLY_NOTE
    )
    desired = load_spec_text(text, f"interviews/{shape.replace('_', '-')}.yaml")
    plan = make_plan([desired], account, SETTINGS)
    (change,) = plan.changes
    assert change.kind is Kind.ADOPT
    assert change.fields == ()
    assert {field.field for q in change.questions for field in q.fields} == {KEY}
    assert apply_plan(plan, client).ok
    assert not make_plan([desired], discover(client), SETTINGS).has_changes
