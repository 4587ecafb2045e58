from __future__ import annotations

import gc
import threading
import time
from collections.abc import Mapping
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.errors import ApiError
from reconciler.errors import AuthError
from reconciler.errors import TransportError
from reconciler.live import Template
from tests.api.fake_server import API_URL
from tests.api.fake_server import TOKEN
from tests.api.fake_server import Client
from tests.api.fake_server import html
from tests.api.fake_server import make_settings
from tests.api.fake_server import reply


def page(items: Sequence[Mapping[str, object]], *, offset: int, total: int) -> httpx.Response:
    has_more = offset + len(items) < total
    pagination = {"total": total, "limit": 2, "offset": offset, "has_more": has_more}
    return reply(body={"data": items, "pagination": pagination})


def test_requests_carry_auth_accept_and_user_agent() -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(body={"name": "Barista"}))

    assert client.api.get_interview("pos-1") == {"name": "Barista"}

    (request,) = client.server.requests
    assert str(request.url) == f"{API_URL}/job-interview-get?position_id=pos-1"
    assert request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert request.headers["Accept"] == "application/json"
    assert request.headers["User-Agent"] == "interviews-as-code/0.1.0"


def test_list_interviews_reads_every_page() -> None:
    client = Client()
    client.server.queue(
        "merchant-interview-list",
        page([{"id": "a"}, {"id": "b"}], offset=0, total=5),
        page([{"id": "c"}, {"id": "d"}], offset=2, total=5),
        page([{"id": "e"}], offset=4, total=5),
    )

    items = client.api.list_interviews(type="interview", status="active", page_size=2)

    assert [item["id"] for item in items] == ["a", "b", "c", "d", "e"]
    offsets = [r.url.params["offset"] for r in client.server.requests]
    assert offsets == ["0", "2", "4"]
    first = client.server.requests[0].url.params
    assert (first["type"], first["status"], first["limit"]) == ("interview", "active", "2")


def test_an_empty_page_claiming_more_ends_the_listing() -> None:
    client = Client()
    client.server.queue("merchant-interview-list", page([], offset=0, total=3))

    assert client.api.list_interviews(type="coaching") == []
    assert len(client.server.requests) == 1


def test_an_api_that_ignores_offset_is_an_error_not_an_endless_listing() -> None:
    client = Client()
    same = [{"id": "a"}, {"id": "b"}]
    client.server.queue(
        "merchant-interview-list", *[page(same, offset=0, total=9) for _ in range(3)]
    )

    with pytest.raises(ApiError) as caught:
        client.api.list_interviews(type="interview", page_size=2)

    assert "the page at offset 2 repeats the one before it" in str(caught.value)
    assert len(client.server.requests) == 2


def test_list_templates_sends_boolean_as_word_and_builds_templates() -> None:
    client = Client()
    item = {"id": "t1", "name": "Ava", "type": "interactive_heygen", "status": "active"}
    other = {"id": "t2", "name": None, "type": "offline_elai", "mojito_language_code": "fr"}
    client.server.queue("merchant-avatar-list", page([item, other], offset=0, total=2))

    templates = client.api.list_templates(include_public=False)

    assert templates == [
        Template(
            id="t1",
            name="Ava",
            type="interactive_heygen",
            status="active",
            mojito_language_code=None,
        ),
        Template(id="t2", name="", type="offline_elai", status="", mojito_language_code="fr"),
    ]
    assert client.server.requests[0].url.params["include_public"] == "false"


def test_list_languages_returns_the_languages() -> None:
    client = Client()
    client.server.queue("platform-languages-list", reply(body={"languages": [{"code": "en"}]}))

    assert client.api.list_languages() == [{"code": "en"}]


def test_writes_post_json_bodies() -> None:
    client = Client()
    client.server.queue("job-interview-update", reply(body={"success": True}))
    client.server.queue("job-interview-set-state", reply(body={"success": True}))

    client.api.update_interview({"position_id": "p1", "name": "New"})
    client.api.set_state("p1", status="archived")

    update, state = client.server.requests
    assert (update.method, update.read()) == ("POST", b'{"position_id":"p1","name":"New"}')
    assert state.read() == b'{"position_id":"p1","status":"archived"}'


def test_set_state_needs_something_to_set() -> None:
    with pytest.raises(ValueError, match="set_state needs a status or is_embedded"):
        Client().api.set_state("p1")


def test_401_explains_the_token_problem() -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(401, {"error": "Invalid JWT"}))

    with pytest.raises(AuthError) as caught:
        client.api.get_interview("p1")

    assert str(caught.value) == (
        "JobMojito rejected the token (401 from job-interview-get): it is missing, expired, or "
        f"for another environment. Set JOBMOJITO_TOKEN to a token for {API_URL}."
    )
    assert (caught.value.status, caught.value.endpoint) == (401, "job-interview-get")


