from __future__ import annotations

from typing import Any

import httpx
import pytest

from reconciler.api.failures import MAX_JSON_DEPTH
from reconciler.api.failures import SNIPPET_CHARS
from reconciler.api.failures import UnreadableJson
from reconciler.api.failures import describe
from reconciler.api.failures import parse_json
from reconciler.api.failures import snippet
from reconciler.api.failures import status_error
from reconciler.config import Secret
from reconciler.errors import ApiError
from reconciler.errors import TransportError

REQUEST = httpx.Request("GET", "https://api.test/job-interview-get")


def test_snippet_flattens_whitespace_and_cuts() -> None:
    assert snippet("  a\n\n b\tc ") == "a b c"
    long = snippet("x" * 500)
    assert len(long) == SNIPPET_CHARS and long.endswith("...")


def test_describe_names_the_failure_kind() -> None:
    assert describe(httpx.ReadTimeout("t", request=REQUEST)) == "no answer in time (ReadTimeout)"
    assert describe(httpx.ConnectError("refused", request=REQUEST)) == (
        "cannot connect to https://api.test (refused)"
    )
    assert describe(httpx.ConnectError("refused")) == "cannot connect to the API (refused)"
    assert describe(httpx.RemoteProtocolError("eof\nmore", request=REQUEST)) == (
        "connection failed (RemoteProtocolError: eof)"
    )


def test_error_body_without_error_field_is_quoted() -> None:
    response = httpx.Response(403, json={"message": "nope"}, request=REQUEST)

    error = status_error(response, "merchant-status", secret=Secret("tok-zz9"))

    assert type(error) is ApiError
    assert str(error) == 'merchant-status answered 403: {"message":"nope"}'


def test_empty_non_json_body_says_so() -> None:
    response = httpx.Response(404, content=b"", request=REQUEST)

    error = status_error(response, "job-interview-get", secret=Secret("tok-zz9"))

    assert isinstance(error, TransportError)
    assert str(error) == (
        "job-interview-get answered 404 with no content type instead of JSON "
        "(is the API URL right?): (empty body)"
    )


def test_parse_json_reads_nesting_up_to_the_limit_and_no_deeper() -> None:
    deepest = b"[" * MAX_JSON_DEPTH + b"]" * MAX_JSON_DEPTH
    expected: list[Any] = []
    for _ in range(MAX_JSON_DEPTH - 1):
        expected = [expected]

    assert parse_json(deepest) == expected
    with pytest.raises(UnreadableJson, match="nested too deep"):
        parse_json(b'{"a": ' + deepest + b"}")
