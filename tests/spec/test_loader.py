from __future__ import annotations

import os
from pathlib import Path

import pytest

from reconciler.errors import InvalidSpecError
from reconciler.errors import LoadError
from reconciler.spec.frozen import thaw
from reconciler.spec.loader import check_specs
from reconciler.spec.loader import load_spec_text
from reconciler.spec.loader import load_specs
from reconciler.spec.model import Location
from tests.conftest import REPO_ROOT
from tests.spec.helpers import VALID
from tests.spec.helpers import problems_of


@pytest.fixture
def specs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty interviews/ folder; the working directory is its parent."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "interviews"
    folder.mkdir()
    return folder


def _messages(folder: Path) -> list[str]:
    _, problems = check_specs(folder)
    return [str(problem) for problem in problems]


def test_values_hold_only_what_the_spec_sets() -> None:
    interview = load_spec_text(VALID + "max_duration: 1800\n", "interviews/support.yaml")
    assert interview.key == "support"
    assert dict(interview.values) == {
        "name": "Support screen",
        "location": "Remote",
        "mojito_language_code": "en",
        "description": "A short screen.",
        "max_duration": 1800,
    }
    assert interview.template == "Ava"
    assert interview.protect is False
    assert interview.import_id is None


def test_top_level_values_and_question_texts_keep_their_position() -> None:
    interview = load_spec_text(VALID, "interviews/support.yaml")
    assert interview.location_of("name") == Location("interviews/support.yaml", 1, 7)
    assert interview.location_of("questions.1.question") == Location(
        "interviews/support.yaml", 10, 15
    )
    assert interview.questions is not None
    assert interview.questions[1].location == Location("interviews/support.yaml", 9, 5)
    # Other nested positions served validation and are not kept (memory): the file's.
    assert interview.location_of("questions.1.key") == interview.location


def test_questions_keep_order_keys_and_values() -> None:
    interview = load_spec_text(VALID, "support.yaml")
    assert interview.questions is not None
    assert [(q.key, q.text, q.key_derived) for q in interview.questions] == [
        ("intro", "Tell me about yourself.", False),
        ("tools", "Which tools do you use?", False),
    ]


def test_derived_keys_follows_and_lint() -> None:
    text = VALID.split("questions:")[0] + (
        "lint: {ignore: [IAC302], reason: Legacy name.}\n"
        "questions:\n"
        "  - question: Tell me about a time you failed at work.\n"
        "  - question: Tell me about a time you failed again.\n"
        "    follows: tell-me-about-a-time\n"
        "    lint: {ignore: [IAC101, IAC102], reason: Wording agreed with legal.}\n"
    )
    interview = load_spec_text(text, "support.yaml")
    assert interview.lint_ignore == ("IAC302",)
    assert interview.questions is not None
    first, second = interview.questions
    assert (first.key, first.key_derived) == ("tell-me-about-a-time", True)
    assert (second.key, second.follows) == ("tell-me-about-a-time-2", "tell-me-about-a-time")
    assert second.lint_ignore == ("IAC101", "IAC102")
    assert "lint" not in second.values and "follows" not in second.values


def test_generate_spec_has_unmanaged_questions() -> None:
    text = VALID.split("questions:")[0] + (
        "protect: true\nimport_id: 7a1c0001-0000-4000-8000-00000000000a\n"
        "generate:\n  interview_length: 8\n  additional_context: {focus: [sql]}\n"
    )
    interview = load_spec_text(text, "support.yaml")
    assert interview.questions is None
    assert interview.generate is not None
    assert thaw(interview.generate) == {
        "interview_length": 8,
        "additional_context": {"focus": ["sql"]},
    }
    assert interview.protect is True
    assert interview.import_id == "7a1c0001-0000-4000-8000-00000000000a"


def test_loaded_values_are_frozen() -> None:
    interview = load_spec_text(VALID + "tags: [a, b]\n", "support.yaml")
    assert interview.values["tags"] == ("a", "b")
    with pytest.raises(TypeError):
        interview.values["name"] = "x"  # type: ignore[index]


def test_file_stem_that_is_not_a_key() -> None:
    assert problems_of(VALID, "interviews/Senior Backend.yaml") == [
        'interviews/Senior Backend.yaml:1:1: file name "Senior Backend.yaml" does not make a '
        "valid key (rename the file to senior-backend.yaml, or set key: senior-backend)"
    ]


def test_explicit_key_overrides_the_stem() -> None:
    assert load_spec_text("key: support\n" + VALID, "Support Screen.yaml").key == "support"


