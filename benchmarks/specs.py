"""Spec files written by code for the benchmarks: realistic interviews of N questions.

I/O: writes YAML files into a folder the caller owns.
"""

from __future__ import annotations

from pathlib import Path

HEADER = """\
# yaml-language-server: $schema=../schemas/interview.schema.json
name: Customer Support Specialist {number}
location: Lisbon, Portugal (hybrid)
mojito_language_code: en
template: Emma (voice)
status: active
visibility: merchant_public
interview_type: pre-screening
description: >-
  Voice screen for customer support specialists handling chat and email.
interview_attempts: 2
max_followups: 1
tags: [support, screening]
questions:
"""

QUESTION = """\
  - key: question-{number}
    question: >-
      Tell me about situation {number}: a customer was upset about something that was
      not your fault. What did you say, and how did it end?{edit}
    duration: 120
    is_without_scoring: false
"""


def spec_text(number: int, questions: int, *, edit: str = "") -> str:
    """One valid spec; `edit` is appended to the first question's text."""
    body = "".join(
        QUESTION.format(number=index, edit=edit if index == 0 else "") for index in range(questions)
    )
    return HEADER.format(number=number) + body


def spec_path(folder: Path, number: int) -> Path:
    return folder / f"support-{number:05d}.yaml"


def write_specs(folder: Path, numbers: range, questions: int, *, edit: str = "") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in numbers:
        spec_path(folder, number).write_text(
            spec_text(number, questions, edit=edit), encoding="utf-8"
        )
