from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from reconciler.api import JobMojitoClient
from reconciler.cli import main
from reconciler.cli import options
from reconciler.cli.templates import format_text
from reconciler.config import Settings
from reconciler.live import Template
from tests.api.fake_server import TOKEN
from tests.api.fake_server import ScriptedServer
from tests.api.fake_server import reply

AVATARS: list[dict[str, object]] = [
    {"id": "t-2", "name": "Zoe", "type": "offline_heygen", "mojito_language_code": "en"},
    {
        "id": "t-1",
        "name": "ava voice",
        "type": "interactive_elevenlabs",
        "mojito_language_code": "fr",
    },
    {"id": "t-3", "name": "Old Bob", "type": "offline_synthesia", "mojito_language_code": None},
    {"id": "t-4", "name": "Max", "type": "interactive_heygen", "mojito_language_code": "de"},
]


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ScriptedServer:
    """A fake API behind `interviews`, run from an empty directory with a token set."""
    fake = ScriptedServer()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("JOBMOJITO_TOKEN", TOKEN)

    def open_client(settings: Settings) -> JobMojitoClient:
        transport = httpx.MockTransport(fake.handle)
        return JobMojitoClient(settings, transport=transport, sleep=lambda _: None)

    monkeypatch.setattr(options, "open_client", open_client)
    return fake


def avatar_page(items: list[dict[str, object]]) -> httpx.Response:
    pagination = {"total": len(items), "limit": 1000, "offset": 0, "has_more": False}
    return reply(body={"data": items, "pagination": pagination})


def test_templates_prints_aligned_columns_sorted_by_name(
    server: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.queue("merchant-avatar-list", avatar_page(AVATARS))

    assert main(["templates"]) == 0

    assert capsys.readouterr().out == (
        "NAME       ID   TYPE                    LANGUAGE  MODALITY\n"
        "ava voice  t-1  interactive_elevenlabs  fr        voice only\n"
        "Max        t-4  interactive_heygen      de        interactive avatar\n"
        "Old Bob    t-3  offline_synthesia       -         legacy: not usable\n"
        "Zoe        t-2  offline_heygen          en        pre-recorded avatar\n"
    )
    assert server.requests[0].url.params["include_public"] == "true"


def test_templates_as_json(server: ScriptedServer, capsys: pytest.CaptureFixture[str]) -> None:
    server.queue("merchant-avatar-list", avatar_page(AVATARS[:1]))

    assert main(["templates", "--format", "json"]) == 0

    assert json.loads(capsys.readouterr().out) == [
        {
            "name": "Zoe",
            "id": "t-2",
            "type": "offline_heygen",
            "language": "en",
            "modality": "pre-recorded avatar",
        }
    ]


def test_templates_says_when_there_are_none(
    server: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.queue("merchant-avatar-list", avatar_page([]))

    assert main(["templates"]) == 0

    assert capsys.readouterr().out == "No templates in this account.\n"


def test_templates_reports_a_rejected_token_without_showing_it(
    server: ScriptedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.queue("merchant-avatar-list", reply(401, {"error": f"JWT {TOKEN} expired"}))

    assert main(["templates", "--api-url", "http://127.0.0.1:9"]) == 1

    captured = capsys.readouterr()
    assert captured.err == (
        "error: JobMojito rejected the token (401 from merchant-avatar-list): it is missing, "
        "expired, or for another environment. Set JOBMOJITO_TOKEN to a token for "
        "http://127.0.0.1:9.\n"
    )
    assert TOKEN not in captured.out + captured.err


def test_templates_without_a_token_explains_how_to_set_one(
    server: ScriptedServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("JOBMOJITO_TOKEN")
    monkeypatch.delenv("SUPABASE_JWT", raising=False)

    assert main(["templates"]) == 1

    assert capsys.readouterr().err == (
        "error: no API credentials: set JOBMOJITO_TOKEN (or SUPABASE_JWT), or JOBMOJITO_EMAIL "
        "and JOBMOJITO_PASSWORD for a service user\n"
    )
    assert server.requests == []


def test_unknown_template_types_are_named() -> None:
    new = Template(id="t", name="N", type="hologram", status="active", mojito_language_code="en")

    assert (
        format_text([new]).splitlines()[1]
        == "N     t   hologram  en        unknown type 'hologram'"
    )
