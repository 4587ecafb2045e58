"""A blocked create, a rename and a busy interview in every format."""

from __future__ import annotations

import dataclasses
import json

from jsonschema import Draft202012Validator

from reconciler.plan.model import Plan
from reconciler.plan.planner import make_plan
from reconciler.render.json_doc import render_json
from reconciler.render.markdown import render_markdown
from reconciler.render.text import render_text
from tests.plan.builders import SETTINGS
from tests.plan.builders import account
from tests.plan.builders import live_like
from tests.plan.builders import spec
from tests.render.test_json_doc import schema

HAND_MADE = "00000000-0000-4000-8000-0000000000c1"
RENAMED = "00000000-0000-4000-8000-0000000000c2"
BUSY = "00000000-0000-4000-8000-0000000000c3"


def identity_plan() -> Plan:
    taken = spec("sales-screen", name="Sales screen")
    renamed = dataclasses.replace(spec("support-screen"), previous_keys=("support-old",))
    busy = spec("intern-screen", name="Intern screen")
    lives = account(
        live_like(taken, live_id=HAND_MADE, tags=["team-a"], summary={"name": "Sales screen"}),
        live_like(spec("support-old"), live_id=RENAMED),
        live_like(busy, live_id=BUSY, status="preparing"),
    )
    return make_plan([taken, renamed, busy], lives, SETTINGS)


def test_text_shows_the_blocked_create_its_candidate_and_the_fix() -> None:
    text = render_text(identity_plan())
    assert '+ create sales-screen  "Sales screen"' in text
    assert "✗ apply refuses: a live interview named 'Sales screen' exists" in text
    assert f"add import_id: {HAND_MADE} to the spec to adopt it" in text
    assert "Apply will refuse this plan:" in text
    assert "✗ sales-screen: a live " in text
    assert "renamed from support-old: same interview, same id and links" in text
    assert 'key: "support-old" -> "support-screen"' in text
    assert f"  - intern-screen: busy: preparing; left alone ({BUSY})" in text


def test_markdown_shows_them_too() -> None:
    text = render_markdown(identity_plan())
    assert "**✗ apply refuses:** a live interview named 'Sales screen' exists" in text
    escaped = HAND_MADE.replace("-", "\\-")
    assert f"add import\\_id: {escaped} to the spec to adopt it" in text
    assert "- sales\\-screen: a live interview named" in text
    assert "renamed from support\\-old: same interview" in text
    assert "- intern\\-screen: busy: preparing" in text


def test_json_carries_the_block_and_validates() -> None:
    document = json.loads(render_json(identity_plan()))
    Draft202012Validator(schema()).validate(document)
    (create,) = [c for c in document["changes"] if c["kind"] == "create"]
    assert HAND_MADE in create["blocked"]
    assert document["safety"]["refusals"][0].startswith("sales-screen: a live ")
    (rename,) = [c for c in document["changes"] if c["live_id"] == RENAMED]
    assert rename["fields"][0] == {
        "field": "key",
        "before": "support-old",
        "after": "support-screen",
        "drift": False,
    }
    assert document["notes"] == [f"intern-screen: busy: preparing; left alone ({BUSY})"]
