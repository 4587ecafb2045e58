"""The lint stage's result value and the helpers every rule family shares. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from reconciler.lint.rules import RULES_BY_ID
from reconciler.lint.rules import Severity
from reconciler.spec.keys import question_label
from reconciler.spec.model import DesiredInterview
from reconciler.spec.model import DesiredQuestion
from reconciler.spec.model import Location


@dataclass(frozen=True)
class Finding:
    """One rule violated at one place. `question_key` is None for interview-wide findings."""

    rule_id: str
    severity: Severity
    message: str
    location: Location
    interview_key: str
    question_key: str | None = None


def finding(
    rule_id: str,
    message: str,
    location: Location,
    interview: DesiredInterview,
    question: DesiredQuestion | None = None,
) -> Finding:
    """A finding of `rule_id`, its message followed by the rule's explanation of the risk;
    about a question, the message starts with its name (`question 2 (key "why"): `)."""
    rule = RULES_BY_ID[rule_id]
    whose = f"{question_name(interview, question)}: " if question is not None else ""
    return Finding(
        rule_id=rule_id,
        severity=rule.severity,
        message=f"{whose}{message}. {rule.risk}",
        location=location,
        interview_key=interview.key,
        question_key=question.key if question is not None else None,
    )


def question_name(interview: DesiredInterview, question: DesiredQuestion) -> str:
    """`question 2 (key "why")`: its 1-based number in the interview, and its key."""
    questions = interview.questions or ()
    index = next((i for i, other in enumerate(questions) if other is question), None)
    if index is None:  # not one of the interview's own: equal is the best there is
        index = questions.index(question)
    return question_label(index, question.key)


def questions_with_text_location(
    interview: DesiredInterview,
) -> Iterator[tuple[DesiredQuestion, Location]]:
    """Each question with the position of its text (the question's own position if unknown)."""
    for index, question in enumerate(interview.questions or ()):
        yield question, interview.location_of(f"questions.{index}.question", question.location)


def quote(text: str, limit: int = 60) -> str:
    """`text` in double quotes on one line, shortened to `limit` characters."""
    flat = " ".join(text.split())
    return f'"{flat if len(flat) <= limit else flat[: limit - 3] + "..."}"'
