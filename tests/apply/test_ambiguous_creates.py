"""A create whose outcome is unknown is looked for with doubling pauses that add up to the
recovery bound, before it is sent again; a generated create is never sent again."""

from __future__ import annotations

from pathlib import Path

import httpx

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import CREATE_ATTEMPTS
from reconciler.apply.applier import apply_plan
from reconciler.config import Settings
from reconciler.emulator import Emulator
from reconciler.workflow import plan_from_specs
from tests.apply.test_quirks_http import BARISTA
from tests.apply.test_quirks_http import CREATES
from tests.apply.test_quirks_http import ROASTER


def _lose_every_create(emulator: Emulator) -> tuple[httpx.MockTransport, list[str]]:
    """A client transport that answers every create 502 without storing it."""
    lost: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path in CREATES:
            lost.append(request.url.path)
            return httpx.Response(502, text="<html>Bad Gateway</html>")
        return emulator.handle(request)

    return httpx.MockTransport(handle), lost


def _apply(
    tmp_path: Path, spec: str, emulator: Emulator, settings: Settings
) -> tuple[list[float], list[str], list[str]]:
    (tmp_path / "interviews").mkdir()
    (tmp_path / "interviews" / "one.yaml").write_text(spec, encoding="utf-8")
    transport, lost = _lose_every_create(emulator)
    pauses: list[float] = []
    with JobMojitoClient(settings, transport=transport, sleep=lambda _: None) as client:
        made = plan_from_specs(tmp_path / "interviews", client, settings)
        result = apply_plan(made, client, recovery_s=10, sleep=pauses.append)
    assert not result.ok
    return pauses, lost, [step.message for step in result.having("failed")]


def test_a_lost_generated_create_is_looked_for_once_and_not_sent_again(
    tmp_path: Path, emulator: Emulator, settings: Settings
) -> None:
    pauses, lost, messages = _apply(tmp_path, ROASTER, emulator, settings)
    assert pauses == [0.5, 1, 2, 4, 2.5]
    assert lost == ["/job-interview-create"]
    assert "did not appear within 10 s" in messages[0]
    assert "run plan again" in messages[0]


def test_a_lost_create_of_own_questions_is_looked_for_before_each_resend(
    tmp_path: Path, emulator: Emulator, settings: Settings
) -> None:
    pauses, lost, _ = _apply(tmp_path, BARISTA, emulator, settings)
    assert pauses == [0.5, 1, 2, 4, 2.5] * CREATE_ATTEMPTS
    assert lost == ["/job-interview-create-from-array"] * CREATE_ATTEMPTS
    assert emulator.interview_ids() == ()
