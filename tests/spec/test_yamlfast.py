"""The C reader (yamlfast.py, _fastyaml.c) against PyYAML's path, which is the reference:
for every text, either the C reader declines it or both build the same document."""

from __future__ import annotations

import gc
import os
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from reconciler.errors import InvalidSpecError
from reconciler.spec import yamlfast
from reconciler.spec.yamlbuild import MAX_DEPTH
from reconciler.spec.yamlread import Document
from reconciler.spec.yamlread import parse_spec
from reconciler.spec.yamlread import parse_with_pyyaml

ROOT = Path(__file__).resolve().parents[2]

needs_c_reader = pytest.mark.skipif(
    not yamlfast.enabled(), reason="the C reader is not built (no compiler or libyaml headers)"
)


def _view(document: Document) -> tuple[Any, ...]:
    return (
        document.data,
        dict(document.positions),
        dict(document.key_positions),
        document.holds_float,
        document.problems,
    )


def _pyyaml(text: str) -> tuple[Any, ...] | InvalidSpecError:
    try:
        return _view(parse_with_pyyaml(text, "s.yaml"))
    except InvalidSpecError as exc:
        return exc


def _assert_same_or_declined(text: str) -> bool:
    """Whether the C reader read `text` (asserting it read what PyYAML reads)."""
    fast = yamlfast.fast_read(text)
    reference = _pyyaml(text)
    if fast is None:
        return False
    assert not isinstance(reference, InvalidSpecError), f"read what PyYAML refuses: {text!r}"
    data, positions, key_positions, holds_float = fast
    assert (data, positions, key_positions, holds_float, ()) == reference, text
    return True


def test_the_c_reader_is_built_where_libyaml_headers_are() -> None:
    # setup.py builds it as optional: a silent failure would leave every spec on the
    # slow path. IAC_YAML_READER=pyyaml turns it off on purpose.
    if os.environ.get(yamlfast.READER_VARIABLE) == "pyyaml":
        pytest.skip("turned off by IAC_YAML_READER=pyyaml")
    if not Path("/usr/include/yaml.h").exists():
        pytest.skip("no libyaml headers on this machine")
    assert yamlfast.enabled()


@needs_c_reader
@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "interviews").glob("*.yaml")) + sorted((ROOT / "docs").rglob("*.yaml")),
    ids=lambda path: path.name,
)
def test_the_example_specs_are_read_alike(path: Path) -> None:
    assert _assert_same_or_declined(path.read_text(encoding="utf-8"))


@needs_c_reader
def test_a_benchmark_spec_is_read_alike() -> None:
    from benchmarks.specs import spec_text

    assert _assert_same_or_declined(spec_text(7, 20))


@needs_c_reader
@pytest.mark.parametrize(
    "text",
    [
        # plain scalars of every implicit type, and texts that only look like them
        "a: yes\nb: No\nc: on\nd: OFF\ne: true\nf: ~\ng: null\nh:\ni: ''\n",
        "a: 12\nb: -0x1F\nc: 0o17\nd: 017\ne: 1_000\nf: 190:20:30\ng: +12\nh: 0b101\n",
        "a: 1.5\nb: .5\nc: 1e3\nd: 6.8523015e+5\ne: 1_000.5\nf: 190:20:30.15\ng: -.5\n",
        "a: 2001-12-14\nb: 2001-12-14t21:59:43.10-05:00\nc: 2002-12-14 21:59:43.10 -5\n",
        "a: 12abc\nb: yes please\nc: '12'\nd: \"true\"\ne: ==\nf: <<x\ng: 1.2.3\n",
        "a: |\n  two\n  lines\nb: >-\n  folded\n  text\nc: |+\n  kept\n\n",
        "a: [1, two, 3.0, [4, {five: 5}]]\nb: {c: d, e: [f]}\nc: []\nd: {}\n",
        "é: ünïcödé\n名前: 面接\nemoji: \U0001f600 ok\n\"quoted key\": v\n'12': twelve\n",
        "on: key stays text\nnull: also text\n1: number key stays text\n~: tilde\n",
        "'': [a, {'': [b]}]\nx: {'': {'': c}}\n",  # empty keys make odd paths, alike
        "# a comment\nname: A # trailing\n\n\nquestions:\n- key: k\n  question: Q\n",
        "---\nname: explicit start\n...\n",
        "name: A\r\nquestions:\r\n  - question: Q\r\n",
        "\ufeffname: after a byte order mark\n",
        "long: " + "word " * 50 + "\n",
    ],
)
def test_scalars_and_layouts_are_read_alike(text: str) -> None:
    assert _assert_same_or_declined(text)


@needs_c_reader
@pytest.mark.parametrize(
    "text",
    [
        "",  # empty: PyYAML's path says so
        "# only a comment\n",
        "- a list\n- at the top\n",
        "just text\n",
        "a: &x 1\nb: *x\n",  # anchors and aliases: the alias budget is PyYAML's path's
        "a: !!str 12\n",
        "a: !custom x\n",
        "a: ! x\n",
        "!!map {a: 1}\n",
        "%YAML 1.1\n---\na: 1\n",
        "%TAG !e! tag:example.com,2000:\n---\na: 1\n",
        "base: {x: 1}\nq: {<<: {x: 2}, y: 3}\n",  # merge keys
        "a: 1\na: 2\n",  # duplicate keys are reported by PyYAML's path
        "? [a, b]\n: c\n",  # a key that is not text
        "? {a: b}\n: c\n",
        "a: 1\n---\nb: 2\n",  # two documents
        "a: [1, 2\n",  # a parse error
        "a: b: c\n",
        "a:\n\tb: 1\n",  # a tab
        "a: .nan\n",  # not finite: refused with its position by PyYAML's path
        "a: -.inf\n",
        "a: =\n",  # YAML's value key: refused as an unsupported tag
    ],
)
def test_what_needs_pyyaml_is_declined(text: str) -> None:
    assert not _assert_same_or_declined(text)


