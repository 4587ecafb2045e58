from __future__ import annotations

from reconciler import registry
from reconciler.spec.reference import REFERENCE_PATH, render_reference


def test_committed_reference_is_up_to_date() -> None:
    assert REFERENCE_PATH.read_text(encoding="utf-8") == render_reference(), (
        "run: python -m reconciler.spec.reference"
    )


def test_reference_lists_every_field_with_how_it_changes() -> None:
    text = render_reference()
    for field in (*registry.INTERVIEW_FIELDS, *registry.QUESTION_FIELDS):
        assert f"| `{field.spec.removeprefix('generate.')}` |" in text
    assert "| `mojito_language_code` | string |" in text
    assert "**recreate** (immutable)" in text
    assert "**recreate** (create-only)" in text
