"""Quirks: each plausible reading of the real API changes what is stored or answered, and
nothing else; unknown names are refused with the list of choices."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator import Quirks
from reconciler.emulator import parse_quirks
from tests.emulator.conftest import BASE_URL
from tests.emulator.samples import create_body
from tests.emulator.samples import from_array_body

HEADERS = {"Authorization": "Bearer test-token"}
MARKERS = ["iac:acme/barista", "iac-fp:0123abcd", "team/berlin"]


@pytest.fixture
def quirky() -> Iterator[Emulator]:
    emu = Emulator()
    yield emu
    emu.close()


def _http(emu: Emulator) -> httpx.Client:
    return httpx.Client(transport=emu.transport(), base_url=BASE_URL, headers=HEADERS)


def _create(http: httpx.Client, body: dict[str, Any], path: str = "create-from-array") -> str:
    answer = http.post(f"/job-interview-{path}", json=body)
    assert answer.status_code == 200, answer.text
    return str(answer.json()["interview_def_set_id"])


def _get(http: httpx.Client, interview_id: str) -> dict[str, Any]:
    answer = http.get("/job-interview-get", params={"position_id": interview_id})
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def test_parse_reads_names_and_seconds() -> None:
    quirks = parse_quirks(["drop-tags", "slow-create=0.5", "reject-non-uuid-question-ids"])
    assert quirks == Quirks(drop_tags=True, slow_create_s=0.5, reject_non_uuid_question_ids=True)
    assert parse_quirks([]) == Quirks()


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["drop-tag"], "unknown quirk 'drop-tag'; choose from drop-tags, normalise-tags"),
        (["slow-create"], "quirk slow-create needs seconds above 0"),
        (["preparing-after-create=soon"], "quirk preparing-after-create needs seconds above 0"),
        (["drop-tags=1"], "quirk drop-tags takes no value"),
    ],
)
def test_parse_refuses_what_it_cannot_play(words: list[str], message: str) -> None:
    with pytest.raises(ValueError, match="^" + message):
        parse_quirks(words)


def test_the_emulator_command_refuses_an_unknown_quirk(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["emulator", "--port", "0", "--data", ":memory:", "--quirk", "lose-tags"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith("error: --quirk: unknown quirk 'lose-tags'; choose from drop-tags")
    assert "Traceback" not in err


def test_documented_behaviour_keeps_tags_and_question_keys(quirky: Emulator) -> None:
    with _http(quirky) as http:
        stored = _get(http, _create(http, from_array_body(tags=MARKERS)))
    assert stored["tags"] == MARKERS
    assert [q["external_id"] for q in stored["questions"]] == ["why", "drinks", "favourite"]


def test_drop_tags_stores_no_tags_on_create_or_update(quirky: Emulator) -> None:
    with _http(quirky) as http:
        interview_id = _create(http, from_array_body(tags=MARKERS))
        quirky.set_quirks(Quirks(drop_tags=True))
        dropped = _create(http, from_array_body(tags=MARKERS))
        update = {"position_id": interview_id, "tags": ["other"], "name": "Head barista"}
        assert http.post("/job-interview-update", json=update).status_code == 200
        assert not _get(http, dropped)["tags"]
        kept = _get(http, interview_id)
    assert (kept["tags"], kept["name"]) == (MARKERS, "Head barista")


def test_normalise_tags_turns_colons_and_slashes_into_dashes(quirky: Emulator) -> None:
    quirky.set_quirks(Quirks(normalise_tags=True))
    with _http(quirky) as http:
        stored = _get(http, _create(http, from_array_body(tags=MARKERS)))
    assert stored["tags"] == ["iac-acme-barista", "iac-fp-0123abcd", "team-berlin"]


def test_null_external_id_forgets_question_keys_on_create_and_update(quirky: Emulator) -> None:
    quirky.set_quirks(Quirks(null_external_id=True))
    with _http(quirky) as http:
        interview_id = _create(http, from_array_body())
        created = _get(http, interview_id)["questions"]
        questions = [
            {"id": q["id"], "question": q["question"], "external_id": "k"} for q in created
        ]
        update = {"position_id": interview_id, "questions": questions}
        assert http.post("/job-interview-update", json=update).status_code == 200
        updated = _get(http, interview_id)["questions"]
    assert [q["external_id"] for q in created] == [None, None, None]
    assert [q["external_id"] for q in updated] == [None, None, None]
    assert [q["id"] for q in updated] == [q["id"] for q in created]  # matched by id


def test_slow_create_stores_at_once_and_answers_late(quirky: Emulator) -> None:
    quirky.set_quirks(Quirks(slow_create_s=0.4))
    answers: list[float] = []
    with _http(quirky) as http:
        started = time.monotonic()

        def send() -> None:
            _create(http, from_array_body())
            answers.append(time.monotonic() - started)

        sender = threading.Thread(target=send)
        sender.start()
        while not quirky.interview_ids() and time.monotonic() - started < 5:
            time.sleep(0.01)
        stored_after = time.monotonic() - started
        sender.join()
    assert stored_after < 0.4 <= answers[0]


def test_preparing_after_create_reads_as_preparing_for_a_while(quirky: Emulator) -> None:
    quirky.set_quirks(Quirks(preparing_after_create_s=0.3))
    with _http(quirky) as http:
        own = _create(http, from_array_body())
        generated = _create(http, create_body(), path="create")
        early = [_get(http, own), _get(http, generated)]
        listed = http.get("/merchant-interview-list", params={"type": "interview"}).json()
        time.sleep(0.35)
        late = [_get(http, own), _get(http, generated)]
    assert [(d["status"], len(d["questions"])) for d in early] == [
        ("preparing", 3),
        ("preparing", 0),
    ]
    assert {item["status"] for item in listed["data"]} == {"preparing"}
    assert [d["status"] for d in late] == ["draft", "draft"]
    assert len(late[1]["questions"]) > 0


def test_strip_unknown_fields_ignores_what_is_otherwise_refused(quirky: Emulator) -> None:
    body = from_array_body(color="blue")
    with _http(quirky) as http:
        refused = http.post("/job-interview-create-from-array", json=body)
        quirky.set_quirks(Quirks(strip_unknown_fields=True))
        stored = _get(http, _create(http, body))
    assert (refused.status_code, refused.json()["name"]) == (422, "color")
    assert "color" not in stored


def test_reject_non_uuid_question_ids(quirky: Emulator) -> None:
    quirky.set_quirks(Quirks(reject_non_uuid_question_ids=True))
    body = from_array_body()
    with _http(quirky) as http:
        refused = http.post("/job-interview-create-from-array", json=body)
        handle = str(uuid.uuid4())
        body["questions"][1]["id"] = handle
        body["questions"][2]["conditional_question_main_id"] = handle
        accepted = http.post("/job-interview-create-from-array", json=body)
    assert refused.status_code == 422
    assert refused.json() == {"error": "questions[1].id must be a UUID", "name": "questions[1].id"}
    assert accepted.status_code == 200
