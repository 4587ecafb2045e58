"""YAML style of written specs: block scalars, flow lists, quoting only when needed."""

from __future__ import annotations

from reconciler.specwrite.yamltext import dump_entry
from reconciler.specwrite.yamltext import dump_yaml


def test_hand_written_style() -> None:
    text = dump_yaml(
        {
            "name": "Barista: weekends",
            "code": "yes",
            "description_long": "## Title\n\nBody.\n",
            "candidate_expectations": "One\ntwo",
            "tags": ["a", "b"],
            "questions": [{"key": "q", "question": "Why?", "duration": 30}],
        }
    )
    assert text == (
        "name: 'Barista: weekends'\n"
        "code: 'yes'\n"
        "description_long: |\n"
        "  ## Title\n"
        "\n"
        "  Body.\n"
        "candidate_expectations: |-\n"
        "  One\n"
        "  two\n"
        "tags: [a, b]\n"
        "questions:\n"
        "  - key: q\n"
        "    question: Why?\n"
        "    duration: 30\n"
    )


def test_long_text_stays_on_one_line_and_long_lists_are_blocks() -> None:
    long_text = "word " * 40 + "end"
    text = dump_yaml({"description": long_text, "tags": ["x" * 40, "y" * 40]})
    assert text == f"description: {long_text}\ntags:\n  - {'x' * 40}\n  - {'y' * 40}\n"


def test_dump_entry_has_no_final_newline() -> None:
    assert dump_entry("status", "active") == "status: active"