def test_404_carries_the_api_message_endpoint_and_status() -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(404, {"error": "Interview not found"}))

    with pytest.raises(ApiError) as caught:
        client.api.get_interview("p1")

    assert str(caught.value) == "job-interview-get answered 404: Interview not found"
    assert type(caught.value) is ApiError
    assert len(client.server.requests) == 1


def test_422_names_the_field() -> None:
    client = Client()
    body = {"error": "Field is required.", "name": "position_id"}
    client.server.queue("job-interview-update", reply(422, body))

    with pytest.raises(ApiError) as caught:
        client.api.update_interview({"name": "x"})

    assert str(caught.value) == (
        "job-interview-update answered 422: Field is required. (field 'position_id')"
    )
    assert caught.value.field == "position_id"


def test_non_json_success_is_a_transport_error() -> None:
    client = Client()
    client.server.queue("job-interview-get", html(200, "<html>Sign in to continue</html>"))

    with pytest.raises(TransportError) as caught:
        client.api.get_interview("p1")

    assert str(caught.value) == (
        "job-interview-get answered 200 with text/html instead of JSON (is the API URL right?): "
        "<html>Sign in to continue</html>"
    )


def test_a_long_html_error_page_is_cut_short() -> None:
    client = Client(max_attempts=1)
    client.server.queue("job-interview-get", html(502, "<p>" + "gateway " * 100 + "</p>"))

    with pytest.raises(TransportError) as caught:
        client.api.get_interview("p1")

    message = str(caught.value)
    prefix = "job-interview-get answered 502 with text/html instead of JSON: <p>gateway gateway"
    assert message.startswith(prefix)
    assert message.endswith("...")
    assert len(message) < 300


def test_a_json_array_where_an_object_belongs_is_reported() -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(body=[1, 2]))

    with pytest.raises(ApiError) as caught:
        client.api.get_interview("p1")

    assert str(caught.value) == (
        "job-interview-get answered 200 with an unexpected body: a JSON list instead of an object"
    )


def test_stats_count_attempts_retries_and_endpoints() -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(503), reply(body={}), reply(body={}))

    client.api.get_interview("p1")
    client.api.get_interview("p2")

    assert (client.api.stats.requests, client.api.stats.retries) == (3, 1)
    assert dict(client.api.stats.by_endpoint) == {"job-interview-get": 3}


def test_map_parallel_keeps_order_and_bounds_requests_in_flight() -> None:
    lock = threading.Lock()
    in_flight = peak = 0

    def slow_get(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        with lock:
            in_flight += 1
            peak = max(peak, in_flight)
        time.sleep(0.002)
        with lock:
            in_flight -= 1
        return reply(body={"name": request.url.params["position_id"]})

    client = Client(parallelism=3)
    client.server.queue("job-interview-get", *[slow_get] * 60)
    ids = [f"p{n}" for n in range(30)]

    # More callers than slots: the client's limiter, not the caller's pool, bounds the API.
    with ThreadPoolExecutor(max_workers=10) as pool:
        names = list(pool.map(lambda i: client.api.get_interview(i)["name"], ids))
    ordered = client.api.map_parallel(client.api.get_interview, ids)

    assert names == ids
    assert [item["name"] for item in ordered] == ids
    assert 1 <= peak <= 3


def test_map_parallel_settled_reports_failures_in_place() -> None:
    client = Client()
    client.server.queue("job-interview-get", reply(body={}), reply(404, {"error": "Not found"}))

    outcomes = client.api.map_parallel_settled(client.api.get_interview, ["a"])
    failed = client.api.map_parallel_settled(client.api.get_interview, ["b"])

    assert outcomes == [{}]
    assert isinstance(failed[0], ApiError) and failed[0].status == 404


def test_repr_shows_the_url_only() -> None:
    assert repr(Client().api) == f"JobMojitoClient(api_url='{API_URL}')"


def _loop_threads(since: set[threading.Thread]) -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t not in since and t.name == "jobmojito-http"]


def test_closing_stops_the_event_loop_thread_and_closing_again_does_nothing() -> None:
    before = set(threading.enumerate())
    api = JobMojitoClient(make_settings(), transport=httpx.MockTransport(lambda _: reply()))
    api.update_interview({"position_id": "p1"})
    started = _loop_threads(before)

    api.close()
    api.close()

    assert len(started) == 1
    assert not started[0].is_alive()


def test_a_client_dropped_unclosed_stops_its_event_loop_thread() -> None:
    before = set(threading.enumerate())
    api = JobMojitoClient(make_settings(), transport=httpx.MockTransport(lambda _: reply()))
    api.update_interview({"position_id": "p1"})
    [started] = _loop_threads(before)

    del api
    gc.collect()
    started.join(timeout=5)

    assert not started.is_alive()
