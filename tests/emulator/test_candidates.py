"""Candidates per interview: list items count every candidate enrolled and every result."""

from __future__ import annotations

from typing import Any

import httpx

from reconciler.emulator import Emulator
from tests.emulator import samples


def _listed(client: httpx.Client, interview_id: str) -> dict[str, Any]:
    items = client.get("/merchant-interview-list", params={"limit": 1000}).json()["data"]
    item: dict[str, Any] = next(item for item in items if item["id"] == interview_id)
    return item


def test_a_new_interview_has_no_candidates(client: httpx.Client) -> None:
    answer = client.post("/job-interview-create", json=samples.create_body()).json()

    item = _listed(client, answer["interview_def_set_id"])

    assert (item["interview_count"], item["interview_last"]) == (0, None)


def test_every_candidate_enrolled_is_counted_without_editing_the_interview(
    client: httpx.Client,
) -> None:
    path = "/job-interview-create-for-candidate-with-token"
    answer = client.post(path, json=samples.candidate_body()).json()
    interview_id, position_id = answer["interview_def_set_id"], answer["position_def_set_id"]
    read = {"position_id": interview_id}
    before = client.get("/job-interview-get", params=read).json()

    once = _listed(client, interview_id)
    client.post(path, json=samples.candidate_body(position_def_set_id=position_id))
    twice = _listed(client, interview_id)
    client.post("/job-interview-register-users", json=samples.register_users_body(interview_id))
    thrice = _listed(client, interview_id)

    counts = [item["interview_count"] for item in (once, twice, thrice)]
    assert counts == [1, 2, 3]
    assert once["interview_last"] < twice["interview_last"] < thrice["interview_last"]
    assert client.get("/job-interview-get", params=read).json() == before


def test_results_add_to_the_count(emulator: Emulator, client: httpx.Client) -> None:
    answer = client.post("/job-interview-create", json=samples.create_body()).json()
    interview_id = answer["interview_def_set_id"]

    emulator.seed_results(interview_id, 3, "2026-11-20T10:00:00.000Z")
    emulator.seed_results(interview_id, 2, "2026-11-21T10:00:00.000Z")

    item = _listed(client, interview_id)
    assert (item["interview_count"], item["interview_last"]) == (5, "2026-11-21T10:00:00.000Z")
