from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import httpx

from reconciler.emulator import Emulator
from reconciler.emulator.records import list_item
from reconciler.emulator.store import LISTED_FIELDS
from reconciler.emulator.store import Store
from tests.emulator.samples import from_array_body


def _created(client: httpx.Client) -> str:
    answer = client.post("/job-interview-create-from-array", json=from_array_body())
    assert answer.status_code == 200, answer.text
    return str(answer.json()["interview_def_set_id"])


def test_a_listing_holds_every_field_a_list_item_is_made_of(
    emulator: Emulator, client: httpx.Client
) -> None:
    document = emulator.raw_definition(_created(client))

    listing = {name: document.get(name) for name in LISTED_FIELDS}

    assert list_item(listing) == list_item(document)


def test_a_data_file_written_before_listings_existed_gets_them(tmp_path: Path) -> None:
    data = tmp_path / "account.db"
    with sqlite3.connect(data) as db:
        db.execute(
            "CREATE TABLE interviews (id TEXT PRIMARY KEY, type TEXT NOT NULL,"
            " status TEXT NOT NULL, seq INTEGER NOT NULL, document TEXT NOT NULL)"
        )
        document = {"id": "a1", "type": "interview", "status": "active", "name": "Old"}
        db.execute(
            "INSERT INTO interviews VALUES (?, ?, ?, ?, ?)",
            ("a1", "interview", "active", 1, json.dumps(document)),
        )
    db.close()

    store = Store(data)
    page = store.page("interview", None, 10, 0)
    store.close()

    assert page.total == 1
    assert page.documents[0]["name"] == "Old"
    assert set(page.documents[0]) == set(LISTED_FIELDS)
