"""Every request the reconciler sends, over a round trip with every change kind, matches
the real JobMojito OpenAPI request schema of its operation (read at run time)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.workflow import plan_from_specs
from tests.apply.conftest import EXAMPLES
from tests.openapi_contract import validate_query
from tests.openapi_contract import validate_request_body


def _apply(folder: Path, client: JobMojitoClient, settings: Settings) -> None:
    assert apply_plan(plan_from_specs(folder, client, settings), client).ok


def test_every_request_sent_matches_the_spec(
    tmp_path: Path,
    client: JobMojitoClient,
    settings: Settings,
    emulator: Emulator,
    openapi_spec: dict[str, Any],
) -> None:
    folder = tmp_path / "interviews"
    shutil.copytree(EXAMPLES, folder)
    _apply(folder, client, settings)  # creates: from-array and generate
    support = folder / "customer-support-specialist.yaml"
    text = support.read_text(encoding="utf-8").replace("duration: 90", "duration: 75")
    text = text.replace("status: active", "status: draft", 1)
    support.write_text(text, encoding="utf-8")  # update with questions, then set-state
    german = folder / "vertriebsmitarbeiter-innendienst.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("mojito_language_code: de",
                      "mojito_language_code: en"), encoding="utf-8")  # fmt: skip
    (folder / "sql-skills-assessment.yaml").unlink()  # archive
    _apply(folder, client, settings)
    sent = [request for request in emulator.requests if request.status is not None]
    paths = {request.path for request in sent}
    assert {
        "/job-interview-create",
        "/job-interview-create-from-array",
        "/job-interview-update",
        "/job-interview-set-state",
        "/job-interview-get",
        "/merchant-interview-list",
        "/merchant-avatar-list",
    } <= paths
    creates = [r for r in sent if r.path == "/job-interview-create-from-array"]
    assert len(creates) == 5  # four own-question specs, then the recreate of the German one
    for request in sent:
        if request.method == "GET":
            validate_query(openapi_spec, request.path, "get", request.query)
        else:
            validate_request_body(openapi_spec, request.path, "post", request.body)
