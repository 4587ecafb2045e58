from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from reconciler.errors import InvalidSpecError
from reconciler.spec import yamlread
from reconciler.spec.textfile import MAX_FILE_BYTES
from reconciler.spec.yamlread import read_spec
from tests.conftest import REPO_ROOT


def _problems(raw: bytes) -> list[str]:
    with pytest.raises(InvalidSpecError) as caught:
        read_spec(raw, "s.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_values_and_positions_are_recorded() -> None:
    document = read_spec(b"name: A\nquestions:\n  - question: Q\n    duration: 60\n", "s.yaml")
    assert document.data == {"name": "A", "questions": [{"question": "Q", "duration": 60}]}
    assert document.positions["questions.0.duration"] == (4, 15)
    assert document.key_positions["questions.0.duration"] == (4, 5)
    assert document.positions["questions.0"] == (3, 5)


def test_dates_and_yaml_1_1_words_stay_as_written_where_it_matters() -> None:
    document = read_spec(b"interview_available_till: 2025-12-31\non: yes\n", "s.yaml")
    assert document.data == {"interview_available_till": "2025-12-31", "on": True}


def test_merge_keys_are_supported_and_own_keys_win() -> None:
    raw = b"base: &b {duration: 60, label: x}\nq: {<<: *b, label: y}\n"
    assert read_spec(raw, "s.yaml").data["q"] == {"duration": 60, "label": "y"}


def test_invalid_yaml_reports_the_position() -> None:
    assert _problems(b"name: A\nquestions: [\n") == [
        "s.yaml:3:1: invalid YAML: did not find expected node content "
        "(check the indentation and quoting here)"
    ]


def test_a_list_is_not_a_spec() -> None:
    assert _problems(b"- name: A\n") == [
        "s.yaml:1:1: the file must be a mapping of fields, not a list "
        "(start with `name: ...` at the left margin)"
    ]


def test_a_single_value_is_not_a_spec() -> None:
    assert _problems(b"just some text\n") == [
        "s.yaml:1:1: the file must be a mapping of fields, not a single value "
        "(start with `name: ...` at the left margin)"
    ]


@pytest.mark.parametrize("raw", [b"", b"\n\n", b"# only a comment\n"])
def test_empty_file(raw: bytes) -> None:
    assert _problems(raw) == [
        "s.yaml:1:1: empty file (write an interview here (name, location, ...) or delete the file)"
    ]


def test_tabs_in_indentation() -> None:
    assert _problems(b"name: A\ngenerate:\n\tinterview_length: 5\n") == [
        "s.yaml:3:1: tabs are not allowed for indentation; use spaces"
    ]


def test_non_utf8_bytes_report_the_offset() -> None:
    assert _problems(b"name: A\nlocation: M\xfcnchen\n") == [
        "s.yaml:2:12: not valid UTF-8: byte 0xfc at offset 19 (save the file as UTF-8)"
    ]


def test_binary_file() -> None:
    assert _problems(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") == [
        "s.yaml:3:1: binary file (contains NUL bytes) "
        "(only YAML text files belong in the interviews folder)"
    ]


def test_utf8_byte_order_mark_is_accepted() -> None:
    assert read_spec(b"\xef\xbb\xbfname: A\n", "s.yaml").data == {"name": "A"}


def test_duplicate_mapping_keys_are_reported_not_silently_dropped() -> None:
    document = read_spec(b"name: A\nlocation: B\nname: C\n", "s.yaml")
    assert [str(p) for p in document.problems] == [
        's.yaml:3:1: duplicate key "name" (first at line 1) '
        "(remove one; YAML would silently keep the last)"
    ]


def test_duplicate_keys_inside_a_question() -> None:
    document = read_spec(b"questions:\n  - question: A\n    question: B\n", "s.yaml")
    assert [p.message for p in document.problems] == ['duplicate key "question" (first at line 2)']


def test_several_documents_in_one_file() -> None:
    assert _problems(b"name: A\n---\nname: B\n") == [
        "s.yaml:2:1: more than one YAML document in the file "
        "(one interview per file: move the part after '---' to its own file)"
    ]


def test_billion_laughs_is_refused_before_expansion() -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    assert _problems("\n".join(lines).encode()) == [
        "s.yaml:6:5: YAML aliases expand too far (possible alias bomb) "
        "(write the values out instead of repeating anchors)"
    ]


def test_few_aliases_expanding_too_far_are_refused() -> None:
    lines = ["a0: &a0 [" + ", ".join(["x"] * 60) + "]"]
    for level in range(1, 5):
        lines.append(f"a{level}: &a{level} [*a{level - 1}, *a{level - 1}, *a{level - 1}]")
    lines.append("a5: [" + ", ".join(["*a4"] * 35) + "]")
    assert _problems("\n".join(lines).encode())[0].startswith(
        "s.yaml:6:5: YAML aliases expand too far (possible alias bomb)"
    )


def test_recursive_alias_is_refused() -> None:
    assert _problems(b"a: &a [*a]\n") == [
        "s.yaml:1:4: YAML aliases expand too far (possible alias bomb) "
        "(write the values out instead of repeating anchors)"
    ]


def test_file_over_one_mebibyte() -> None:
    raw = b"name: A\n" + b"# padding\n" * (MAX_FILE_BYTES // 10)
    assert _problems(raw) == [
        f"s.yaml:1:1: file is larger than 1 MiB ({len(raw)} bytes) "
        "(one interview per file; split it or remove it)"
    ]


def test_python_tags_are_refused() -> None:
    assert _problems(b"name: !!python/object/apply:os.system [echo hi]\n") == [
        "s.yaml:1:7: unsupported YAML tag !!python/object/apply:os.system "
        "(remove the tag; specs use plain YAML values only)"
    ]


def test_a_bad_explicit_scalar_is_a_problem_not_a_crash() -> None:
    assert _problems(b"max_duration: !!int twenty\n") == ["s.yaml:1:15: invalid int value 'twenty'"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('!!float ""', "invalid float value ''"),
        ('!!int ""', "invalid int value ''"),
        ('!!int "-"', "invalid int value '-'"),
        ("!!float _", "invalid float value '_'"),
        ('!!bool "maybe"', "invalid bool value 'maybe'"),
        ('!!bool ""', "invalid bool value ''"),
        ("!!int " + "7" * 5000, f"invalid int value '{'7' * 5000}'"),
    ],
)
def test_a_tagged_value_pyyaml_cannot_read_is_a_located_problem(value: str, message: str) -> None:
    assert _problems(f"name: {value}\n".encode()) == [f"s.yaml:1:7: {message}"]


def test_complex_mapping_keys_are_refused() -> None:
    assert _problems(b"? [a, b]\n: 1\n") == ["s.yaml:1:3: mapping keys must be plain text"]


def test_deep_nesting_is_refused() -> None:
    raw = b"a: " + b"[" * 100 + b"]" * 100 + b"\n"
    assert _problems(raw) == ["s.yaml:1:68: YAML nesting too deep (over 64 levels)"]


@pytest.mark.parametrize("word", [".nan", ".inf", "-.Inf"])
def test_numbers_json_cannot_carry_are_refused(word: str) -> None:
    assert _problems(f"name: A\nquestions_random_subset: {word}\n".encode()) == [
        f"s.yaml:2:26: {word} is not a finite number "
        "(the API stores JSON, which has no NaN or infinity: write a number)"
    ]


_BOMB = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
).encode()
_TEXTS = [
    *(path.read_bytes() for path in sorted((REPO_ROOT / "interviews").glob("*.yaml"))),
    "\ufeffname: A\nwhen: 2025-12-31\non: yes\nn: ~\nf: 1.5e+3\nt: é😀\n".encode(),
    b"base: &b {duration: 60, label: x}\nq: {<<: *b, label: y}\n",
    b"a: 1\nq:\n  - {b: 2, b: 3}\na: 4\n",
    b"a: |\n  block\nb: >-\n  folded\n  text\nc: 'it''s'\nd: \"\\u00e9\\t\"\n",
    _BOMB,
    b"a: &a [*a]\n",
    b"a: " + b"[" * 100 + b"]" * 100 + b"\n",
    b"a: !!python/object:os.system x\nb: !!int x\nc: .nan\n",
    b"? [a, b]\n: 1\n",
    b"",
    b"- a\n",
    b"a: 1\n---\nb: 2\n",
    b"a:\n\tb: 1\n",
    b"name: A\nquestions: [\n",
    b"a: b: c\n",
    b"a: [1, 2\nb: 3\n",
    b"a: |\n  text\n b: 1\n",
    b"a: *nope\n",
]


