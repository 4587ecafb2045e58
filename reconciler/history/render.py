"""Renderers for the history audit view: text, markdown (spec content escaped), JSON.

Word diffs read `[-old-]{+new+}` in text and `~~old~~ **new**` in markdown. Markdown
escapes every piece of spec content, so a question cannot open a link, an image, a
mention or an HTML block in a PR comment or wiki page. Pure: no I/O, each returns a str.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any
from typing import Final

from reconciler.history import CommitChanges
from reconciler.history.diff import FieldChange
from reconciler.history.diff import InterviewChange
from reconciler.history.diff import QuestionChange
from reconciler.history.diff import Segment
from reconciler.render.escape import visible
from reconciler.spec.frozen import thaw

_MARKDOWN_SPECIAL: Final = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")
_VALUE_LIMIT: Final = 80


def escape_markdown(text: str) -> str:
    """`text` as inert markdown on one line: punctuation escaped, no HTML, no mentions."""
    flat = visible(re.sub(r"\s+", " ", text))
    entities = flat.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", entities).replace("@", "&#64;")


def _value(value: Any) -> str:
    text = json.dumps(thaw(value), ensure_ascii=False)
    return text if len(text) <= _VALUE_LIMIT else text[: _VALUE_LIMIT - 3] + "..."


def diff_text(segments: Sequence[Segment]) -> str:
    """`[-removed-]{+added+}` around changed words."""
    marks = {"equal": ("", ""), "delete": ("[-", "-]"), "insert": ("{+", "+}")}
    return "".join(marks[s.op][0] + visible(s.text) + marks[s.op][1] for s in segments)


def _emphasise(text: str, mark: str) -> str:
    # Markdown needs the marks next to non-space characters: keep spaces outside.
    core = text.strip()
    if not core or not mark:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    return f"{lead}{mark}{core}{mark}{trail}"


def diff_markdown(segments: Sequence[Segment]) -> str:
    """`~~removed~~ **added**` around changed words, every piece escaped."""
    marks = {"equal": "", "delete": "~~", "insert": "**"}
    parts = []
    for previous, segment in zip((None, *segments), segments, strict=False):
        if previous is not None and (previous.op, segment.op) == ("delete", "insert"):
            parts.append(" ")
        parts.append(_emphasise(escape_markdown(segment.text), marks[segment.op]))
    return "".join(parts)


def _field_line(change: FieldChange) -> str:
    return visible(f"{change.name}: {_value(change.before)} -> {_value(change.after)}")


def _question_text(change: QuestionChange) -> list[str]:
    lines = [f"    question {visible(change.key)}: {change.kind}"]
    if change.text:
        lines.append(f"      {diff_text(change.text)}")
    lines.extend(f"      {_field_line(field)}" for field in change.fields)
    return lines


def _interview_text(change: InterviewChange) -> list[str]:
    lines = [f"  {visible(change.key)} ({change.kind}, {visible(change.file)})"]
    lines.extend(f"    {_field_line(field)}" for field in change.fields)
    for question in change.questions:
        lines.extend(_question_text(question))
    return lines


def render_text(history: Sequence[CommitChanges]) -> str:
    """Per commit: sha, author, date, message, then the interviews and questions changed."""
    lines: list[str] = []
    for entry in history:
        commit = entry.commit
        # Author, e-mail and subject are whatever the committer typed.
        who = f"{visible(commit.author)} <{visible(commit.email)}>"
        lines.append(f"commit {visible(commit.sha[:12])}  {who}  {visible(commit.date)}")
        lines.append(f"    {visible(commit.subject)}")
        for change in entry.interviews:
            lines.extend(_interview_text(change))
        lines.extend(
            f"  {visible(file)}: not a valid spec in this commit" for file in entry.invalid
        )
        lines.append("")
    return "\n".join(lines) if lines else "no changes\n"


def _field_markdown(change: FieldChange) -> str:
    before, after = escape_markdown(_value(change.before)), escape_markdown(_value(change.after))
    return f"`{visible(change.name)}`: {before} → {after}"


def _question_markdown(change: QuestionChange) -> list[str]:
    line = f"- question `{visible(change.key)}` {change.kind}"
    lines = [f"{line}: {diff_markdown(change.text)}" if change.text else line]
    lines.extend(f"  - {_field_markdown(field)}" for field in change.fields)
    return lines


def _interview_markdown(change: InterviewChange) -> list[str]:
    lines = [f"**{escape_markdown(change.key)}** ({change.kind}, `{visible(change.file)}`)", ""]
    lines.extend(f"- {_field_markdown(field)}" for field in change.fields)
    for question in change.questions:
        lines.extend(_question_markdown(question))
    return [*lines, ""]


def render_markdown(history: Sequence[CommitChanges]) -> str:
    """One section per commit; spec content and commit metadata escaped."""
    lines: list[str] = []
    for entry in history:
        commit = entry.commit
        lines.append(f"### `{commit.sha[:12]}` {escape_markdown(commit.subject)}")
        lines.extend([f"{escape_markdown(commit.author)}, {escape_markdown(commit.date)}", ""])
        for change in entry.interviews:
            lines.extend(_interview_markdown(change))
        lines.extend(
            f"- `{visible(file)}`: not a valid spec in this commit" for file in entry.invalid
        )
    return "\n".join(lines) + "\n" if lines else "No changes.\n"


def _segments_json(segments: Sequence[Segment]) -> list[list[str]]:
    return [[segment.op, segment.text] for segment in segments]


def _fields_json(fields: Sequence[FieldChange]) -> list[dict[str, Any]]:
    return [{"name": f.name, "before": thaw(f.before), "after": thaw(f.after)} for f in fields]


def _interview_json(change: InterviewChange) -> dict[str, Any]:
    questions = [
        {"key": q.key, "kind": q.kind, "text": _segments_json(q.text),
         "fields": _fields_json(q.fields)}
        for q in change.questions
    ]  # fmt: skip
    return {"key": change.key, "file": change.file, "kind": change.kind,
            "fields": _fields_json(change.fields), "questions": questions}  # fmt: skip


def render_json(history: Sequence[CommitChanges]) -> str:
    """[{"commit", "author", "email", "date", "message", "interviews", "invalid"}, ...]."""
    document = [
        {
            "commit": entry.commit.sha,
            "author": entry.commit.author,
            "email": entry.commit.email,
            "date": entry.commit.date,
            "message": entry.commit.subject,
            "interviews": [_interview_json(change) for change in entry.interviews],
            "invalid": list(entry.invalid),
        }
        for entry in history
    ]
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