@needs_c_reader
def test_a_lone_surrogate_is_declined() -> None:
    # Texts come from strict UTF-8 decoding, which never makes one; it has no UTF-8 form.
    assert yamlfast.fast_read("a: \udc80\n") is None


@needs_c_reader
def test_nesting_is_read_up_to_the_limit_and_declined_past_it() -> None:
    def nested(depth: int) -> str:
        return "a: " + "[" * depth + "]" * depth + "\n"

    assert _assert_same_or_declined(nested(MAX_DEPTH))
    assert not _assert_same_or_declined(nested(MAX_DEPTH + 1))
    with pytest.raises(InvalidSpecError) as caught:
        parse_spec(nested(MAX_DEPTH + 1), "s.yaml")
    assert "nesting too deep" in caught.value.problems[0].message


@needs_c_reader
def test_keys_are_interned() -> None:
    read = yamlfast.fast_read("questions:\n- question_unusual_name_for_interning: q\n")
    assert read is not None
    (key,) = read[0]["questions"][0]
    assert key is sys.intern("question_unusual_name_for_interning")


@needs_c_reader
def test_an_error_in_the_plain_scalar_callable_is_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> Any:
        raise RuntimeError(f"broken on {text}")

    monkeypatch.setattr(yamlfast, "_plain_value", broken)
    monkeypatch.setattr(yamlfast, "_KNOWN", {})
    with pytest.raises(RuntimeError, match="broken on yes"):
        yamlfast.fast_read("a: yes\n")


def test_the_variable_turns_the_c_reader_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(yamlfast.READER_VARIABLE, "pyyaml")
    assert not yamlfast.enabled()
    assert yamlfast.fast_read("a: 1\n") is None
    assert parse_spec("a: 1\n", "s.yaml").data == {"a": 1}


@needs_c_reader
def test_reading_leaks_nothing() -> None:
    texts = [
        (ROOT / "interviews" / "senior-backend-engineer.yaml").read_text(encoding="utf-8"),
        "a: [1, {b: yes}]\nc: &x 1\n",  # declined midway
        "a: [1, {b: 2}\n",  # a parse error midway
        "a: {b: c}\na: 2\n",  # declined at a duplicate
    ]

    def read_all(times: int) -> None:
        for _ in range(times):
            for text in texts:
                yamlfast.fast_read(text)

    read_all(50)  # caches filled
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        read_all(500)
        gc.collect()
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 20_000, f"{grown} bytes still held after 2,000 reads"


_KEY = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=8)
_WORDS = st.sampled_from(
    [
        "yes", "No", "on", "off", "true", "False", "null", "~", "", "12", "-3", "0x1A",
        "0o7", "017", "1_0", "1:30", "1.5", ".5", "1e3", "-1.5e-3", "2024-01-31", "=",
        "<<", "0b11", "+1", "1.", "text", "two words", "a: b", "- x", "#x", "x #y", "'q'",
        "\"dq\"", "|", ">", "@at", "`tick", "%p", "!bang", "&amp", "*star", "?q", "{x}",
    ]
)  # fmt: skip
_SCALAR = st.one_of(
    _WORDS,
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=20),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
)


def _nested(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(inner, max_size=4) | st.dictionaries(_KEY | _WORDS, inner, max_size=4)


_VALUE = st.recursive(_SCALAR, _nested, max_leaves=20)


@needs_c_reader
@settings(max_examples=300, deadline=None)
@given(
    data=st.dictionaries(_KEY | _WORDS, _VALUE, min_size=1, max_size=6),
    flow=st.sampled_from([False, True, None]),
    # forced quotes make PyYAML tag numbers and booleans (`!!int "1"`): declined files
    style=st.sampled_from([None, None, None, "'", '"', "|", ">"]),
)
def test_random_documents_are_read_alike_or_declined(
    data: dict[str, Any], flow: bool | None, style: str | None
) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, default_style=style, allow_unicode=True)
    _assert_same_or_declined(text)


@needs_c_reader
@settings(max_examples=300, deadline=None)
@given(
    lines=st.lists(st.tuples(st.sampled_from([0, 0, 2, 4, 1]), _KEY | _WORDS, _WORDS), max_size=8)
)
def test_hand_written_layouts_are_read_alike_or_declined(
    lines: list[tuple[int, str, str]],
) -> None:
    # Texts as people write them, valid or not: indentation, `-` and odd words, unquoted.
    text = "".join(f"{' ' * indent}{key}: {word}\n" for indent, key, word in lines)
    _assert_same_or_declined(text)


@needs_c_reader
@settings(max_examples=500, deadline=None)
@given(text=st.text(st.sampled_from(list(" \n\t\r-:?,[]{}#&*!|>'\"%@`.~<=ab1\u00e9")), max_size=60))
def test_any_text_of_yaml_punctuation_is_read_alike_or_declined(text: str) -> None:
    _assert_same_or_declined(text)
