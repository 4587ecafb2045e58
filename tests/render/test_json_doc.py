from __future__ import annotations

import json
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import Safety
from reconciler.plan.model import Step
from reconciler.plan.model import checksum_of
from reconciler.render.json_doc import render_json
from tests.conftest import REPO_ROOT
from tests.render.fixtures import representative_plan

SCHEMA_PATH = REPO_ROOT / "schemas" / "plan.schema.json"
PACKAGED_SCHEMA_PATH = REPO_ROOT / "reconciler" / "schemas" / "plan.schema.json"


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def small_plan() -> Plan:
    step = Step(Action.SET_STATE, {"status": "archived"}, "id-1")
    change = Change(Kind.ARCHIVE, "old", "Old", "prune", live_id="id-1", steps=(step,))
    safety = Safety(managed=1, destructive=1, max_share=0.3, min_managed=10)
    return Plan("acme", (change,), safety, live_fingerprints={"id-1": "0123456789abcdef"})


EXPECTED_SMALL = """{
  "changes": [
    {
      "blocked": null,
      "drift": false,
      "fields": [],
      "file": null,
      "impact": [],
      "key": "old",
      "kind": "archive",
      "live_id": "id-1",
      "name": "Old",
      "questions": [],
      "reason": "prune",
      "steps": [
        {
          "action": "job-interview-set-state",
          "body": {
            "status": "archived"
          },
          "target_id": "id-1"
        }
      ],
      "warnings": []
    }
  ],
  "checksum": "CHECKSUM",
  "desired_fingerprints": {},
  "format_version": 1,
  "live_fingerprints": {
    "id-1": "0123456789abcdef"
  },
  "namespace": "acme",
  "notes": [],
  "preexisting": [],
  "safety": {
    "destructive": 1,
    "managed": 1,
    "max_share": 0.3,
    "min_managed": 10,
    "refusals": []
  },
  "source": "",
  "summary": {
    "adopt": 0,
    "archive": 1,
    "create": 0,
    "recreate": 0,
    "set_state": 0,
    "update": 0
  }
}
"""


def test_a_small_plan_verbatim_with_its_checksum() -> None:
    rendered = render_json(small_plan())
    document = json.loads(rendered)
    del document["checksum"]
    checksum = checksum_of(document)
    assert checksum.startswith("sha256:")
    assert rendered == EXPECTED_SMALL.replace("CHECKSUM", checksum)


def test_the_representative_plan_validates_and_round_trips() -> None:
    plan = representative_plan()
    document = json.loads(render_json(plan))
    assert document == plan.to_dict()
    assert render_json(plan) == render_json(representative_plan())
    assert [error.message for error in Draft202012Validator(schema()).iter_errors(document)] == []


def test_the_schema_is_valid_2020_12_and_shipped_unchanged_in_the_package() -> None:
    Draft202012Validator.check_schema(schema())
    assert PACKAGED_SCHEMA_PATH.read_bytes() == SCHEMA_PATH.read_bytes()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("changes", 0, "kind"), "delete", "'delete' is not one of"),
        (("changes", 0, "steps", 0, "action"), "job-interview-delete", "is not one of"),
        (("changes", 0, "questions"), [{"op": "added"}], "is a required property"),
        (("changes", 0, "surprise"), 1, "Additional properties are not allowed"),
        (("checksum",), "md5:00", "does not match"),
        (("changes", 0, "kind"), "create", "'id-1' is not of type 'null'"),
        (("summary", "delete"), 1, "Additional properties are not allowed"),
    ],
)
def test_the_schema_rejects_what_is_not_ours(
    path: tuple[Any, ...], value: Any, message: str
) -> None:
    document = json.loads(render_json(small_plan()))
    target = document
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    errors = [error.message for error in Draft202012Validator(schema()).iter_errors(document)]
    assert any(message in error for error in errors), errors


def test_question_indexes_must_fit_the_operation() -> None:
    document = json.loads(render_json(small_plan()))
    document["changes"][0]["questions"] = [
        {
            "op": "added", "key": "q", "text": "Q?", "before_index": 2, "after_index": 0,
            "fields": [], "made_in_app": False,
        }
    ]  # fmt: skip
    errors = [error.message for error in Draft202012Validator(schema()).iter_errors(document)]
    assert errors == ["2 is not of type 'null'"]
