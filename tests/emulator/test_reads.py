"""Reads: job-interview-get's shape, list pagination and filters, templates, languages,
the bearer token, the request log and persistence across restarts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from reconciler.emulator import Emulator
from reconciler.emulator.records import GET_KEYS
from tests.emulator import samples
from tests.emulator.conftest import BASE_URL


def _create(client: httpx.Client, **overrides: Any) -> str:
    answer = client.post("/job-interview-create", json=samples.create_body(**overrides)).json()
    interview_id: str = answer["interview_def_set_id"]
    return interview_id


def test_get_returns_every_documented_key_without_the_id(client: httpx.Client) -> None:
    interview_id = _create(client, location="Berlin", description_long="# Long")

    definition = client.get("/job-interview-get", params={"position_id": interview_id}).json()

    assert tuple(definition) == GET_KEYS
    assert interview_id not in {value for value in definition.values() if isinstance(value, str)}
    assert definition["interview_location"] == "Berlin"
    assert definition["interview_description_long"] == "# Long"
    assert (definition["interview_template_type"], definition["is_voice_only"]) == (
        "interactive_heygen",
        False,
    )
    assert definition["speech_language_code"] == "en-US"
    assert definition["recording"] is None


def test_list_is_newest_updated_first_and_paginated(client: httpx.Client) -> None:
    ids = [_create(client, name=f"Role {index}") for index in range(5)]
    client.post("/job-interview-update", json={"position_id": ids[0], "tags": ["touched"]})

    first = client.get("/merchant-interview-list", params={"limit": 2}).json()
    last = client.get("/merchant-interview-list", params={"limit": 2, "offset": 4}).json()

    assert [item["id"] for item in first["data"]] == [ids[0], ids[4]]
    assert first["pagination"] == {"total": 5, "limit": 2, "offset": 0, "has_more": True}
    assert [item["id"] for item in last["data"]] == [ids[1]]
    assert last["pagination"]["has_more"] is False


def test_list_filters_by_type_status_and_text(client: httpx.Client) -> None:
    _create(client, name="Barista")
    coaching = _create(client, name="Coach me", type="coaching", status="active")

    default = client.get("/merchant-interview-list").json()["data"]
    found = client.get(
        "/merchant-interview-list",
        params={"type": "coaching", "status": "active", "filter_text": "COACH"},
    ).json()["data"]

    assert [item["name"] for item in default] == ["Barista"]
    assert [item["id"] for item in found] == [coaching]


def test_list_items_show_seeded_results(emulator: Emulator, client: httpx.Client) -> None:
    interview_id = _create(client)
    emulator.seed_results(interview_id, 12, "2025-03-01T10:00:00.000Z")

    item = client.get("/merchant-interview-list").json()["data"][0]

    assert (item["interview_count"], item["interview_last"]) == (12, "2025-03-01T10:00:00.000Z")


@pytest.mark.parametrize("limit", ["0", "1001"])
def test_list_limit_is_one_to_a_thousand(client: httpx.Client, limit: str) -> None:
    response = client.get("/merchant-interview-list", params={"limit": limit})

    assert response.status_code == 422
    assert response.json()["name"] == "limit"


def test_avatar_list_has_the_seeded_templates(client: httpx.Client) -> None:
    everything = client.get("/merchant-avatar-list").json()
    voices = client.get("/merchant-avatar-list", params={"type": "interactive_elevenlabs"}).json()
    german = client.get("/merchant-avatar-list", params={"filter_text": "german"}).json()

    assert [item["name"] for item in everything["data"]][:3] == ["Ava", "Marcus", "Clara"]
    assert everything["pagination"]["total"] == 9
    assert [item["name"] for item in voices["data"]] == ["Emma (voice)", "Lucas (voice)"]
    assert [item["name"] for item in german["data"]] == ["Clara"]


def test_languages_list_has_thirty_four_languages(client: httpx.Client) -> None:
    languages = client.get("/platform-languages-list").json()["languages"]

    assert len(languages) == 34
    english = next(language for language in languages if language["code"] == "en")
    assert english["flag_emoji"] == "\U0001f1ec\U0001f1e7"
    assert english["accents"][0] == {"code": "en-US", "name": "English (US)"}


@pytest.mark.parametrize("header", [None, "Bearer ", "Basic abc", "Bearer wrong"])
def test_requests_need_the_bearer_token(header: str | None) -> None:
    emulator = Emulator(token="right")
    headers = {} if header is None else {"Authorization": header}
    with httpx.Client(transport=emulator.transport(), base_url=BASE_URL) as http:
        response = http.get("/merchant-avatar-list", headers=headers)

    assert response.status_code == 401
    assert response.json() == {"error": "missing or invalid bearer token"}


def test_request_log_never_holds_the_token(emulator: Emulator, client: httpx.Client) -> None:
    client.get("/merchant-avatar-list", params={"limit": "3"})

    entry = emulator.requests[-1]
    assert (entry.method, entry.path, entry.query, entry.status) == (
        "GET",
        "/merchant-avatar-list",
        {"limit": "3"},
        200,
    )
    assert "test-token" not in repr(emulator.requests) + repr(emulator)


def test_unknown_path_and_wrong_method(client: httpx.Client) -> None:
    missing = client.get("/job-interview-delete")
    wrong = client.get("/job-interview-update")

    assert (missing.status_code, missing.json()) == (
        404,
        {"error": "no endpoint /job-interview-delete"},
    )
    assert (wrong.status_code, wrong.json()) == (
        405,
        {"error": "/job-interview-update takes POST, not GET"},
    )


def test_interviews_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "emulator.sqlite3"
    first = Emulator(path)
    with httpx.Client(transport=first.transport(), base_url=BASE_URL) as http:
        http.headers["Authorization"] = "Bearer t"
        interview_id = _create(http)
    first.close()

    second = Emulator(path)

    assert second.interview_ids() == (interview_id,)
    assert second.raw_definition(interview_id)["name"] == "Barista"
