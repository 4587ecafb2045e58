"""The pull-request comment rendering of a Plan. Pure: a function of the Plan, no I/O.

Summary, warnings, refusals and notes come first; then one folded `<details>` section
per change with its reason, a table of field changes and a `diff` block of question
changes. All spec and live text is escaped (`reconciler.render.escape`): in markdown it
is literal, in HTML it is inert, in code blocks it cannot close the fence. GitHub caps a
comment at 65,536 characters; `fit` keeps the document under `max_chars`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.render.common import NO_CHANGES
from reconciler.render.common import PREEXISTING_HEADING
from reconciler.render.common import PREEXISTING_WHY
from reconciler.render.common import SYMBOLS
from reconciler.render.common import field_tags
from reconciler.render.common import is_multiline
from reconciler.render.common import moved_text
from reconciler.render.common import question_label
from reconciler.render.common import shown_fields
from reconciler.render.common import split_preexisting
from reconciler.render.common import summary_line
from reconciler.render.common import value_text
from reconciler.render.escape import fence_for
from reconciler.render.escape import html_text
from reconciler.render.escape import markdown_inline
from reconciler.render.escape import visible
from reconciler.render.fit import ListBlock
from reconciler.render.fit import fit

TITLE = "## interviews-as-code plan"
_CELL_VALUE = 200
_PENDING_HEADING = f"### {PREEXISTING_HEADING.rstrip(':')}\n\n_{PREEXISTING_WHY}_"


def render_markdown(plan: Plan, *, max_chars: int = 65_000) -> str:
    """The plan as a PR comment, at most `max_chars` characters long."""
    lists = [
        ListBlock(
            "Candidate impact", tuple(markdown_inline(i) for i in plan.impact_lines), priority=1
        ),
        ListBlock("Warnings", tuple(markdown_inline(w) for w in plan.warnings), priority=1),
        ListBlock(
            "Apply will refuse this plan",
            tuple(markdown_inline(r) for r in plan.safety.refusals),
            priority=0,
        ),
        ListBlock("Notes", tuple(markdown_inline(n) for n in plan.notes), priority=2),
    ]
    own, pending = split_preexisting(plan)
    sections = [_section(change) for change in own]
    pending_sections = [_section(change) for change in pending]
    if pending_sections:
        # Its own heading on the first one: cut from the end, the group goes before the
        # pull request's own changes do, and every kept section stays well-formed.
        pending_sections[0] = f"{_PENDING_HEADING}\n\n{pending_sections[0]}"
    return fit(_head(plan), lists, [*sections, *pending_sections], max_chars)


def _head(plan: Plan) -> str:
    if not plan.has_changes:
        return f"{TITLE}\n\n{NO_CHANGES}"
    identity = f"Namespace {markdown_inline(plan.namespace)}, checksum `{plan.checksum}`."
    if plan.preexisting:
        identity += (
            f" {len(plan.preexisting)} interview(s) were already pending before this pull "
            "request; they are listed last."
        )
    return f"{TITLE}\n\n**{summary_line(plan)}**\n\n{identity}"


def _section(change: Change) -> str:
    symbol = html_text(f"{SYMBOLS[change.kind]} {change.kind.value}")
    name = html_text(_shorten(change.name))
    title = f"<code>{symbol}</code> <b>{html_text(_shorten(change.key))}</b> {name}"
    parts = [f"<details><summary>{title}</summary>"]
    if change.impact:  # first: what a reviewer must weigh before any detail
        parts.append("\n".join(f"- **!** {markdown_inline(i.message)}" for i in change.impact))
    parts.append(markdown_inline(change.reason))
    if change.blocked:
        parts.append(f"**✗ apply refuses:** {markdown_inline(change.blocked)}")
    if shown_fields(change):
        parts.append(_field_table(change))
    diff = list(_diff_lines(change))
    if diff:
        fence = fence_for("\n".join(diff))
        parts.append("\n".join([f"{fence}diff", *diff, fence]))
    parts.append("</details>")
    return "\n\n".join(parts)


def _shorten(text: str) -> str:
    return text if len(text) <= _CELL_VALUE else text[: _CELL_VALUE - 3] + "..."


def _field_table(change: Change) -> str:
    if change.kind is Kind.CREATE:  # nothing live yet: one column of what will be sent
        rows = ["| field | value |", "| --- | --- |"]
        rows += [f"| {markdown_inline(f.field)} | {_cell(f.after)} |" for f in change.fields]
        return "\n".join(rows)
    rows = ["| field | live | desired |", "| --- | --- | --- |"]
    for field in shown_fields(change):
        name = markdown_inline(" ".join([field.field, *field_tags(change, field)]))
        before, after = (_cell(value) for value in (field.before, field.after))
        rows.append(f"| {name} | {before} | {after} |")
    return "\n".join(rows)


def _cell(value: object) -> str:
    """A value as a code span: inert, and `|` escaped because GFM splits cells first."""
    text = visible(value_text(value, limit=_CELL_VALUE))
    ticks = fence_for(text, minimum=1)
    return f"{ticks} {text.replace('|', chr(92) + '|')} {ticks}"


def _diff_lines(change: Change) -> Iterator[str]:
    """Lines of the `diff` block: multi-line fields, then questions, each under an @@ line."""
    for field in change.fields:
        if is_multiline(field.before, field.after):
            yield f"@@ {visible(field.field)} @@"
            yield from _line_diff(str(field.before), str(field.after))
    for question in change.questions:
        yield from _question_diff(question)


def _question_diff(question: QuestionChange) -> Iterator[str]:
    label = visible(question_label(question))
    if question.op is QuestionOp.MOVED:
        yield f"@@ {label}: {moved_text(question)} @@"
        yield from _prefixed("  ", question.text)
        return
    yield f"@@ {label}: {question.op.value} @@"
    text_change = next((f for f in question.fields if f.field == "question"), None)
    if text_change is not None:
        yield from _line_diff(str(text_change.before), str(text_change.after))
    else:
        prefix = {QuestionOp.ADDED: "+ ", QuestionOp.REMOVED: "- "}.get(question.op, "  ")
        yield from _prefixed(prefix, question.text)
    added = question.op is QuestionOp.ADDED
    yield from (
        _attribute_line(field, added) for field in question.fields if field is not text_change
    )


def _attribute_line(field: FieldChange, added: bool) -> str:
    if added:  # nothing before: what will be sent
        return f"  {visible(field.field)}: {visible(value_text(field.after))}"
    return f"  {visible(field.field)}: {visible(value_text(field.before))} -> " + visible(
        value_text(field.after)
    )


def _line_diff(before: str, after: str) -> Iterator[str]:
    old, new = before.split("\n"), after.split("\n")
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            yield from (f"  {visible(line)}" for line in old[i1:i2])
            continue
        yield from (f"- {visible(line)}" for line in old[i1:i2])
        yield from (f"+ {visible(line)}" for line in new[j1:j2])


def _prefixed(prefix: str, text: str) -> Iterator[str]:
    return (prefix + visible(line) for line in text.split("\n"))
