"""The terminal rendering of a Plan, Terraform-like. Pure: a function of the Plan, no I/O.

Every piece of spec or live text goes through `visible`, so a name or a question cannot
send escape sequences to the terminal. Colour is the caller's decision (a terminal, and
no NO_COLOR): `render_text` only adds ANSI codes when asked.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from collections.abc import Iterator

from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.plan.textdiff import word_diff
from reconciler.render.common import DRIFT_TAG
from reconciler.render.common import NO_CHANGES
from reconciler.render.common import PREEXISTING_HEADING
from reconciler.render.common import PREEXISTING_WHY
from reconciler.render.common import QUESTION_SYMBOLS
from reconciler.render.common import SHORT_VALUE
from reconciler.render.common import SYMBOLS
from reconciler.render.common import field_tags
from reconciler.render.common import is_multiline
from reconciler.render.common import moved_text
from reconciler.render.common import question_label
from reconciler.render.common import shown_fields
from reconciler.render.common import split_preexisting
from reconciler.render.common import summary_line
from reconciler.render.common import value_text
from reconciler.render.escape import visible
from reconciler.render.escape import visible_lines

Paint = Callable[[str, str], str]
_ANSI = {"green": "32", "yellow": "33", "red": "31", "magenta": "35", "cyan": "36"}
_KIND_COLORS = {
    Kind.CREATE: "green",
    Kind.UPDATE: "yellow",
    Kind.ADOPT: "yellow",
    Kind.RECREATE: "magenta",
    Kind.SET_STATE: "cyan",
    Kind.ARCHIVE: "red",
}
_QUESTION_COLORS = {
    QuestionOp.ADDED: "green",
    QuestionOp.REMOVED: "red",
    QuestionOp.CHANGED: "yellow",
    QuestionOp.MOVED: "cyan",
}
_DETAIL = " " * 6
_SUBDETAIL = " " * 10
_CONTEXT_TOKENS = 8  # words and the spaces between them kept around a change
_TOKENS = re.compile(r"\s+|\S+")


def render_text(plan: Plan, *, color: bool = False) -> str:
    """The plan for a terminal or a CI log; ANSI colours only when `color` is true."""
    paint = _painter(color)
    blocks = [NO_CHANGES]
    if plan.has_changes:
        own, pending = split_preexisting(plan)
        blocks = [f"Plan for namespace {visible(plan.namespace)}:"]
        blocks.extend("\n".join(_change_lines(change, paint)) for change in own)
        if pending:
            blocks.append(f"{PREEXISTING_HEADING}\n{PREEXISTING_WHY}")
            blocks.extend("\n".join(_change_lines(change, paint)) for change in pending)
        blocks.append(summary_line(plan))
    blocks.extend("\n".join(lines) for lines in (_refusals(plan, paint), _notes(plan)) if lines)
    return "\n\n".join(blocks) + "\n"


def _painter(color: bool) -> Paint:
    def paint(text: str, name: str) -> str:
        return f"\x1b[{_ANSI[name]}m{text}\x1b[0m" if color else text

    return paint


def _change_lines(change: Change, paint: Paint) -> Iterator[str]:
    symbol = paint(f"{SYMBOLS[change.kind]:>3} {change.kind.value}", _KIND_COLORS[change.kind])
    name = visible(value_text(change.name, limit=1_000))
    yield f"{symbol} {visible(change.key)}  {name}"
    yield _DETAIL + visible(change.reason)
    for impact in change.impact:  # what candidates feel comes before the details
        yield _DETAIL + paint("!", "yellow") + " " + visible(impact.message)
    for field in shown_fields(change):
        yield from _field_lines(change, field, paint)
    for question in change.questions:
        yield from _question_lines(question, paint)
    for warning in change.warnings:
        yield _DETAIL + paint("!", "yellow") + " " + visible(warning)
    if change.blocked:
        yield _DETAIL + paint("✗ apply refuses:", "red") + " " + visible(change.blocked)


def _field_lines(change: Change, field: FieldChange, paint: Paint) -> Iterator[str]:
    if change.kind is Kind.CREATE:  # nothing to compare with: show what will be sent
        yield f"{_DETAIL}{visible(field.field)}: {visible(value_text(field.after))}"
        return
    tags = "".join(f"  {tag}" for tag in field_tags(change, field))
    if is_multiline(field.before, field.after):
        yield f"{_DETAIL}{visible(field.field)}:{tags}"
        diff = _diff_text(str(field.before), str(field.after), paint)
        yield from (_SUBDETAIL + line for line in diff.split("\n"))
        return
    change_text = f"{value_text(field.before)} -> {value_text(field.after)}"
    yield f"{_DETAIL}{visible(field.field)}: {visible(change_text)}{tags}"


def _question_lines(question: QuestionChange, paint: Paint) -> Iterator[str]:
    marker = paint(QUESTION_SYMBOLS[question.op], _QUESTION_COLORS[question.op])
    head = f"{_DETAIL}{marker} {visible(question_label(question))}:"
    if question.op is QuestionOp.MOVED:
        yield f"{head} {moved_text(question)}"
        return
    text_change = next((f for f in question.fields if f.field == "question"), None)
    if text_change is None:
        # Added and removed questions in full: what candidates will (no longer) be asked.
        whole = question.op in (QuestionOp.ADDED, QuestionOp.REMOVED)
        shown = value_text(question.text, limit=sys.maxsize if whole else SHORT_VALUE)
        yield f"{head} {visible(shown)}"
    else:
        diff = _diff_text(str(text_change.before), str(text_change.after), paint)
        # A question's own line breaks stay, indented, so none can start a line of its own.
        yield f"{head} " + diff.replace("\n", "\n" + _SUBDETAIL)
    if text_change is not None and text_change.drift:
        yield f"{_SUBDETAIL}{DRIFT_TAG}"
    for field in question.fields:
        if question.op is QuestionOp.ADDED:  # nothing before: what will be sent
            drift = f"  {DRIFT_TAG}" if field.drift else ""
            yield f"{_SUBDETAIL}{visible(field.field)}: {visible(value_text(field.after))}{drift}"
        elif field is not text_change:
            values = f"{value_text(field.before)} -> {value_text(field.after)}"
            drift = f"  {DRIFT_TAG}" if field.drift else ""
            yield f"{_SUBDETAIL}{visible(field.field)}: {visible(values)}{drift}"


def _diff_text(before: str, after: str, paint: Paint) -> str:
    """A git-style word diff, `[-old-]{+new+}`, with long unchanged stretches cut to "..."."""
    runs = word_diff(before, after)
    parts = []
    for index, (op, text) in enumerate(runs):
        shown = visible_lines(text)
        if op == "equal":
            parts.append(_elide(shown, head=index > 0, tail=index < len(runs) - 1))
        elif op == "delete":
            parts.append(paint(f"[-{shown}-]", "red"))
        else:
            parts.append(paint(f"{{+{shown}+}}", "green"))
    return "".join(parts)


def _elide(text: str, *, head: bool, tail: bool) -> str:
    """`text` with its middle cut; `head`/`tail` keep the words next to a change."""
    tokens = _TOKENS.findall(text)
    kept = _CONTEXT_TOKENS * (int(head) + int(tail))
    if len(tokens) <= kept + _CONTEXT_TOKENS:  # cutting fewer than four words is no help
        return text
    start = "".join(tokens[:_CONTEXT_TOKENS]).rstrip() + " " if head else ""
    end = " " + "".join(tokens[-_CONTEXT_TOKENS:]).lstrip() if tail else ""
    return f"{start}...{end}"


def _refusals(plan: Plan, paint: Paint) -> list[str]:
    if not plan.safety.refusals:
        return []
    lines = ["Apply will refuse this plan:"]
    lines.extend(f"  {paint('✗', 'red')} {visible(reason)}" for reason in plan.safety.refusals)
    return lines


def _notes(plan: Plan) -> list[str]:
    if not plan.notes:
        return []
    return ["Notes:", *(f"  - {visible(note)}" for note in plan.notes)]
