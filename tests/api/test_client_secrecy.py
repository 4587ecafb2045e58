"""The token appears in no exception text, log record or captured output, whatever fails."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest

from reconciler.errors import ReconcilerError
from tests.api.fake_server import TOKEN
from tests.api.fake_server import Client
from tests.api.fake_server import Reply
from tests.api.fake_server import html
from tests.api.fake_server import reply

ECHOING = f"bad token Bearer {TOKEN} for merchant"

SCENARIOS: dict[str, tuple[str, list[Reply], Callable[[Client], object]]] = {
    "401": (
        "job-interview-get",
        [reply(401, {"error": ECHOING})],
        lambda c: c.api.get_interview("p"),
    ),
    "422 echoing the token": (
        "job-interview-update",
        [reply(422, {"error": ECHOING, "name": TOKEN})],
        lambda c: c.api.update_interview({"position_id": "p"}),
    ),
    "html echoing the token": (
        "job-interview-get",
        [html(200, f"<p>{ECHOING}</p>")],
        lambda c: c.api.get_interview("p"),
    ),
    "ambiguous create": (
        "job-interview-create",
        [reply(500, {"error": ECHOING})],
        lambda c: c.api.create_interview({"name": "x"}),
    ),
    "transport": (
        "merchant-interview-list",
        [httpx.ReadError, httpx.ReadError],
        lambda c: c.api.list_interviews(type="interview"),
    ),
}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_token_is_absent_from_errors_logs_and_output(
    name: str, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint, replies, call = SCENARIOS[name]
    client = Client(max_attempts=2)
    client.server.queue(endpoint, *replies)
    caplog.set_level(logging.DEBUG)

    with pytest.raises(ReconcilerError) as caught:
        call(client)

    error = caught.value
    texts = [str(error), repr(error), repr(client.api), repr(client.api.stats), str(error.args)]
    texts += [record.getMessage() for record in caplog.records]
    texts += list(capsys.readouterr())
    assert caplog.records, "the client logs each request"
    assert all(TOKEN not in text for text in texts)


def test_each_request_is_logged_once_without_headers(caplog: pytest.LogCaptureFixture) -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(503), reply(body={}))
    caplog.set_level(logging.DEBUG, logger="reconciler.api")

    client.api.get_interview("p1")

    lines = [r.getMessage() for r in caplog.records if " -> " in r.getMessage()]
    assert [line.split(" in ")[0] for line in lines] == [
        "GET job-interview-get -> 503",
        "GET job-interview-get -> 200",
    ]
    assert lines[0].endswith("(attempt 1)") and lines[1].endswith("(attempt 2)")
    assert all("Bearer" not in r.getMessage() for r in caplog.records)
