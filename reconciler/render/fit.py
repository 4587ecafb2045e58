"""Fitting a markdown plan under a size limit by dropping whole blocks. Pure: no I/O.

A document is a fixed head (title, summary), bulleted lists (warnings, refusals, notes)
and one `<details>` section per change, joined by blank lines. When it is too long,
whole sections are dropped from the end, and then, only if the lists alone overflow, list
items from their ends; every cut is said in the document. Nothing is cut mid-block, so
the result stays well-formed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

SEPARATOR = "\n\n"


@dataclass(frozen=True)
class ListBlock:
    """A `### heading` and its bullet items; `priority` 0 is the last to be cut."""

    heading: str
    items: tuple[str, ...]
    priority: int

    def render(self, kept: int | None = None) -> str:
        shown = self.items if kept is None else self.items[:kept]
        bullets = [f"- {item}" for item in shown]
        if len(shown) < len(self.items):
            bullets.append(more_items_line(len(self.items) - len(shown)))
        return f"### {self.heading}\n\n" + "\n".join(bullets)


def more_items_line(count: int) -> str:
    return f"- {count} more not shown; see the JSON plan artifact."


def cut_note(max_chars: int, count: int) -> str:
    return (
        f"> Plan cut at {max_chars:,} characters: {count} more interview(s) not shown; "
        "see the JSON plan artifact."
    )


def assemble(blocks: Sequence[str]) -> str:
    return SEPARATOR.join(block for block in blocks if block) + "\n"


def fit(head: str, lists: Sequence[ListBlock], sections: Sequence[str], max_chars: int) -> str:
    """The document, cut as described above so that it is at most `max_chars` long."""
    whole = assemble([head, *(block.render() for block in lists if block.items), *sections])
    if len(whole) <= max_chars:
        return whole
    note_cost = len(SEPARATOR) + len(cut_note(max_chars, len(sections)))
    budget = max_chars - len(head) - len("\n") - note_cost
    if budget < 0:
        raise ValueError(f"max_chars={max_chars} cannot hold even the plan summary")
    kept_lists, budget = _fit_lists(lists, budget)
    kept_sections = _count_fitting([len(SEPARATOR) + len(s) for s in sections], budget)
    note = cut_note(max_chars, len(sections) - kept_sections)
    return assemble([head, *kept_lists, *sections[:kept_sections], note])


def _fit_lists(lists: Sequence[ListBlock], budget: int) -> tuple[list[str], int]:
    """Each list whole if it fits, else its leading items; the most important first."""
    rendered: dict[int, str] = {}
    for index in sorted(range(len(lists)), key=lambda i: lists[i].priority):
        block = lists[index]
        if not block.items:
            continue
        text = _fit_list(block, budget)
        if text:
            rendered[index] = text
            budget -= len(SEPARATOR) + len(text)
    return [rendered[index] for index in sorted(rendered)], budget


def _fit_list(block: ListBlock, budget: int) -> str:
    whole = block.render()
    if len(SEPARATOR) + len(whole) <= budget:
        return whole
    fixed = len(SEPARATOR) + len(block.render(0))  # heading and the "more" line
    kept = _count_fitting([len("\n- ") + len(item) for item in block.items], budget - fixed)
    return block.render(kept) if fixed <= budget else ""


def _count_fitting(costs: Sequence[int], budget: int) -> int:
    """How many leading items fit in `budget`."""
    used = 0
    for count, cost in enumerate(costs):
        used += cost
        if used > budget:
            return count
    return len(costs)
