"""Spec texts shared by the spec tests."""

from __future__ import annotations

import pytest

from reconciler.errors import InvalidSpecError
from reconciler.spec.loader import load_spec_text

VALID = """\
name: Support screen
location: Remote
mojito_language_code: en
template: Ava
description: A short screen.
questions:
  - key: intro
    question: Tell me about yourself.
  - key: tools
    question: Which tools do you use?
"""


def problems_of(text: str, filename: str = "support.yaml") -> list[str]:
    """Every problem of one spec text, as `validate` prints them."""
    with pytest.raises(InvalidSpecError) as caught:
        load_spec_text(text, filename)
    return [str(problem) for problem in caught.value.problems]
