"""Entry-level edits of spec text: replace, insert before questions, remove; comments kept."""

from __future__ import annotations

import pytest

from reconciler.errors import InvalidSpecError
from reconciler.specwrite.edit import remove_entry
from reconciler.specwrite.edit import set_entries

TEXT = """\
# header comment
name: Old  # why this name
description: |
  Two
  lines
tags:
  - a
  - b
# about the questions
questions:
  - question: Why?
"""


def test_replace_keeps_comments_and_other_entries() -> None:
    new = set_entries(TEXT, "x.yaml", {"name": "New", "description": "One", "tags": ["c"]})
    assert new == TEXT.replace("name: Old", "name: New").replace(
        "description: |\n  Two\n  lines\n", "description: One\n"
    ).replace("tags:\n  - a\n  - b\n", "tags: [c]\n")


def test_absent_entries_go_before_questions_or_at_the_end() -> None:
    new = set_entries(TEXT, "x.yaml", {"status": "active"})
    assert new == TEXT.replace("questions:\n", "status: active\nquestions:\n")
    assert set_entries("name: A", "x.yaml", {"status": "draft"}) == "name: A\nstatus: draft\n"


def test_replace_the_questions_block() -> None:
    new = set_entries(TEXT, "x.yaml", {"questions": [{"key": "why", "question": "Why?"}]})
    assert new.endswith("# about the questions\nquestions:\n  - key: why\n    question: Why?\n")


def test_remove_entry() -> None:
    assert remove_entry(TEXT, "x.yaml", "tags") == TEXT.replace("tags:\n  - a\n  - b\n", "")
    assert remove_entry(TEXT, "x.yaml", "absent") == TEXT


def test_a_file_that_is_not_a_mapping_cannot_be_edited() -> None:
    with pytest.raises(InvalidSpecError) as caught:
        set_entries("- a\n", "x.yaml", {"name": "A"})
    assert str(caught.value.problems[0]).startswith(
        "x.yaml:1:1: cannot edit: the file is not a mapping"
    )
