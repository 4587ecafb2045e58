from __future__ import annotations

from reconciler import registry
from reconciler.spec.loader import load_spec_text
from reconciler.spec.reference import REFERENCE_PATH
from reconciler.spec.reference import render_reference
from tests.conftest import REPO_ROOT


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


def test_readme_example_is_a_valid_spec() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- spec:start -->")[1].split("<!-- spec:end -->")[0]
    example = section.split("```yaml\n")[1].split("```")[0]
    interview = load_spec_text(example, "interviews/support-screen.yaml")
    assert interview.key == "support-screen"
    assert interview.questions is not None
    assert [q.key_derived for q in interview.questions] == [False, False, True]
