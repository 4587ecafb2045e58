"""Property: whatever the bytes of a spec file, loading raises only InvalidSpecError.

Mutations start from a valid spec and the examples: byte flips, deletions, insertions of
YAML-significant characters, truncations, and structural edits of the parsed data.
"""

from __future__ import annotations

import os
from typing import Any

import yaml
from hypothesis import HealthCheck
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from reconciler.errors import InvalidSpecError
from reconciler.spec.loader import load_spec_text
from reconciler.spec.yamlread import read_spec
from tests.conftest import REPO_ROOT
from tests.spec.helpers import VALID

EXAMPLE_FILES = sorted((REPO_ROOT / "interviews").glob("*.yaml"))
EXAMPLES = (*(path.read_bytes() for path in EXAMPLE_FILES), VALID.encode())
SIGNIFICANT = [b":", b"-", b" ", b"\n", b"\t", b"&a", b"*a", b"[", b"{", b"'", b'"', b"#",
               b"!!", b"<<", b"---", b"\x00", b"\xff", b"? ", b"|", b">"]  # fmt: skip
EXAMPLES_RUN = int(os.environ.get("IAC_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(
    max_examples=EXAMPLES_RUN, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    raw = bytearray(draw(st.sampled_from(EXAMPLES)))
    for _ in range(draw(st.integers(1, 6))):
        where = draw(st.integers(0, len(raw)))
        action = draw(st.sampled_from(["insert", "delete", "flip", "truncate"]))
        if action == "insert":
            raw[where:where] = draw(st.sampled_from(SIGNIFICANT))
        elif action == "delete":
            del raw[where : where + draw(st.integers(1, 20))]
        elif action == "flip" and where < len(raw):
            raw[where] = draw(st.integers(0, 255))
        elif action == "truncate":
            del raw[where:]
    return bytes(raw)


def _json_values() -> st.SearchStrategy[Any]:
    scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    return st.recursive(
        scalars,
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=3)
        ),
        max_leaves=8,
    )


@st.composite
def mutated_data(draw: st.DrawFn) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(VALID)
    names = [*data, "generate", "status", "max_duration", "key", "lint", "protect"]
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from(names))
        if draw(st.booleans()):
            data[name] = draw(_json_values())
        else:
            data.pop(name, None)
    question = draw(st.dictionaries(st.sampled_from(
        ["key", "question", "follows", "is_multiple_choice", "question_alternatives",
         "duration", "lint", "is_conditional"]), _json_values(), max_size=5))  # fmt: skip
    data.setdefault("questions", [])
    if isinstance(data["questions"], list):
        data["questions"].append(question)
    return data


def _load(raw: bytes) -> None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            read_spec(raw, "mutated.yaml")
        except InvalidSpecError:
            return
        raise AssertionError("undecodable bytes were accepted") from None
    try:
        load_spec_text(text, "mutated.yaml")
    except InvalidSpecError as exc:
        assert exc.problems, "an InvalidSpecError must carry its problems"


@SETTINGS
@given(mutated_bytes())
def test_mutated_files_raise_only_invalid_spec_error(raw: bytes) -> None:
    _load(raw)


@SETTINGS
@given(mutated_data())
def test_mutated_specs_raise_only_invalid_spec_error(data: dict[str, Any]) -> None:
    _load(yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
