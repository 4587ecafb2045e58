"""`plan --refresh-only`: write drift (changes made in JobMojito) back into the spec files.
Never writes to the API.

Only a value that drifted is written: one whose live value differs from the one last
applied (the sync marker) while the spec still holds that one. A value the spec changed
since the last apply is a local edit: it is kept, never written over. `refreshed_text` is
pure (one spec's text, the planned change, the live interview -> new text);
`refresh_specs` reads the account and the files and rewrites the files.
"""

from __future__ import annotations

from collections.abc import Collection
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from reconciler.config import Settings
from reconciler.errors import OperationError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import Progress
from reconciler.plan.discovery import discover
from reconciler.plan.markers import read_markers
from reconciler.plan.model import Change
from reconciler.plan.model import Kind
from reconciler.plan.planner import make_plan
from reconciler.plan.questions import key_live_questions
from reconciler.plan.sync import QUESTIONS
from reconciler.plan.sync import unchanged_parts
from reconciler.plan.targets import make_target
from reconciler.plan.targets import resolve_template
from reconciler.registry import INTERVIEW_BY_SPEC
from reconciler.spec.keys import is_key
from reconciler.spec.loader import load_spec_text
from reconciler.spec.loader import load_specs
from reconciler.spec.model import DesiredInterview
from reconciler.specwrite.edit import remove_entry
from reconciler.specwrite.edit import set_entries
from reconciler.specwrite.gitstate import uncommitted
from reconciler.specwrite.values import live_field_value
from reconciler.specwrite.values import questions_data
from reconciler.specwrite.values import template_value
from reconciler.workflow import plan_settings

try:  # the C loader where PyYAML has it
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

# Changes whose live values can be written back: the interview exists and is compared.
REFRESHABLE = (Kind.UPDATE, Kind.SET_STATE)


@dataclass(frozen=True)
class Refreshed:
    """One rewritten spec file and what was written into it."""

    key: str
    file: str
    fields: tuple[str, ...]  # spec names, "questions" when the list was rewritten


@dataclass(frozen=True)
class Kept:
    """Values of one spec that differ from the live interview but were not written."""

    key: str
    file: str
    fields: tuple[str, ...]  # spec names, "questions" for the list
    known: bool  # True: edited in the spec since the last apply; False: no record to tell


@dataclass(frozen=True)
class RefreshReport:
    rewritten: tuple[Refreshed, ...]
    left_alone: tuple[Change, ...]  # creates, recreates, archives, adoptions: not refreshable
    kept: tuple[Kept, ...] = ()


@dataclass(frozen=True)
class _Rewrite:
    """One refreshable change, split into what is written and what is kept."""

    change: Change
    interview: DesiredInterview
    live: LiveInterview
    write: tuple[str, ...]
    kept: Kept | None


def refresh_specs(
    spec_path: Path,
    client: ApiReader,
    settings: Settings,
    *,
    force: bool = False,
    progress: Progress | None = None,
) -> RefreshReport:
    """Write every drifted value into its spec; keep local edits.

    Refuses (OperationError, nothing written) when a file to rewrite has uncommitted
    changes in git, unless `force`.
    """
    desired = load_specs(spec_path)
    account = discover(client, progress=progress)
    plan = make_plan(desired, account, plan_settings(settings))
    by_key = {interview.key: interview for interview in desired}
    by_id = {live.id: live for live in account.interviews}
    rewrites: list[_Rewrite] = []
    left_alone: list[Change] = []
    for change in plan.changes:
        live = by_id.get(change.live_id or "")
        if change.kind not in REFRESHABLE or live is None:
            left_alone.append(change)
            continue
        interview = by_key[change.key]
        as_applied = _as_last_applied(interview, live, account.templates, settings.namespace)
        rewrites.append(_split(change, interview, live, as_applied))
    writing = [item for item in rewrites if item.write]
    if not force:
        _refuse_uncommitted([Path(item.interview.file) for item in writing])
    texts: list[tuple[Path, str]] = []
    rewritten: list[Refreshed] = []
    for item in writing:  # every new text first: one that cannot be made leaves no file written
        path = Path(item.interview.file)
        text = path.read_text(encoding="utf-8")
        new_text, names = refreshed_text(
            text, item.interview, item.change, item.live, account.templates, item.write
        )
        texts.append((path, new_text))
        rewritten.append(Refreshed(item.change.key, item.interview.file, names))
    for path, new_text in texts:
        path.write_text(new_text, encoding="utf-8")
    kept = tuple(item.kept for item in rewrites if item.kept is not None)
    return RefreshReport(tuple(rewritten), tuple(left_alone), kept)


