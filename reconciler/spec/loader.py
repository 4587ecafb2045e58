"""Stage 1, load: spec files -> frozen desired interviews, or every problem at once.

Reads files (through `files`); everything after reading is pure. The public entry
points are `load_specs` (raises), `check_specs` (returns problems; `validate` uses it)
and `load_spec_text` (one file's text, for tests and `pull`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from reconciler import registry
from reconciler.errors import InvalidSpecError
from reconciler.errors import Problem
from reconciler.spec.files import display_paths
from reconciler.spec.files import find_spec_files
from reconciler.spec.files import read_spec_bytes
from reconciler.spec.frozen import freeze
from reconciler.spec.keys import QuestionKeys
from reconciler.spec.keys import is_key
from reconciler.spec.keys import question_keys
from reconciler.spec.keys import slug
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion
from reconciler.spec.model import Location
from reconciler.spec.rules import document_problems
from reconciler.spec.schemacheck import schema_problems
from reconciler.spec.textfile import Position
from reconciler.spec.yamlread import Document
from reconciler.spec.yamlread import read_spec

Interviews = tuple[DesiredInterview, ...]
Problems = tuple[Problem, ...]


@dataclass(frozen=True)
class SpecScan:
    """What a check of a spec path found: the files read, valid interviews, problems."""

    files: tuple[str, ...]
    interviews: Interviews
    problems: Problems


def load_specs(path: Path) -> Interviews:
    """Every interview under `path`, sorted by key.

    Raises InvalidSpecError with every problem found, or LoadError when `path` itself
    does not exist.
    """
    interviews, problems = check_specs(path)
    if problems:
        raise InvalidSpecError(problems)
    return interviews


def check_specs(path: Path) -> tuple[Interviews, Problems]:
    """The valid interviews under `path` (sorted by key) and every problem, sorted.

    Never raises for content problems; raises LoadError when `path` does not exist.
    """
    scan = scan_specs(path)
    return scan.interviews, scan.problems


def scan_specs(path: Path) -> SpecScan:
    """Like `check_specs`, and also names the files read (for `validate`'s summary).

    The files are listed first (LoadError when `path` does not exist); every file is
    checked, so that every problem is reported at once.
    """
    files, found = find_spec_files(path)
    names = display_paths(files)
    problems: list[Problem] = list(found)
    interviews: list[DesiredInterview] = []
    for file, name in zip(files, names, strict=True):
        interview, file_problems = _check_file(file, name)
        problems.extend(file_problems)
        if interview is not None:
            interviews.append(interview)
    unique, duplicates = _unique_keys(interviews)
    moved = _previous_key_problems(unique)
    return SpecScan(
        files=names,
        interviews=tuple(sorted(unique, key=lambda i: i.key)),
        problems=tuple(sorted([*problems, *duplicates, *moved], key=_problem_order)),
    )


def load_spec_text(text: str, filename: str) -> DesiredInterview:
    """One spec file's text as a desired interview; InvalidSpecError lists its problems."""
    interview, problems = _check_raw(text.encode("utf-8"), filename)
    if interview is None:
        raise InvalidSpecError(problems)
    return interview


def _problem_order(problem: Problem) -> tuple[str, int, int, str]:
    return problem.file, problem.line, problem.col, problem.message


def _check_file(path: Path, name: str) -> tuple[DesiredInterview | None, list[Problem]]:
    """Check the file at `path`, named `name` in problems (its display path)."""
    try:
        raw = read_spec_bytes(path)
    except InvalidSpecError as exc:
        return None, list(exc.problems)
    return _check_raw(raw, name)


def _check_raw(raw: bytes, file: str) -> tuple[DesiredInterview | None, list[Problem]]:
    try:
        document = read_spec(raw, file)
    except InvalidSpecError as exc:
        return None, list(exc.problems)
    key, key_problems = _interview_key(document)
    items = document.data.get("questions")
    keys = question_keys(items) if isinstance(items, list) else None  # rules and _build
    problems = [
        *document.problems,
        *key_problems,
        *schema_problems(document),
        *document_problems(document, keys),
    ]
    if problems or key is None:
        return None, problems
    return _build(document, key, keys), []


def _interview_key(document: Document) -> tuple[str | None, list[Problem]]:
    """The interview's key: `key:` when given (the schema checks it), else the file stem."""
    if "key" in document.data:
        key = document.data["key"]
        return (key if isinstance(key, str) and is_key(key) else None), []
    name = os.path.basename(document.file)
    stem = os.path.splitext(name)[0]
    if is_key(stem):
        return stem, []
    suggestion = slug(stem, max_words=None) or "my-interview"
    message = f'file name "{name}" does not make a valid key'
    hint = f"rename the file to {suggestion}.yaml, or set key: {suggestion}"
    return None, [Problem(document.file, 1, 1, message, hint)]


def _unique_keys(interviews: Sequence[DesiredInterview]) -> tuple[Interviews, Problems]:
    first: dict[str, DesiredInterview] = {}
    problems: list[Problem] = []
    for interview in sorted(interviews, key=lambda i: i.file):
        if interview.key in first:
            where = interview.location_of("key")
            message = (
                f'duplicate interview key "{interview.key}" (also in {first[interview.key].file})'
            )
            hint = "keys must be unique in the repository: rename the file or set key:"
            problems.append(Problem(where.file, where.line, where.col, message, hint))
        else:
            first[interview.key] = interview
    return tuple(first.values()), tuple(problems)


def _previous_key_problems(interviews: Sequence[DesiredInterview]) -> Problems:
    """A previous key names one interview's past: it may be no spec's key (that spec owns
    the identity) and no other spec's previous key (two specs would claim one interview)."""
    keys = {interview.key: interview for interview in interviews}
    claimed: dict[str, DesiredInterview] = {}
    problems: list[Problem] = []
    for interview in sorted(interviews, key=lambda i: i.file):
        where = interview.location_of("previous_keys")
        for old in interview.previous_keys:
            if old in keys:
                owner = keys[old]
                also = "its own key" if owner is interview else f"the key of {owner.file}"
                message = f'previous key "{old}" is {also}'
                hint = "remove it from previous_keys: a previous key names a key no spec has now"
            elif old in claimed and claimed[old] is not interview:
                message = f'previous key "{old}" is also a previous key in {claimed[old].file}'
                hint = "keep it in the spec of the one interview that had that key"
            else:
                claimed[old] = interview
                continue
            problems.append(Problem(where.file, where.line, where.col, message, hint))
    return tuple(problems)


def _location(document: Document, path: str) -> Location:
    line, col = document.positions.get(path, (1, 1))
    return Location(document.file, line, col)


def _build(document: Document, key: str, keys: QuestionKeys | None) -> DesiredInterview:
    data = document.data
    fields = registry.INTERVIEW_BY_SPEC
    values = {name: value for name, value in data.items() if name in fields or name == "generate"}
    items = data.get("questions")
    return DesiredInterview(
        key=key,
        file=document.file,
        values=freeze(values),
        questions=None if items is None else _questions(document, items, keys),
        location=_location(document, ""),
        template=data.get("template"),
        protect=bool(data.get("protect", False)),
        import_id=data.get("import_id"),
        allow_duplicate_name=bool(data.get("allow_duplicate_name", False)),
        previous_keys=tuple(data.get("previous_keys") or ()),
        lint_ignore=_lint_ignore(data),
        positions=MappingProxyType(_kept_positions(document)),
    )


def _kept_positions(document: Document) -> dict[str, Position]:
    """The positions later stages point at: top-level values and question texts. The rest
    served validation already; keeping every nested path cost a third of a spec's memory."""
    where = document.positions.get
    kept: dict[str, Position] = {}
    for name in document.data:
        position = where(name)
        if position is not None:
            kept[name] = position
    items = document.data.get("questions")
    for index in range(len(items) if isinstance(items, list) else 0):
        path = f"questions.{index}.question"
        position = where(path)
        if position is not None:
            kept[path] = position
    return kept


def _lint_ignore(data: Mapping[str, Any]) -> tuple[str, ...]:
    lint = data.get("lint")
    return tuple(lint.get("ignore", ())) if lint else ()


def _questions(
    document: Document, items: list[dict[str, Any]], keys: QuestionKeys | None
) -> tuple[DesiredQuestion, ...]:
    assert keys is not None  # derived for every `questions` list (_check_raw)
    questions = []
    fields = registry.QUESTION_BY_SPEC
    for index, (item, entry) in enumerate(zip(items, keys, strict=True)):
        assert entry is not None  # a valid question always has a key or a text
        values = {name: freeze(value) for name, value in item.items() if name in fields}
        questions.append(
            DesiredQuestion(
                key=entry[0],
                values=MappingProxyType(values),
                location=_location(document, f"questions.{index}"),
                follows=item.get("follows"),
                key_derived=entry[1],
                lint_ignore=_lint_ignore(item),
            )
        )
    return tuple(questions)
