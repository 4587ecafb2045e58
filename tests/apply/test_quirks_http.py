"""`interviews apply` over real HTTP against an emulator playing each quirk of the real API:
never more than one live interview per name, and either convergence (the next plan is
empty) or a stop with exit 1 and a message that names the cause."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reconciler.apply import applier
from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator import Quirks
from reconciler.emulator.server import EmulatorServer
from reconciler.emulator.server import serve

TOKEN = "quirks-http-token-41c2"
CREATES = ("/job-interview-create", "/job-interview-create-from-array")
BARISTA = """\
name: Barista
location: Berlin
mojito_language_code: en
template: Ava
status: active
type: interview
visibility: merchant_invite
description: Espresso, latte art and friendly service.
tags: [cafe/berlin]
questions:
  - key: why
    question: Why do you want to work in our cafe?
  - key: drinks
    question: Which coffee drinks can you make?
  - key: favourite
    question: Which one do you like best, and why?
    follows: drinks
"""
ROASTER = """\
name: Roaster
location: Hamburg
mojito_language_code: en
template: Ava
status: draft
type: interview
visibility: merchant_invite
description: Roasting green coffee beans, blending and quality control.
generate:
  interview_length: 3
"""
TASTING = """\
name: Cupping Assessment
location: Berlin
mojito_language_code: en
template: Grace (studio)
status: active
type: interview
visibility: merchant_invite
description: Recorded tasting assessment for coffee quality graders.
questions:
  - key: acidity
    question: How do you judge acidity in a washed Ethiopian coffee?
  - key: defects
    question: Which defects do you look for first when cupping?
