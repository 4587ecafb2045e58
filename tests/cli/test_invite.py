"""`interviews invite KEY` against the emulator: the candidate is registered for the managed
interview itself (job-interview-register-users), refusals are clear, and each reading of
what the spec leaves open either converges or stops with one clear line."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reconciler.emulator import Emulator
from reconciler.emulator import Quirks
from reconciler.emulator.server import serve
from reconciler.emulator.store import Registration
from tests.cli.emulated import emulator
from tests.cli.emulated import run
from tests.cli.emulated import serve_every_command
from tests.cli.emulated import writes
from tests.specwrite.seeding import TOKEN

__all__ = ["emulator"]

REPO = Path(__file__).resolve().parents[2]
ACTIVE = "customer-support-specialist"
DRAFT = "sql-skills-assessment"
CANDIDATE = ("--name", "Ana Silva", "--email", "ana@example.com")
REGISTER = "/job-interview-register-users"


def _copy_examples() -> None:
    Path("interviews").mkdir()
    for key in (ACTIVE, DRAFT):
        shutil.copy(REPO / f"interviews/{key}.yaml", f"interviews/{key}.yaml")


@pytest.fixture
def applied(emulator: Emulator, capsys: pytest.CaptureFixture[str]) -> Emulator:
    _copy_examples()
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    return emulator


def _live_id(emulator: Emulator, key: str) -> str:
    for interview_id in emulator.interview_ids():
        if f"iac:acme/{key}" in emulator.raw_definition(interview_id)["tags"]:
            return interview_id
    raise AssertionError(f"no live interview for {key}")


def test_invite_registers_the_candidate_for_the_interview_itself(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    interview_id = _live_id(applied, ACTIVE)

    code, out, _ = run(capsys, "invite", ACTIVE, *CANDIDATE)

    assert code == 0
    assert out.startswith("interview_url: http://127.0.0.1:8787/i/")
    assert out.endswith("\nemail: not sent (pass the link on, or invite with --send-email)\n")
    request = applied.requests[-1]
    assert (request.path, request.status) == (REGISTER, 200)
    assert request.body == {
        "interview_id": interview_id,
        "users": [{"name": "Ana Silva", "email": "ana@example.com"}],
        "send_email": False,
    }
    assert applied.registrations(interview_id) == (Registration("ana@example.com", False),)
    assert sorted(path.name for path in Path.cwd().iterdir()) == [
        "interviews", "reconciler.toml",
    ]  # fmt: skip


def test_invite_json_with_email_and_external_id(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys, "invite", ACTIVE, *CANDIDATE, "--external-id", "c-1", "--send-email", "--json"
    )

    assert code == 0
    answer = json.loads(out)
    assert sorted(answer) == ["interview_url", "send_email"]
    assert answer["send_email"] is True
    assert answer["interview_url"].startswith("http://127.0.0.1:8787/i/")
    assert applied.requests[-1].body["users"] == [
        {"name": "Ana Silva", "email": "ana@example.com", "external_id": "c-1"}
    ]
    interview_id = _live_id(applied, ACTIVE)
    assert applied.registrations(interview_id) == (Registration("ana@example.com", True),)


def test_the_interview_id_was_never_a_position(
    applied: Emulator, capsys: pytest.CaptureFixture[str]
) -> None:
    """An interview id where a position id is meant: the emulator, like the spec, answers 404."""
    interview_id = _live_id(applied, ACTIVE)
    body = {
        "position_def_set_id": interview_id,
        "candidate_name": "Ana Silva",
        "candidate_email": "ana@example.com",
        "candidate_country_code": "PT",
        "candidate_resume": "CV",
    }
    with httpx.Client(transport=applied.transport()) as http:
        response = http.post(
            "http://127.0.0.1:8787/job-interview-create-for-candidate-with-token",
            json=body,
            headers={"Authorization": f"Bearer {TOKEN}"},
        )
    assert response.status_code == 404
    assert response.json()["name"] == "position_def_set_id"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            (ACTIVE, "--name", "Ana", "--email", "ana.example.com"),
            'error: "ana.example.com" is not an email address\n',
        ),
        (
            (ACTIVE, "--name", " ", "--email", "ana@example.com"),
            "error: the candidate's name is empty; give --name\n",
        ),
        (
            ("nope", *CANDIDATE),
            'error: no spec file has the key "nope"; `interviews validate -v` lists them\n',
        ),
        (
            (DRAFT, *CANDIDATE),
            f'error: "{DRAFT}" is draft, not active: candidates can only be invited to an '
            "active interview (set status: active in its spec and apply)\n",
        ),
    ],
)
def test_invite_refusals_are_clear_and_send_nothing(
    applied: Emulator, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    before = writes(applied)
    code, _, err = run(capsys, "invite", *args)
    assert (code, err) == (1, message)
    assert writes(applied) == before


@pytest.mark.parametrize("old", [("--country", "PT"), ("--resume-text", "CV")])
def test_country_and_resume_are_refused_clearly(
    applied: Emulator, capsys: pytest.CaptureFixture[str], old: tuple[str, str]
) -> None:
    before = writes(applied)
    code, _, err = run(capsys, "invite", ACTIVE, *CANDIDATE, *old)
    assert (code, err) == (
        1,
        "error: invite takes no --country, --resume or --resume-text: it registers the "
        "candidate for the interview itself (job-interview-register-users), which needs "
        "neither; leave them out\n",
    )
    assert writes(applied) == before


def test_a_row_the_api_refuses_is_one_clear_line(
    applied: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The API checks emails per user and answers 200 with an "Error: ..." row."""

    def stricter(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith(REGISTER):
            body = json.loads(request.content)
            rows = [{**user, "result": "Error: mailbox does not exist"} for user in body["users"]]
            return httpx.Response(200, json=rows)
        return applied.handle(request)

    serve_every_command(monkeypatch, stricter)
    code, out, err = run(capsys, "invite", ACTIVE, *CANDIDATE)
    assert (code, out) == (1, "")
    assert err == (
        f'error: JobMojito did not register the candidate for "{ACTIVE}": '
        "Error: mailbox does not exist\n"
    )


def test_a_lost_answer_is_not_resent(
    applied: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def lost(request: httpx.Request) -> httpx.Response:
        response = applied.handle(request)
        if request.url.path.endswith(REGISTER):
            raise httpx.ReadError("connection reset by peer", request=request)
        return response

    serve_every_command(monkeypatch, lost)
    code, _, err = run(capsys, "invite", ACTIVE, *CANDIDATE)
    assert code == 1
    assert err.startswith("error: job-interview-register-users: ")
    assert err.endswith(
        f'after the request was sent; the candidate may or may not be registered for "{ACTIVE}": '
        "check in JobMojito before inviting again (a second invite can email the candidate "
        "twice)\n"
    )
    assert err.count("\n") == 1
    assert [r.path for r in applied.requests].count(REGISTER) == 1
    assert len(applied.registrations(_live_id(applied, ACTIVE))) == 1


# --- over real HTTP, under each reading the spec leaves open --------------------------


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reconciler.toml").write_text('[reconciler]\nnamespace = "acme"\n')
    _copy_examples()
    emulator = Emulator(token=TOKEN)
    with serve(emulator, port=0) as server:
        monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)
        monkeypatch.setenv("JOBMOJITO_API_URL", server.url)
        yield emulator
    emulator.close()


@pytest.mark.parametrize("quirks", [Quirks(), Quirks(send_email_by_default=True)])
def test_no_email_unless_asked_under_either_default(
    served: Emulator, capsys: pytest.CaptureFixture[str], quirks: Quirks
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    served.set_quirks(quirks)

    assert run(capsys, "invite", ACTIVE, *CANDIDATE)[0] == 0
    assert run(capsys, "invite", ACTIVE, "--name", "Bo", "--email", "bo@example.com",
               "--send-email")[0] == 0  # fmt: skip

    assert served.registrations(_live_id(served, ACTIVE)) == (
        Registration("ana@example.com", False),
        Registration("bo@example.com", True),
    )


@pytest.mark.parametrize(
    ("quirks", "second"),
    [
        (Quirks(), (0, "")),
        (
            Quirks(refuse_repeat_registration=True),
            (
                1,
                f'error: JobMojito did not register the candidate for "{ACTIVE}": '
                "Error: the candidate is already registered for this interview\n",
            ),
        ),
    ],
)
def test_inviting_again_converges_or_stops_clearly(
    served: Emulator,
    capsys: pytest.CaptureFixture[str],
    quirks: Quirks,
    second: tuple[int, str],
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    served.set_quirks(quirks)
    assert run(capsys, "invite", ACTIVE, *CANDIDATE)[0] == 0

    code, _, err = run(capsys, "invite", ACTIVE, *CANDIDATE)

    assert (code, err) == second
    expected = 2 if code == 0 else 1
    assert len(served.registrations(_live_id(served, ACTIVE))) == expected
