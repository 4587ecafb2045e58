"""The emulator's storage: one JSON document per interview in SQLite.

Beside each document the store keeps its `listing`: only the fields a list answer shows,
so listing thousands of interviews does not decode thousands of full documents (at 1,500
interviews that took the emulator half a second per list call, the benchmarks' client
waiting on it).

A file keeps a demo's interviews across restarts; `None` keeps them in memory (tests).
Every call takes one lock, so the store can be shared by the HTTP server's threads;
callers group a read-modify-write under `store.lock` to make it atomic.
I/O: SQLite only.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC
from datetime import datetime
from datetime import timedelta
from pathlib import Path
from typing import Any
from typing import Final

_SCHEMA = """
CREATE TABLE IF NOT EXISTS interviews (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    seq INTEGER NOT NULL,
    document TEXT NOT NULL,
    listing TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS interviews_by_type ON interviews (type, seq);
CREATE TABLE IF NOT EXISTS positions (
    id TEXT PRIMARY KEY,
    external_id TEXT,
    document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS registrations (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    interview_id TEXT NOT NULL,
    email TEXT NOT NULL,
    emailed INTEGER NOT NULL
);
"""


# The document fields merchant-interview-list answers are made of (records.list_item).
LISTED_FIELDS: Final = (
    "id", "merchant_id", "name", "emoji", "type", "status", "visibility",
    "interview_template_id", "mojito_language_code", "recording", "recording_full_session",
    "cover_image_url", "interview_count", "interview_last", "max_duration", "created_at",
    "updated_at",
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    """One page of a listing (each document cut to LISTED_FIELDS), newest-updated first,
    and the number of matching rows."""

    total: int
    documents: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class Registration:
    """One candidate registration: the email and whether an invitation was emailed."""

    email: str
    emailed: bool


def format_stamp(moment: datetime) -> str:
    """ISO-8601 with milliseconds and `Z`, as the API writes timestamps."""
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class Store:
    """Interview documents keyed by id, ordered by a sequence bumped on every write."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.lock = threading.RLock()
        self._db = sqlite3.connect(
            ":memory:" if path is None else str(path), check_same_thread=False
        )
        if path is not None:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        _add_listings(self._db)
        row = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM interviews").fetchone()
        self._seq: int = row[0]
        self._last_moment = datetime.now(UTC)

    def stamp(self) -> str:
        """Now, strictly later than any stamp given before (so every write moves updated_at)."""
        with self.lock:
            moment = max(datetime.now(UTC), self._last_moment + timedelta(milliseconds=1))
            self._last_moment = moment
        return format_stamp(moment)

    @contextmanager
    def _locked(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            yield self._db

    def get(self, interview_id: str) -> dict[str, Any] | None:
        with self._locked() as db:
            row = db.execute("SELECT document FROM interviews WHERE id = ?", (interview_id,))
            found = row.fetchone()
        return None if found is None else dict(json.loads(found[0]))

    def put(self, document: dict[str, Any]) -> None:
        """Insert or replace a document; it becomes the most recently updated."""
        with self._locked() as db:
            self._seq += 1
            db.execute(
                "INSERT OR REPLACE INTO interviews (id, type, status, seq, document, listing)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    document["id"], document["type"], document["status"], self._seq,
                    _dump(document), _dump(_listing(document)),
                ),
            )  # fmt: skip
            db.commit()

    def replace_quietly(self, document: dict[str, Any]) -> None:
        """Rewrite a document without changing its place in the update order."""
        with self._locked() as db:
            db.execute(
                "UPDATE interviews SET document = ?, listing = ? WHERE id = ?",
                (_dump(document), _dump(_listing(document)), document["id"]),
            )
            db.commit()

    def ids(self) -> tuple[str, ...]:
        with self._locked() as db:
            rows = db.execute("SELECT id FROM interviews ORDER BY seq DESC").fetchall()
        return tuple(row[0] for row in rows)

    def page(self, kind: str, status: str | None, limit: int, offset: int) -> Page:
        """Documents of one type (and status), newest-updated first."""
        where, params = "type = ?", [kind]
        if status is not None:
            where, params = where + " AND status = ?", [*params, status]
        with self._locked() as db:
            total = db.execute(f"SELECT COUNT(*) FROM interviews WHERE {where}", params)
            count = int(total.fetchone()[0])
            rows = db.execute(
                f"SELECT listing FROM interviews WHERE {where} ORDER BY seq DESC LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        return Page(count, tuple(json.loads(row[0]) for row in rows))

    def all_of(self, kind: str, status: str | None) -> tuple[dict[str, Any], ...]:
        """Every listing of a type (and status), newest-updated first (for text filters)."""
        return self.page(kind, status, -1, 0).documents

    # Positions and the candidates registered for interviews ---------------------------

    def get_position(self, position_id: str) -> dict[str, Any] | None:
        with self._locked() as db:
            row = db.execute("SELECT document FROM positions WHERE id = ?", (position_id,))
            found = row.fetchone()
        return None if found is None else dict(json.loads(found[0]))

    def position_with_external_id(self, external_id: str) -> dict[str, Any] | None:
        with self._locked() as db:
            row = db.execute(
                "SELECT document FROM positions WHERE external_id = ? ORDER BY rowid LIMIT 1",
                (external_id,),
            )
            found = row.fetchone()
        return None if found is None else dict(json.loads(found[0]))

    def put_position(self, position: dict[str, Any]) -> None:
        with self._locked() as db:
            db.execute(
                "INSERT OR REPLACE INTO positions (id, external_id, document) VALUES (?, ?, ?)",
                (position["id"], position.get("external_id"), _dump(position)),
            )
            db.commit()

    def add_registration(self, interview_id: str, email: str, *, emailed: bool) -> None:
        with self._locked() as db:
            db.execute(
                "INSERT INTO registrations (interview_id, email, emailed) VALUES (?, ?, ?)",
                (interview_id, email, int(emailed)),
            )
            db.commit()

    def registrations(self, interview_id: str) -> tuple[Registration, ...]:
        """The candidates registered for an interview, oldest first."""
        with self._locked() as db:
            rows = db.execute(
                "SELECT email, emailed FROM registrations WHERE interview_id = ? ORDER BY seq",
                (interview_id,),
            ).fetchall()
        return tuple(Registration(row[0], bool(row[1])) for row in rows)

    def close(self) -> None:
        with self._locked() as db:
            db.close()


def _listing(document: dict[str, Any]) -> dict[str, Any]:
    return {name: document.get(name) for name in LISTED_FIELDS}


def _add_listings(db: sqlite3.Connection) -> None:
    """Fill the listing column of a data file written before it existed."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(interviews)")}
    if "listing" in columns:
        return
    db.execute("ALTER TABLE interviews ADD COLUMN listing TEXT NOT NULL DEFAULT '{}'")
    rows = db.execute("SELECT id, document FROM interviews").fetchall()
    for interview_id, text in rows:
        listing = _dump(_listing(json.loads(text)))
        db.execute("UPDATE interviews SET listing = ? WHERE id = ?", (listing, interview_id))
    db.commit()


def _dump(document: dict[str, Any]) -> str:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)
