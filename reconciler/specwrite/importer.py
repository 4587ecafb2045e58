"""`import`: read live interviews, choose file names, write one spec file per interview.

`fetch_for_import` does the API reads; `plan_imports` is pure (which interviews, which
keys, which texts); `write_imports` writes files and never overwrites one unless asked;
`write_schema` puts the spec schema where the files' `$schema` comments point, once.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from typing import Protocol

from reconciler.errors import ApiError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.discovery import Progress
from reconciler.plan.markers import Markers
from reconciler.plan.markers import is_retired
from reconciler.plan.markers import read_markers
from reconciler.plan.planner import LiveAccount
from reconciler.registry import TYPES
from reconciler.spec.keys import slug
from reconciler.spec.schema import KEY_MAX_LENGTH
from reconciler.spec.schema import SCHEMA_NAME
from reconciler.spec.schema import render_schema
from reconciler.specwrite import DEFAULT_SCHEMA_REF
from reconciler.specwrite import write_spec


class ImportReader(Protocol):
    """The part of the API client `import` needs (JobMojitoClient provides it)."""

    def list_interviews(
        self,
        *,
        type: str,
        status: str | None = None,
        page_size: int = 1000,
        filter_text: str | None = None,
    ) -> list[dict[str, Any]]: ...

    def get_interviews(
        self, position_ids: Sequence[str]
    ) -> Iterator[tuple[int, dict[str, Any] | ApiError]]: ...

    def list_templates(self, *, include_public: bool = True) -> list[Template]: ...


@dataclass(frozen=True)
class ImportFilter:
    """Which live interviews to import; these map to merchant-interview-list filters."""

    types: tuple[str, ...] = TYPES
    statuses: tuple[str, ...] = ()  # none: every status but deleted
    text: str | None = None


@dataclass(frozen=True)
class ImportedSpec:
    """One spec file to write: its key (the file name), the live interview, the text."""

    key: str
    live_id: str
    name: str
    text: str


@dataclass(frozen=True)
class ImportSelection:
    specs: tuple[ImportedSpec, ...]
    skipped_managed: tuple[str, ...]  # live ids left out because they are managed
    skipped_archived: tuple[str, ...] = ()  # live ids left out because they are archived


@dataclass(frozen=True)
class WriteOutcome:
    spec: ImportedSpec
    path: Path
    written: bool  # False: the file existed and --overwrite was not given


def fetch_for_import(
    client: ImportReader, wanted: ImportFilter, progress: Progress | None = None
) -> LiveAccount:
    """The listed interviews matching `wanted`, each with its definition, and the templates;
    `progress` hears of the reads, as discovery's does."""
    statuses: Sequence[str | None] = wanted.statuses or (None,)
    items: dict[str, dict[str, Any]] = {}
    for kind, status in itertools.product(wanted.types, statuses):
        for item in client.list_interviews(type=kind, status=status, filter_text=wanted.text):
            if item.get("status") != "deleted":
                items.setdefault(str(item["id"]), item)
    listed = list(items.values())
    read: dict[int, dict[str, Any] | ApiError] = {}
    for index, definition in client.get_interviews([str(item["id"]) for item in listed]):
        read[index] = definition
        if progress is not None:
            progress("read", len(read), len(listed))
    interviews = []
    for index, item in enumerate(listed):
        definition = read[index]
        if isinstance(definition, ApiError):
            raise definition  # the first failure in the listed order
        interviews.append(LiveInterview(str(item["id"]), item, definition))
    return LiveAccount(tuple(interviews), tuple(client.list_templates()))


def plan_imports(
    account: LiveAccount,
    namespace: str,
    *,
    adopt: bool = False,
    include_managed: bool = False,
    include_archived: bool = False,
    schema_ref: str = DEFAULT_SCHEMA_REF,
) -> ImportSelection:
    """The spec files for `account`'s interviews, oldest first so that keys stay stable.

    Interviews carrying a marker are left out unless `include_managed`; those of
    `namespace` then keep their marker's key. Archived interviews are left out unless
    `include_archived`: importing them would bring retired interviews back under
    management. `adopt` adds `import_id` to unmarked ones.
    """
    chosen: list[tuple[LiveInterview, Markers | None]] = []
    skipped: list[str] = []
    archived: list[str] = []
    for live in sorted(account.interviews, key=_created_at):
        markers = read_markers(live.tags)
        if (markers is not None or is_retired(live.tags)) and not include_managed:
            skipped.append(live.id)
        elif live.status == "archived" and not include_archived:
            archived.append(live.id)
        else:
            chosen.append((live, markers if _ours(markers, namespace) else None))
    taken = {markers.key for _, markers in chosen if markers is not None}
    specs = []
    for live, markers in chosen:
        key = markers.key if markers is not None else _new_key(live, taken)
        import_id = live.id if adopt and read_markers(live.tags) is None else None
        text = write_spec(live.definition, account.templates, import_id=import_id,
                          schema_ref=schema_ref)  # fmt: skip
        specs.append(ImportedSpec(key, live.id, str(live.definition.get("name") or ""), text))
    return ImportSelection(tuple(specs), tuple(skipped), tuple(archived))


def schema_location(folder: Path) -> Path:
    """Where the spec schema belongs for specs written into `folder`:
    `<repository root>/schemas/`, or `./schemas/` outside a git repository."""
    here = folder.resolve()
    for candidate in (here, *here.parents):
        if (candidate / ".git").exists():
            return candidate / "schemas" / SCHEMA_NAME
    return Path.cwd().resolve() / "schemas" / SCHEMA_NAME


def schema_ref(folder: Path, schema: Path) -> str:
    """The `$schema` reference of a spec file in `folder`: the path from there to `schema`."""
    return Path(os.path.relpath(schema, folder.resolve())).as_posix()


def write_schema(schema: Path) -> bool:
    """Write the spec schema at `schema` unless a file is there (it is never replaced:
    the repository may pin another version); True when written."""
    if schema.exists():
        return False
    schema.parent.mkdir(parents=True, exist_ok=True)
    schema.write_text(render_schema(), encoding="utf-8")
    return True


def write_imports(
    specs: Sequence[ImportedSpec], folder: Path, *, overwrite: bool = False
) -> list[WriteOutcome]:
    """Write `<folder>/<key>.yaml` per spec; an existing file is kept unless `overwrite`."""
    folder.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for spec in specs:
        path = folder / f"{spec.key}.yaml"
        written = overwrite or not path.exists()
        if written:
            path.write_text(spec.text, encoding="utf-8")
        outcomes.append(WriteOutcome(spec, path, written))
    return outcomes


def _ours(markers: Markers | None, namespace: str) -> bool:
    return markers is not None and markers.namespace == namespace


def _created_at(live: LiveInterview) -> tuple[str, str]:
    return str(live.definition.get("created_at") or ""), live.id


def _new_key(live: LiveInterview, taken: set[str]) -> str:
    """The slug of the interview's name, with -2, -3... when another file has it."""
    base = slug(str(live.definition.get("name") or ""), max_words=None) or "interview"
    key = base
    for number in itertools.count(2):
        if key not in taken:
            break
        suffix = f"-{number}"
        key = base[: KEY_MAX_LENGTH - len(suffix)].rstrip("-") + suffix
    taken.add(key)
    return key
