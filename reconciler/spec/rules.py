"""Stage 1d, semantic rules: what the JSON Schema cannot say. Pure: no I/O.

Each rule reads one parsed spec file and reports located problems. Rules tolerate data
of the wrong shape (the schema check reports that), so a file gets every problem at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from collections.abc import Mapping
from typing import Any

from reconciler import registry
from reconciler.errors import Problem
from reconciler.lint.rules import RULES_BY_ID
from reconciler.spec.keys import QuestionKeys
from reconciler.spec.keys import question_label
from reconciler.spec.yamlread import Document

_RULE_ID = re.compile(r"^[A-Z]+[0-9]{3}$")  # other shapes are the schema check's to report
_MAX_DURATION_LIMIT = 7200  # the schema's maximum for max_duration
_SECONDS_PER_QUESTION = 120


def document_problems(document: Document, keys: QuestionKeys | None) -> list[Problem]:
    """Every semantic problem of one spec file. `keys`: question_keys() of its questions
    (the loader needs them too), None when `questions` is not a list."""
    return [
        *_template_problems(document),
        *_generate_problems(document),
        *_question_problems(document, keys),
        *_lint_problems(document),
    ]


def _lint_problems(document: Document) -> Iterator[Problem]:
    """`lint.ignore` may only name rules that exist (a typo would silence nothing)."""
    places: list[tuple[str, Any]] = [("lint", document.data.get("lint"))]
    items = document.data.get("questions")
    if isinstance(items, list):
        places += [(f"questions.{i}.lint", item["lint"]) for i, item in enumerate(items)
                   if isinstance(item, dict) and "lint" in item]  # fmt: skip
    for path, lint in places:
        ignored = lint.get("ignore") if isinstance(lint, Mapping) else None
        whose = _question_prefix(document, int(path.split(".")[1])) if "." in path else ""
        for index, rule_id in enumerate(ignored if isinstance(ignored, list) else ()):
            if isinstance(rule_id, str) and _RULE_ID.match(rule_id) and rule_id not in RULES_BY_ID:
                close = difflib.get_close_matches(rule_id, RULES_BY_ID, n=1)
                hint = f'did you mean "{close[0]}"?' if close else "see `interviews lint --help`"
                message = f'{whose}unknown lint rule "{rule_id}"'
                yield _at(document, f"{path}.ignore.{index}", message, hint)


def _question_prefix(document: Document, index: int) -> str:
    """`question 2 (key "why"): `, to start a message about the question at `index`."""
    items = document.data.get("questions")
    item = items[index] if isinstance(items, list) and index < len(items) else None
    return question_label(index, item.get("key") if isinstance(item, dict) else None) + ": "


def _at(document: Document, path: str, message: str, hint: str = "", key: bool = False) -> Problem:
    positions = document.key_positions if key else document.positions
    line, col = positions.get(path, (1, 1))
    return Problem(document.file, line, col, message, hint)


def _template_problems(document: Document) -> Iterator[Problem]:
    data = document.data
    if "template" in data and "interview_template_id" in data:
        yield _at(
            document,
            "interview_template_id",
            "set either template or interview_template_id, not both",
            "template names the avatar; interview_template_id is its id",
            key=True,
        )
    elif "template" not in data and "interview_template_id" not in data:
        yield _at(
            document,
            "",
            'missing required field "template"',
            "name the avatar, e.g. template: Ava, or give interview_template_id",
        )


def _generate_problems(document: Document) -> Iterator[Problem]:
    generate = document.data.get("generate")
    if generate is None:
        return
    if "questions" in document.data:
        yield _at(
            document,
            "questions",
            "generate and questions cannot be used together",
            "remove generate: to manage your own questions, or questions: to let the AI write them",
            key=True,
        )
    if isinstance(generate, Mapping):
        yield from _length_cap_problems(document, generate.get("interview_length"))


def _length_cap_problems(document: Document, length: Any) -> Iterator[Problem]:
    duration = document.data.get("max_duration", registry.INTERVIEW_BY_SPEC["max_duration"].default)
    if not _is_number(length) or not _is_number(duration):
        return
    cap = registry.cap_for_duration(duration)
    if length <= cap:
        return
    needed = length * _SECONDS_PER_QUESTION
    raise_it = (
        f"raise max_duration to at least {needed}, or " if needed <= _MAX_DURATION_LIMIT else ""
    )
    yield _at(
        document,
        "generate.interview_length",
        f"generate.interview_length is {length}, above the cap of {cap} questions for "
        f"max_duration {duration} (one question per 2 minutes)",
        f"{raise_it}ask for at most {cap} questions",
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _question_problems(document: Document, found: QuestionKeys | None) -> Iterator[Problem]:
    items = document.data.get("questions")
    if not isinstance(items, list) or found is None:
        return
    keys = [entry[0] if entry else None for entry in found]
    yield from _duplicate_key_problems(document, items, keys)
    yield from _follows_problems(document, items, keys)
    for index, item in enumerate(items):
        if isinstance(item, dict) and item.get("is_multiple_choice") is True:
            yield from _choice_problems(document, index, item)


def _duplicate_key_problems(
    document: Document, items: list[Any], keys: list[str | None]
) -> Iterator[Problem]:
    first_index: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key is None:
            continue
        if key in first_index:
            first = document.positions.get(f"questions.{first_index[key]}.key", (1, 1))
            yield _at(
                document,
                f"questions.{index}.key",
                f'{question_label(index)}: duplicate question key "{key}" (first at line '
                f"{first[0]}, {question_label(first_index[key])})",
                "question keys must be unique in the file",
            )
        else:
            first_index[key] = index  # its position is read only when a duplicate needs it


def _follows_of(items: list[Any]) -> dict[int, str]:
    follows: dict[int, str] = {}
    for index, item in enumerate(items):
        target = item.get("follows") if isinstance(item, dict) else None
        if isinstance(target, str):
            follows[index] = target
    return follows


def _follows_problems(
    document: Document, items: list[Any], keys: list[str | None]
) -> Iterator[Problem]:
    index_of: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key is not None:
            index_of.setdefault(key, index)
    follows = _follows_of(items)
    in_cycles = set()
    for cycle in _cycles(follows, index_of):
        in_cycles.update(cycle)
        yield _cycle_problem(document, cycle, keys)
    for index, target in follows.items():
        if index in in_cycles:
            continue
        path = f"questions.{index}.follows"
        if target not in index_of:
            close = difflib.get_close_matches(target, list(index_of), n=1, cutoff=0.6)
            hint = (
                f'did you mean "{close[0]}"?'
                if close
                else "follows names the key of an earlier question"
            )
            whose = _question_prefix(document, index)
            yield _at(document, path, f'{whose}follows "{target}": no question has this key', hint)
        elif index_of[target] > index:
            yield _at(
                document,
                path,
                f'{_question_prefix(document, index)}follows "{target}", which comes later '
                f"({question_label(index_of[target])})",
                "a follow-up must come after the question it follows: move it below",
            )


def _cycles(follows: Mapping[int, str], index_of: Mapping[str, int]) -> list[list[int]]:
    """Cycles of follows (as question indexes, each starting at its earliest member)."""
    found: list[list[int]] = []
    done: set[int] = set()
    for start in sorted(follows):
        trail: list[int] = []
        current: int | None = start
        while current is not None and current not in done and current not in trail:
            trail.append(current)
            target = follows.get(current)
            current = index_of.get(target) if target is not None else None
        if current is not None and current in trail:
            cycle = trail[trail.index(current) :]
            first = cycle.index(min(cycle))
            found.append(cycle[first:] + cycle[:first])
        done.update(trail)
    return found


def _cycle_problem(document: Document, cycle: list[int], keys: list[str | None]) -> Problem:
    names = [str(keys[index]) for index in cycle]
    path = f"questions.{cycle[0]}.follows"
    if len(cycle) == 1:
        return _at(
            document,
            path,
            f"{question_label(cycle[0], names[0])} follows itself",
            "follows names the key of an earlier question",
        )
    chain = " -> ".join([*names, names[0]])
    return _at(
        document,
        path,
        f"follows makes a cycle: {chain}",
        "a follow-up must follow an earlier question",
    )


def _choice_problems(document: Document, index: int, item: Mapping[str, Any]) -> Iterator[Problem]:
    """A multiple-choice question needs at least two alternatives."""
    alternatives = item.get("question_alternatives")
    count = len(alternatives) if isinstance(alternatives, list) else 0
    if count < 2:
        yield _at(
            document,
            f"questions.{index}.is_multiple_choice",
            f"{_question_prefix(document, index)}multiple choice with {count} "
            f"alternative{'s' if count != 1 else ''}; it needs at least two",
            "list the answer options under question_alternatives",
        )
