"""Stage 1, fetch: read the live account (I/O through the client, nothing else).

Discovery lists every writable interview type (all pages, all statuses), then reads each
interview with job-interview-get, concurrently, because only the definition carries the
tags in which our markers live (list items do not document tags).
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import Final
from typing import Protocol
from typing import TypeVar

from reconciler.errors import ApiError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.markers import read_markers
from reconciler.plan.planner import LiveAccount
from reconciler.registry import TYPES
from reconciler.spec.model import DesiredInterview

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[str, int, int], None]
"""Called as progress(phase, done, total) while discovery runs."""


class ApiReader(Protocol):
    """The part of the API client discovery needs (JobMojitoClient provides it)."""

    def list_interviews(
        self, *, type: str, status: str | None = None, page_size: int = 1000
    ) -> list[dict[str, Any]]: ...

    def get_interviews(
        self, position_ids: Sequence[str]
    ) -> Iterator[tuple[int, dict[str, Any] | ApiError]]: ...

    def list_templates(self, *, include_public: bool = True) -> list[Template]: ...

    def map_parallel_settled(
        self, fn: Callable[[T], R], items: Iterable[T]
    ) -> list[R | BaseException]: ...


def discover(
    client: ApiReader,
    *,
    ids: Iterable[str] | None = None,
    names: Iterable[str] | None = None,
    progress: Progress | None = None,
    templates: bool = True,
    arrived: Callable[[LiveInterview], None] | None = None,
) -> LiveAccount:
    """Every live interview of the account with its definition, and the templates
    (none without `templates`: the caller lists them when a spec names one).
    `arrived` is given each live interview as its definition arrives, so that the caller
    can work on it while the others are read.

    With `ids` or `names`, only the listed interviews with those ids or names are read.
    Interviews that vanish between the list and the read (404) are left out. The lists
    and the reads each run on the client's threads.
    """
    report = progress or _silent
    report("list", 0, len(TYPES))

    def list_all(kind: str | None) -> list[Any]:
        return client.list_templates() if kind is None else client.list_interviews(type=kind)

    kinds: list[str | None] = [*TYPES, None] if templates else [*TYPES]
    listed = _settled(client.map_parallel_settled(list_all, kinds))
    pages = listed[: len(TYPES)]
    found_templates = tuple(listed[-1]) if templates else ()
    items = _unique(item for page in pages for item in page)
    report("list", len(TYPES), len(TYPES))
    wanted_ids = set(ids) if ids is not None else None
    wanted_names = set(names) if names is not None else None
    items = [
        item
        for item in items
        if item.get("status") != "deleted"
        and (wanted_ids is None or str(item["id"]) in wanted_ids)
        and (wanted_names is None or item.get("name") in wanted_names)
    ]
    lives = _read_definitions(client, items, report, arrived or _ignored)
    return LiveAccount(
        interviews=tuple(live for live in lives if live is not None), templates=found_templates
    )


def names_a_template(interviews: Sequence[DesiredInterview]) -> bool:
    """True when a spec names its template (by name or id): only then are templates read."""
    return any(i.template is not None or "interview_template_id" in i.values for i in interviews)


def discover_keys(
    client: ApiReader, interviews: Sequence[DesiredInterview], namespace: str
) -> LiveAccount:
    """Enough of the account to find these specs' live interviews, cheaply.

    Commands about a few keys (show, pull, invite) first read only the listed interviews
    named like the specs; when a key has no current interview among them (renamed in the
    app, say), they read the whole account as `plan` does.
    """
    names = {str(interview.values.get("name", "")) for interview in interviews}
    narrow = discover(client, names=names)
    found = {
        markers.key
        for live in narrow.interviews
        if live.status != "archived"
        and (markers := read_markers(live.tags)) is not None
        and markers.namespace == namespace
    }
    if all(interview.key in found for interview in interviews):
        return narrow
    return discover(client)


def _read_definitions(
    client: ApiReader,
    items: Sequence[Mapping[str, Any]],
    report: Progress,
    arrived: Callable[[LiveInterview], None],
) -> list[LiveInterview | None]:
    """Each item's live interview, in the items' order; None for one that vanished (404).
    The first failure (in the items' order) is raised once every answer is in."""
    ids = [str(item["id"]) for item in items]
    outcomes: list[LiveInterview | ApiError | None] = [None] * len(items)
    for done, (index, definition) in enumerate(client.get_interviews(ids), 1):
        report("read", done, len(items))
        if isinstance(definition, ApiError):
            outcomes[index] = None if definition.status == 404 else definition
        else:
            live = LiveInterview(ids[index], _summary(items[index]), _without_nulls(definition))
            outcomes[index] = live
            arrived(live)
    return _settled(outcomes)


# What later stages read of a list item (live.py, plan/impact.py): keeping only these
# instead of the whole item saved 9 MiB at 5,500 interviews.
SUMMARY_FIELDS: Final = (
    "id", "name", "type", "status", "updated_at", "interview_count", "interview_last"
)  # fmt: skip


def _without_nulls(definition: Mapping[str, Any]) -> dict[str, Any]:
    """The definition without the null values in it and in its questions.

    The API writes an absent value as null (a question carries sixteen keys, six of them
    usually null) and every reader takes a missing key and a null alike (`.get`); a plan
    keeps every definition of the account until it is made, and the nulls were a fifth of
    a plan's memory at 5,000 interviews."""
    kept = {name: value for name, value in definition.items() if value is not None}
    questions = kept.get("questions")
    if isinstance(questions, list):
        kept["questions"] = [
            {name: value for name, value in question.items() if value is not None}
            if isinstance(question, dict)
            else question
            for question in questions
        ]
    return kept


def _summary(item: Mapping[str, Any]) -> dict[str, Any]:
    return {name: item[name] for name in SUMMARY_FIELDS if name in item}


def _settled(results: Sequence[R | BaseException]) -> list[R]:
    """The results, or the first failure raised once every call has finished."""
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return [result for result in results if not isinstance(result, BaseException)]


def _unique(items: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for item in items:
        seen.setdefault(str(item["id"]), item)
    return list(seen.values())


def _silent(phase: str, done: int, total: int) -> None:
    return None


def _ignored(live: LiveInterview) -> None:
    return None