def _as_last_applied(
    interview: DesiredInterview,
    live: LiveInterview,
    templates: Sequence[Template],
    namespace: str,
) -> frozenset[str] | None:
    """The parts of the spec that hold the value last applied (None: no record tells)."""
    resolved = resolve_template(interview, templates)
    found = read_markers(live.tags)
    if isinstance(resolved, tuple) and found is not None:
        own = make_target(interview, resolved, namespace).markers.sync
        if own is not None:
            return unchanged_parts(found.sync, own)
    return None


def _split(
    change: Change,
    interview: DesiredInterview,
    live: LiveInterview,
    as_applied: frozenset[str] | None,
) -> _Rewrite:
    differing = [field.field for field in change.fields]
    if change.questions and interview.questions is not None:
        differing.append(QUESTIONS)
    # The spec differs from the live interview: where it still holds the value last
    # applied, the live one moved (drift); elsewhere the spec was edited since.
    write = tuple(name for name in differing if as_applied is not None and name in as_applied)
    rest = tuple(_spec_name(name, interview) for name in differing if name not in write)
    kept = Kept(change.key, interview.file, rest, as_applied is not None) if rest else None
    return _Rewrite(change, interview, live, write, kept)


def _spec_name(name: str, interview: DesiredInterview) -> str:
    """The entry the spec file holds for a compared field: a template by name or by id."""
    if name == "interview_template_id" and interview.template is not None:
        return "template"
    return name


def _refuse_uncommitted(paths: Sequence[Path]) -> None:
    dirty = uncommitted(paths)
    if dirty:
        files = ", ".join(str(path) for path in dirty)
        raise OperationError(
            f"{files}: uncommitted changes in git; commit or stash them first (a refresh "
            "must leave a reviewable diff), or pass --force to rewrite the file anyway"
        )


def refreshed_text(
    text: str,
    interview: DesiredInterview,
    change: Change,
    live: LiveInterview,
    templates: Sequence[Template],
    write: Collection[str] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """The spec text with the changed fields (and questions) set to their live values:
    those named in `write` (part names, QUESTIONS for the questions), or all."""
    values: dict[str, Any] = {}
    for field_change in change.fields:
        if write is None or field_change.field in write:
            values.update(_live_entry(field_change.field, interview, live, templates))
    wanted = write is None or QUESTIONS in write
    if change.questions and interview.questions is not None and wanted:
        values["questions"] = _as_laid_out(_live_questions(interview, live), interview, text)
    new_text = set_entries(text, interview.file, values)
    if "interview_template_id" in values and interview.template is not None:
        new_text = remove_entry(new_text, interview.file, "template")
    load_spec_text(new_text, interview.file)  # never leave a file that does not load
    return new_text, tuple(values)


def _live_entry(
    name: str, interview: DesiredInterview, live: LiveInterview, templates: Sequence[Template]
) -> dict[str, Any]:
    value = live_field_value(INTERVIEW_BY_SPEC[name], live.definition)
    if name != "interview_template_id":
        return {name: value}
    spec_name, template = template_value(value, templates)
    if interview.template is None:
        return {"interview_template_id": value}
    return {spec_name: template}


def _live_questions(interview: DesiredInterview, live: LiveInterview) -> list[dict[str, Any]]:
    items = [item for item in live.definition.get("questions") or () if isinstance(item, Mapping)]
    keyed = key_live_questions(items, interview.questions or ())
    known = {str(q.item.get("id")): q.key for q in keyed if is_key(q.key)}
    return questions_data(items, known)


def _as_laid_out(
    entries: list[dict[str, Any]], interview: DesiredInterview, text: str
) -> list[dict[str, Any]]:
    """Each question the file had, with its entries in the file's order (`follows:` above
    the text, say, where the user put it); new entries, and new questions, in the usual
    order after them."""
    items = yaml.load(text, Loader=SafeLoader).get("questions") or ()
    layout = {
        question.key: list(item)
        for question, item in zip(interview.questions or (), items, strict=False)
        if isinstance(item, dict)
    }
    laid_out = []
    for entry in entries:
        order = layout.get(str(entry.get("key")), [])
        first = [name for name in order if name in entry]
        laid_out.append({name: entry[name] for name in [*first, *entry] if name in entry})
    return laid_out
