"""`plan --base REF`: which changes the change under review makes, and which were pending.

Two plans against one reading of the account: the specs at REF (`plan_base`) and the specs
in the working tree (`plan_head`). A key whose changes in `plan_head` are identical to its
changes in `plan_base` (same kind, key, fields, questions and steps) is "preexisting":
drift in the account, or an earlier merge not applied yet. Everything else is made by the
change under review. Library code: reads git and the API, returns values, raises
ReconcilerErrors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from reconciler.config import Settings
from reconciler.errors import InvalidSpecError
from reconciler.errors import Problem
from reconciler.history.git import Repository
from reconciler.history.git import check_commit
from reconciler.history.git import file_at
from reconciler.history.git import open_repository
from reconciler.history.tree import spec_files_at
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import Progress
from reconciler.plan.discovery import discover
from reconciler.plan.model import Change
from reconciler.plan.model import Plan
from reconciler.plan.model import canonical_json
from reconciler.plan.planner import make_plan
from reconciler.spec.files import OUTSIDE
from reconciler.spec.files import OUTSIDE_HINT
from reconciler.spec.loader import load_spec_text
from reconciler.spec.loader import load_specs
from reconciler.spec.model import DesiredInterview
from reconciler.workflow import plan_settings

FETCH_HINT = "fetch it first (in GitHub Actions: actions/checkout with fetch-depth: 0)"
_LOOP = "symlink loop: this link leads back to itself or to a folder above it"


def plan_against_base(
    spec_path: Path,
    base_ref: str,
    client: ApiReader,
    settings: Settings,
    *,
    progress: Progress | None = None,
) -> Plan:
    """The working tree's plan, with the keys whose changes were pending at `base_ref` marked.

    Offline checks come first: the working-tree specs, the revision, the specs at it.
    """
    desired = load_specs(spec_path)
    base_desired = load_specs_at(open_repository(spec_path), base_ref)
    account = discover(client, progress=progress)
    head = make_plan(desired, account, plan_settings(settings))
    base = make_plan(base_desired, account, replace(plan_settings(settings), check_templates=False))
    return replace(head, source=str(spec_path), preexisting=preexisting_keys(head, base))


def load_specs_at(repo: Repository, revision: str) -> tuple[DesiredInterview, ...]:
    """The interviews of the folder's spec files as of `revision`, sorted by key.

    Problems are located as `REVISION:path:line:col`, so they are not mistaken for
    problems in the working tree. Links are followed inside the repository only, as in
    the working tree.
    """
    check_commit(repo, revision, "--base", FETCH_HINT)
    found = spec_files_at(repo, revision)
    interviews: list[DesiredInterview] = []
    problems = [
        Problem(f"{revision}:{path}", 1, 1, OUTSIDE, OUTSIDE_HINT) for path in found.outside
    ]
    problems.extend(
        Problem(f"{revision}:{path}", 1, 1, _LOOP, "remove the link or point it elsewhere")
        for path in found.loops
    )
    for path, source in found.files:
        try:
            text = file_at(repo, revision, source)
            interviews.append(load_spec_text(text, f"{revision}:{path}"))
        except InvalidSpecError as exc:
            problems.extend(exc.problems)
    problems.extend(_duplicate_keys(interviews))
    if problems:
        raise InvalidSpecError(problems)
    return tuple(sorted(interviews, key=lambda interview: interview.key))


def _duplicate_keys(interviews: Iterable[DesiredInterview]) -> list[Problem]:
    first: dict[str, str] = {}
    problems = []
    for interview in interviews:
        if interview.key in first:
            where = interview.location_of("key")
            message = f'duplicate interview key "{interview.key}" (also in {first[interview.key]})'
            problems.append(Problem(where.file, where.line, where.col, message))
        else:
            first[interview.key] = interview.file
    return problems


def preexisting_keys(head: Plan, base: Plan) -> tuple[str, ...]:
    """Keys whose changes in `head` are exactly their changes in `base`."""
    head_by_key, base_by_key = _signatures(head.changes), _signatures(base.changes)
    return tuple(sorted(key for key, found in head_by_key.items() if base_by_key.get(key) == found))


def _signatures(changes: Iterable[Change]) -> dict[str, list[str]]:
    """Per key, what its changes do, sorted: the parts that reach the API or the reviewer."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for change in changes:
        by_key[change.key].append(canonical_json(_signature(change)))
    return {key: sorted(found) for key, found in by_key.items()}


def _signature(change: Change) -> dict[str, Any]:
    whole = change.to_dict()
    return {part: whole[part] for part in ("kind", "key", "fields", "questions", "steps")}
