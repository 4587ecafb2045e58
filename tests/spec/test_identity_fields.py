"""`allow_duplicate_name` and `previous_keys`: loaded, checked by the schema, and
previous keys checked across the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.spec.loader import check_specs
from reconciler.spec.loader import load_spec_text
from tests.spec.helpers import VALID
from tests.spec.helpers import problems_of


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "interviews"
    folder.mkdir()
    return folder


def _messages(folder: Path) -> list[str]:
    _, problems = check_specs(folder)
    return [str(problem) for problem in problems]


def test_both_fields_default_to_off() -> None:
    interview = load_spec_text(VALID, "support.yaml")
    assert interview.allow_duplicate_name is False
    assert interview.previous_keys == ()
    assert "previous_keys" not in interview.values  # ours, never sent to the API


def test_both_fields_are_loaded() -> None:
    text = VALID + "allow_duplicate_name: true\nprevious_keys: [old-support, support-v1]\n"
    interview = load_spec_text(text, "support.yaml")
    assert interview.allow_duplicate_name is True
    assert interview.previous_keys == ("old-support", "support-v1")
    assert "allow_duplicate_name" not in interview.values


def test_previous_keys_must_be_keys() -> None:
    (problem,) = problems_of(VALID + "previous_keys: [Old Support]\n")
    assert problem.startswith("support.yaml:")
    assert "previous_keys" in problem


def test_a_previous_key_may_not_be_another_specs_key(specs: Path) -> None:
    (specs / "support.yaml").write_text(VALID, encoding="utf-8")
    (specs / "other.yaml").write_text(VALID + "previous_keys: [support]\n", encoding="utf-8")
    (message,) = _messages(specs)
    assert message.startswith("interviews/other.yaml:")
    assert 'previous key "support" is the key of interviews/support.yaml' in message


def test_a_previous_key_may_not_be_the_specs_own_key(specs: Path) -> None:
    (specs / "support.yaml").write_text(VALID + "previous_keys: [support]\n", encoding="utf-8")
    (message,) = _messages(specs)
    assert 'previous key "support" is its own key' in message


def test_a_previous_key_may_not_be_claimed_twice(specs: Path) -> None:
    (specs / "a.yaml").write_text(VALID + "previous_keys: [old]\n", encoding="utf-8")
    (specs / "b.yaml").write_text(VALID + "previous_keys: [old]\n", encoding="utf-8")
    (message,) = _messages(specs)
    assert message.startswith("interviews/b.yaml:")
    assert 'previous key "old" is also a previous key in interviews/a.yaml' in message


def test_distinct_previous_keys_are_fine(specs: Path) -> None:
    (specs / "a.yaml").write_text(VALID + "previous_keys: [old-a]\n", encoding="utf-8")
    (specs / "b.yaml").write_text(VALID + "previous_keys: [old-b]\n", encoding="utf-8")
    assert _messages(specs) == []


def test_the_fields_belong_to_the_interview_not_to_its_questions() -> None:
    text = VALID.replace(
        "    question: Which tools do you use?\n",
        "    question: Which tools do you use?\n    previous_keys: [old]\n",
    )
    (problem,) = problems_of(text)
    assert "previous_keys" in problem