"""


class Account:
    """A repository in the current directory and an emulator over HTTP behind it."""

    def __init__(self, server: EmulatorServer, emulator: Emulator) -> None:
        self.server = server
        self.emulator = emulator

    def write(self, key: str, text: str) -> None:
        Path("interviews", f"{key}.yaml").write_text(text, encoding="utf-8")

    def creates_sent(self) -> list[str]:
        return [r.path for r in self.emulator.requests if r.path in CREATES]

    def live_per_name(self) -> Counter[str]:
        documents = [self.emulator.raw_definition(i) for i in self.emulator.interview_ids()]
        return Counter(d["name"] for d in documents if d["status"] not in ("archived", "deleted"))


@pytest.fixture
def account(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Account]:
    monkeypatch.chdir(tmp_path)
    # One change at a time, so "no further create" is exact; a create answer slower than
    # the create timeout counts as ambiguous.
    config = (
        '[reconciler]\nnamespace = "acme"\nparallelism = 1\ntimeout_s = 0.5\n'
        "create_timeout_s = 0.5\n"
    )
    (tmp_path / "reconciler.toml").write_text(config, encoding="utf-8")
    (tmp_path / "interviews").mkdir()
    emulator = Emulator(token=TOKEN)
    with serve(emulator, port=0) as server:
        monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
        monkeypatch.setenv("JOBMOJITO_API_URL", server.url)
        account = Account(server, emulator)
        account.write("barista", BARISTA)
        account.write("roaster", ROASTER)
        yield account
    emulator.close()


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.out + captured.err


def apply(capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    return run(capsys, "apply", "--auto-approve", "interviews")


def plan_code(capsys: pytest.CaptureFixture[str]) -> int:
    return run(capsys, "plan", "--detailed-exitcode", "interviews")[0]


@pytest.mark.parametrize("quirks", [Quirks(), Quirks(strip_unknown_fields=True)])
def test_readings_that_change_nothing_we_send_converge(
    account: Account, capsys: pytest.CaptureFixture[str], quirks: Quirks
) -> None:
    account.emulator.set_quirks(quirks)
    assert apply(capsys)[0] == 0
    assert plan_code(capsys) == 0
    assert account.live_per_name() == {"Barista": 1, "Roaster": 1}


@pytest.mark.parametrize("quirks", [Quirks(drop_tags=True), Quirks(normalise_tags=True)])
def test_markers_not_kept_stop_further_creates(
    account: Account, capsys: pytest.CaptureFixture[str], quirks: Quirks
) -> None:
    account.emulator.set_quirks(quirks)
    audit = Path("audit.jsonl")
    code, out = run(capsys, "apply", "--auto-approve", "--audit-log", str(audit), "interviews")
    assert code == 1
    lines = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert [(line["action"], line["outcome"]) for line in lines] == [
        ("job-interview-create-from-array", "failed"),
        ("job-interview-set-state", "done"),
    ]
    assert lines[0]["id"] == lines[1]["id"]
    assert lines[1]["note"] == "archived: its marker tags did not come back verbatim"
    assert (
        "its marker tags did not come back verbatim: sent ['cafe/berlin', 'iac:acme/barista'" in out
    )
    assert "received [" in out
    assert "not sent: the API did not keep the marker tags" in out
    assert "\nDo not run apply again yet: the API did not keep the marker tags" in out
    assert "Run apply again" not in out  # a retry would only meet the same API
    assert len(account.creates_sent()) == 1

    assert f"ok   barista create job-interview-set-state {lines[0]['id']}: archived" in out
    assert account.live_per_name() == {}

    code, out = apply(capsys)  # the same stop again: one create, archived at once
    assert code == 1
    assert len(account.creates_sent()) == 2
    assert account.live_per_name() == {}


def test_question_keys_not_kept_warn_once_and_converge(
    account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    account.emulator.set_quirks(Quirks(null_external_id=True))
    assert apply(capsys)[0] == 0
    assert plan_code(capsys) == 0
    account.write("barista", BARISTA.replace("Which coffee drinks", "Which espresso drinks"))
    code, out = apply(capsys)
    assert code == 0
    assert out.count("warning: the API did not keep question keys (external_id)") == 1
    assert plan_code(capsys) == 0
    assert account.live_per_name() == {"Barista": 1, "Roaster": 1}


@pytest.mark.parametrize(
    "quirks",
    [Quirks(slow_create_s=0.8), Quirks(slow_create_s=0.8, preparing_after_create_s=1.0)],
    ids=["stored", "stored-as-preparing"],
)
def test_a_create_slower_than_the_timeout_is_found_not_sent_again(
    account: Account, capsys: pytest.CaptureFixture[str], quirks: Quirks
) -> None:
    account.emulator.set_quirks(quirks)
    code, out = apply(capsys)
    assert code == 0, out
    assert len(account.creates_sent()) == 2
    time.sleep(quirks.preparing_after_create_s)
    assert plan_code(capsys) == 0
    assert account.live_per_name() == {"Barista": 1, "Roaster": 1}


def test_a_create_slower_than_other_requests_may_be_is_waited_for(
    account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    """Creates have their own timeout: an answer later than timeout_s but within
    create_timeout_s is an answer, not an ambiguous outcome to search for."""
    config = '[reconciler]\nnamespace = "acme"\nparallelism = 1\ntimeout_s = 0.5\n'
    Path("reconciler.toml").write_text(config + "create_timeout_s = 5\n", encoding="utf-8")
    account.emulator.set_quirks(Quirks(slow_create_s=0.8))
    code, out = apply(capsys)
    assert code == 0, out
    assert len(account.creates_sent()) == 2
    reads = [r for r in account.emulator.requests if r.path == "/job-interview-get"]
    assert len(reads) == 2  # each create read back once; no search for a lost answer
    assert plan_code(capsys) == 0


def test_a_create_that_reads_as_preparing_is_not_duplicated(
    account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    account.emulator.set_quirks(Quirks(preparing_after_create_s=0.6))
    first = apply(capsys)[0]
    again = apply(capsys)[0]  # inside the window: the new interviews read as preparing
    assert (first, again) in ((0, 0), (0, 1))
    assert len(account.creates_sent()) == 2
    time.sleep(0.6)
    assert plan_code(capsys) == 0
    assert account.live_per_name() == {"Barista": 1, "Roaster": 1}


def test_question_ids_are_uuids_so_an_api_that_requires_them_converges(
    account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    account.emulator.set_quirks(Quirks(reject_non_uuid_question_ids=True))
    assert apply(capsys)[0] == 0
    assert plan_code(capsys) == 0
    account.write("barista", BARISTA + "  - key: extra\n    question: One more thing?\n")
    assert apply(capsys)[0] == 0  # an update adding a question sends a UUID handle too
    assert plan_code(capsys) == 0
    assert account.live_per_name() == {"Barista": 1, "Roaster": 1}


class _LostCreates(Emulator):
    """Answers `lose` creates with a 502 without storing them, then behaves."""

    def __init__(self, lose: int) -> None:
        super().__init__(token=TOKEN)
        self.lose = lose
        self.lost: list[str] = []

    def handle(self, request: httpx.Request) -> httpx.Response:
        if request.url.path in CREATES and len(self.lost) < self.lose:
            self.lost.append(request.url.path)
            return httpx.Response(502, text="<html>Bad Gateway</html>")
        return super().handle(request)


class _LossyAccount(Account):
    emulator: _LostCreates


@pytest.fixture
def lossy(account: Account, monkeypatch: pytest.MonkeyPatch) -> Iterator[_LossyAccount]:
    """The account behind an emulator that loses the first create; ambiguous creates are
    looked for for 0.3 s."""
    monkeypatch.setattr(applier, "CREATE_RECOVERY_S", 0.3)
    emulator = _LostCreates(lose=1)
    with serve(emulator, port=0) as server:
        monkeypatch.setenv("JOBMOJITO_API_URL", server.url)
        yield _LossyAccount(server, emulator)
    emulator.close()


def test_a_lost_generated_create_is_not_sent_again(
    lossy: _LossyAccount, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("interviews/barista.yaml").unlink()
    started = time.monotonic()
    code, out = apply(capsys)
    assert code == 1
    assert time.monotonic() - started >= 0.3  # looked for it before giving up
    assert "is not created again automatically" in out
    assert "run plan again" in out
    assert (lossy.emulator.lost, lossy.creates_sent()) == (["/job-interview-create"], [])
    assert apply(capsys)[0] == 0  # the next apply creates it, once
    assert lossy.live_per_name() == {"Roaster": 1}


def test_a_lost_create_of_own_questions_is_sent_again_after_the_search(
    lossy: _LossyAccount, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("interviews/roaster.yaml").unlink()
    code, out = apply(capsys)
    assert code == 0, out
    assert lossy.emulator.lost == lossy.creates_sent() == ["/job-interview-create-from-array"]
    assert plan_code(capsys) == 0
    assert lossy.live_per_name() == {"Barista": 1}


def test_a_failed_update_inside_a_publish_sets_the_status_back(
    account: Account,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    Path("interviews/roaster.yaml").unlink()
    account.write("tasting", TASTING)
    assert apply(capsys)[0] == 0
    # A new question on an active pre-rendered interview: draft, update, active. The API
    # refuses the update.
    serve_normally = account.emulator.handle

    def refusing_updates(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/job-interview-update":
            body = {"error": "questions[2] was refused", "name": "ValidationError"}
            return httpx.Response(422, json=body)
        return serve_normally(request)

    monkeypatch.setattr(account.emulator, "handle", refusing_updates)
    added = "  - key: roast\n    question: How would you describe a light roast?\n"
    account.write("tasting", TASTING + added)
    audit = tmp_path / "audit.jsonl"
    code, out = run(capsys, "apply", "--auto-approve", "--audit-log", str(audit), "interviews")
    assert code == 1
    assert "questions[2] was refused" in out
    assert "tasting: status set back to active after job-interview-update failed" in out
    (tasting,) = [
        account.emulator.raw_definition(i)
        for i in account.emulator.interview_ids()
        if account.emulator.raw_definition(i)["name"] == "Cupping Assessment"
    ]
    assert tasting["status"] == "active"
    lines = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert [(line["action"], line["outcome"]) for line in lines] == [
        ("job-interview-set-state", "done"),
        ("job-interview-update", "failed"),
        ("job-interview-set-state", "done"),
    ]
    assert lines[-1]["note"] == "status set back to active after job-interview-update failed"
    monkeypatch.setattr(account.emulator, "handle", serve_normally)
    assert apply(capsys)[0] == 0
    assert plan_code(capsys) == 0


def test_a_publish_held_back_after_lost_markers_sets_the_status_back(
    account: Account, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("interviews/barista.yaml").unlink()
    Path("interviews/roaster.yaml").unlink()
    account.write("tasting", TASTING)
    assert apply(capsys)[0] == 0
    account.emulator.set_quirks(Quirks(drop_tags=True))
    account.write("barista", BARISTA)  # created first, it shows that tags are not kept
    added = "  - key: roast\n    question: How would you describe a light roast?\n"
    account.write("tasting", TASTING + added)
    code, out = apply(capsys)
    assert code == 1
    assert "skip tasting update job-interview-update" in out
    assert "tasting: status set back to active after job-interview-update was not sent" in out
    statuses = {
        document["name"]: document["status"]
        for document in map(account.emulator.raw_definition, account.emulator.interview_ids())
    }
    assert statuses == {"Cupping Assessment": "active", "Barista": "archived"}
