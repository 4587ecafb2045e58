"""job-interview-set-state takes every status the OpenAPI spec lists, busy ones included:
the tests of busy interviews put interviews into them the way the app would."""

from __future__ import annotations

from typing import Any

import httpx

from tests.emulator.samples import from_array_body


def test_every_documented_status_can_be_set(
    client: httpx.Client, openapi_spec: dict[str, Any]
) -> None:
    schema = openapi_spec["components"]["schemas"]["JobInterviewSetStateRequest"]
    statuses = schema["properties"]["status"]["enum"]
    assert {"preparing", "completed"} <= set(statuses)
    made = client.post("/job-interview-create-from-array", json=from_array_body())
    live_id = made.json()["interview_def_set_id"]
    for status in statuses:
        answer = client.post(
            "/job-interview-set-state", json={"position_id": live_id, "status": status}
        )
        assert answer.status_code == 200, (status, answer.text)
        read = client.get("/job-interview-get", params={"position_id": live_id})
        assert read.json()["status"] == status