def _outcome(raw: bytes) -> Any:
    try:
        document = read_spec(raw, "s.yaml")
    except InvalidSpecError as exc:
        # The parser's own words for a syntax error are libyaml's or PyYAML's, and may
        # point a column apart; the line and everything else are the same.
        return [
            re.sub(r"^(s\.yaml:\d+):\d+: invalid YAML: .*", r"\1: invalid YAML", str(problem))
            for problem in exc.problems
        ]
    positions = dict(document.positions), dict(document.key_positions)
    return document.data, positions, document.problems


@pytest.mark.skipif(not yamlread.C_LOADER, reason="PyYAML here was built without libyaml")
def test_specs_are_read_with_pyyamls_c_loader_where_it_is_built() -> None:
    assert issubclass(yamlread._Loader, yaml.CSafeLoader)


@pytest.mark.parametrize("raw", _TEXTS)
def test_the_pure_python_loader_reads_what_the_c_loader_reads(
    raw: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where PyYAML lacks libyaml, specs read the same: data, positions and problems."""
    if not yamlread.C_LOADER:
        pytest.skip("PyYAML here was built without libyaml: nothing to compare")
    read_by_c = _outcome(raw)
    monkeypatch.setattr(yamlread, "_Loader", yamlread.PureLoader)
    assert _outcome(raw) == read_by_c
