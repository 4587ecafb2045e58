"""Builders for desired interviews used by the lint tests (spec values written directly)."""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion
from reconciler.spec.model import Location


def question(
    key: str, text: str, *, line: int = 10, ignore: tuple[str, ...] = (), **values: Any
) -> DesiredQuestion:
    return DesiredQuestion(
        key=key,
        values={"question": text, **values},
        location=Location("interviews/demo.yaml", line, 5),
        lint_ignore=ignore,
    )


def interview(
    questions: Sequence[DesiredQuestion],
    *,
    key: str = "demo",
    values: Mapping[str, Any] | None = None,
    ignore: tuple[str, ...] = (),
) -> DesiredInterview:
    file = f"interviews/{key}.yaml"
    positions = {
        f"questions.{index}.question": (10 + 3 * index, 17) for index in range(len(questions))
    }
    if values and "max_duration" in values:
        positions["max_duration"] = (4, 15)
    return DesiredInterview(
        key=key,
        file=file,
        values=dict(values or {}),
        questions=tuple(questions),
        location=Location(file, 1, 1),
        lint_ignore=ignore,
        positions=positions,
    )
