"""Stage 1, fetch: read the live account (I/O through the client, nothing else).

Discovery lists every writable interview type (all pages, all statuses), then reads each
interview with job-interview-get, concurrently, because only the definition carries the
tags in which our markers live (list items do not document tags).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from collections.abc import Mapping
from collections.abc import Sequence
from sys import intern
from typing import Any
from typing import Final
from typing import Protocol
from typing import TypeVar

from reconciler.api.client import decode_object
from reconciler.errors import ApiError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.markers import may_hold_identity
from reconciler.plan.markers import read_markers
from reconciler.plan.planner import LiveAccount
from reconciler.registry import TYPES
from reconciler.spec.model import DesiredInterview

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[str, int, int], None]
"""Called as progress(phase, done, total) while discovery runs."""


class Listener(Protocol):
    """Told what discovery finds as it finds it (in the thread that called discover), so
    that work on it can start before the whole account is read."""

    def templates_found(self, templates: tuple[Template, ...]) -> None: ...

    def interview_found(self, live: LiveInterview) -> None: ...


class ApiReader(Protocol):
    """The part of the API client discovery needs (JobMojitoClient provides it)."""

    def list_interviews(
        self, *, type: str, status: str | None = None, page_size: int = 1000
    ) -> list[dict[str, Any]]: ...

    def get_interviews(
        self,
        position_ids: Sequence[str],
        *,
        idle: Callable[[], bool] | None = None,
        defer: Callable[[bytes], bool],
    ) -> Iterator[tuple[int, dict[str, Any] | bytes | ApiError]]: ...

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
    listener: Listener | None = None,
    idle: Callable[[], bool] | None = None,
) -> LiveAccount:
    """Every live interview of the account with its definition, and the templates.

    With `ids` or `names`, only the listed interviews with those ids or names are read.
    Interviews that vanish between the list and the read (404) are left out. A `listener`
    hears of the templates and of each interview as soon as they are read; the account
    returned holds the very same objects. While the reads wait on the network, `idle()`
    may be called (in this thread) to do a slice of other work; it returns False when it
    has none left.
    """
    report = progress or _silent
    report("list", 0, len(TYPES))

    def list_all(kind: str | None) -> list[Any]:
        return client.list_templates() if kind is None else client.list_interviews(type=kind)

    listed = _settled(
        _while_idle(lambda: client.map_parallel_settled(list_all, [*TYPES, None]), idle)
    )
    pages, templates = listed[:-1], tuple(listed[-1])
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
    if listener is not None:
        listener.templates_found(templates)
    lives = _read_definitions(client, items, report, listener, idle)
    return LiveAccount(
        interviews=tuple(live for live in lives if live is not None), templates=templates
    )


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
    listener: Listener | None,
    idle: Callable[[], bool] | None,
) -> list[LiveInterview | None]:
    """Each item's live interview, in the items' order; None for one that vanished (404).
    The first failure (in the items' order) is raised once every answer is in."""
    ids = [str(item["id"]) for item in items]
    outcomes: list[LiveInterview | ApiError | None] = [None] * len(items)
    answers = client.get_interviews(ids, idle=idle, defer=_unmarked)
    for done, (index, definition) in enumerate(answers, 1):
        report("read", done, len(items))
        if isinstance(definition, ApiError):
            outcomes[index] = None if definition.status == 404 else definition
            continue
        summary = _summary(items[index])
        if isinstance(definition, bytes):
            live = LiveInterview.undecoded(ids[index], summary, definition, _decode_definition)
        else:
            live = LiveInterview(ids[index], summary, _shared_keys(definition))
        if listener is not None:
            listener.interview_found(live)
        outcomes[index] = live
    return _settled(outcomes)


# What later stages read of a list item (live.py, plan/impact.py): keeping only these
# instead of the whole item saved 9 MiB at 5,500 interviews.
SUMMARY_FIELDS: Final = (
    "id", "name", "type", "status", "updated_at", "interview_count", "interview_last"
)  # fmt: skip


def _summary(item: Mapping[str, Any]) -> dict[str, Any]:
    return {name: item[name] for name in SUMMARY_FIELDS if name in item}


def _unmarked(body: bytes) -> bool:
    """Whether a definition's JSON certainly carries no identity marker: a plan never
    reads those, so they are kept undecoded (LiveInterview.undecoded)."""
    return not may_hold_identity(body)


def _decode_definition(body: bytes) -> dict[str, Any]:
    return _shared_keys(decode_object(body, "job-interview-get"))


def _shared_keys(definition: dict[str, Any]) -> dict[str, Any]:
    """The definition with its keys (and its questions' keys) interned.

    JSON decoding makes fresh key strings for every answer: with thousands of definitions
    held at once, a sixth of their memory was copies of the same few dozen names (22 MiB
    at 5,500 interviews, for about 0.05 ms of CPU per read)."""
    shared = {intern(name): value for name, value in definition.items()}
    questions = shared.get("questions")
    if isinstance(questions, list):
        shared["questions"] = [
            {intern(name): value for name, value in question.items()}
            if isinstance(question, dict)
            else question
            for question in questions
        ]
    return shared


def _while_idle(work: Callable[[], R], idle: Callable[[], bool] | None) -> R:
    """work() on another thread while this one calls idle() until either is done.

    The lists are a few requests whose answers take a round trip or two: time the specs
    can use. Between idle slices, sleep(0) hands the GIL to the list threads at once
    rather than after the interpreter's 5 ms switch interval."""
    if idle is None:
        return work()
    outcome: list[R] = []
    thread = threading.Thread(target=lambda: outcome.append(work()), name="list", daemon=True)
    thread.start()
    # Whatever idle() raises (a spec problem, Ctrl-C) leaves at once; the thread is a
    # daemon whose few reads end on their own.
    while thread.is_alive() and idle():
        time.sleep(0)
    thread.join()
    if not outcome:
        raise RuntimeError("listing the account failed outside the client (see the log)")
    return outcome[0]


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