def test_folder_is_walked_recursively_and_sorted_by_key(specs: Path) -> None:
    (specs / "team").mkdir()
    (specs / "zeta.yaml").write_text(VALID, encoding="utf-8")
    (specs / "team" / "alpha.yml").write_text(VALID, encoding="utf-8")
    (specs / "notes.txt").write_text("not a spec", encoding="utf-8")
    (specs / ".draft.yaml").write_text("broken: [", encoding="utf-8")
    interviews = load_specs(specs)
    assert [(i.key, i.file) for i in interviews] == [
        ("alpha", "interviews/team/alpha.yml"),
        ("zeta", "interviews/zeta.yaml"),
    ]


def test_duplicate_interview_keys_across_files(specs: Path) -> None:
    (specs / "support.yaml").write_text(VALID, encoding="utf-8")
    (specs / "other.yaml").write_text("key: support\n" + VALID, encoding="utf-8")
    assert _messages(specs) == [
        'interviews/support.yaml:1:1: duplicate interview key "support" (also in '
        "interviews/other.yaml) (keys must be unique in the repository: rename the file or "
        "set key:)"
    ]


def test_problems_of_several_files_come_together(specs: Path) -> None:
    (specs / "a.yaml").write_text(VALID + "status: activ\n", encoding="utf-8")
    (specs / "b.yaml").write_text("", encoding="utf-8")
    (specs / "c.yaml").write_text(VALID, encoding="utf-8")
    interviews, problems = check_specs(specs)
    assert [i.key for i in interviews] == ["c"]
    assert [p.file for p in problems] == ["interviews/a.yaml", "interviews/b.yaml"]
    with pytest.raises(InvalidSpecError) as caught:
        load_specs(specs)
    assert str(caught.value) == "2 problems in the spec files"


def test_file_over_one_mebibyte_is_not_read(specs: Path) -> None:
    (specs / "big.yaml").write_bytes(b"#" * (1024 * 1024 + 1))
    assert _messages(specs) == [
        "interviews/big.yaml:1:1: file is larger than 1 MiB (1048577 bytes) "
        "(one interview per file; split it or remove it)"
    ]


def test_symlink_loop_in_the_folder(specs: Path) -> None:
    (specs / "team").mkdir()
    (specs / "team" / "a.yaml").write_text(VALID, encoding="utf-8")
    os.symlink("..", specs / "team" / "back")
    interviews, problems = check_specs(specs)
    assert [i.key for i in interviews] == ["a"]
    assert [str(p) for p in problems] == [
        "interviews/team/back:1:1: symlink loop: this link leads back to interviews "
        "(remove the link or point it elsewhere)"
    ]


def test_self_referencing_symlink(specs: Path) -> None:
    os.symlink("loop.yaml", specs / "loop.yaml")
    assert _messages(specs) == [
        "interviews/loop.yaml:1:1: symlink loop: this link never reaches a file "
        "(remove the link or point it at a real file)"
    ]


def test_broken_symlink_to_a_spec(specs: Path) -> None:
    os.symlink("gone.yaml", specs / "link.yaml")
    assert _messages(specs) == [
        "interviews/link.yaml:1:1: cannot read: No such file or directory "
        "(remove the broken link or restore its target)"
    ]


def test_folder_linked_twice_is_read_once(specs: Path, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # a repository around both: links inside it are followed
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "a.yaml").write_text(VALID, encoding="utf-8")
    os.symlink(shared, specs / "one")
    os.symlink(shared, specs / "two")
    assert [i.file for i in load_specs(specs)] == ["interviews/one/a.yaml"]


def test_a_single_file_can_be_named(specs: Path) -> None:
    (specs / "support.yaml").write_text(VALID, encoding="utf-8")
    assert [i.key for i in load_specs(specs / "support.yaml")] == ["support"]


def test_missing_path_is_a_load_error(specs: Path) -> None:
    with pytest.raises(LoadError, match=r"^nowhere: no such file or folder$"):
        load_specs(Path("nowhere"))


def test_paths_outside_the_working_directory_stay_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "support.yaml").write_text(VALID, encoding="utf-8")
    monkeypatch.chdir(REPO_ROOT)
    assert load_specs(tmp_path)[0].file == str(tmp_path / "support.yaml")


def test_the_examples_load() -> None:
    interviews = load_specs(REPO_ROOT / "interviews")
    assert len(interviews) >= 5
    assert any(i.generate is not None for i in interviews)
    assert any(q.key_derived for i in interviews for q in i.questions or ())
