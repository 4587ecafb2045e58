"""The apply summary says what to do about each failure: run apply again only where that
can help (connection or server errors), otherwise the fix (the spec, the token)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from reconciler.emulator import Emulator
from tests.cli.emulated import Handler
from tests.cli.emulated import emulated_repository
from tests.cli.emulated import run
from tests.cli.emulated import serve_every_command
from tests.specwrite.seeding import TOKEN

# The location each spec is edited to, and how the API answers its update.
FAILING = {
    "customer-support-specialist": ("Fails with 500", 500),
    "sql-skills-assessment": ("Fails with 422", 422),
    "returns-policy-verification": ("Fails with 401", 401),
}


@pytest.fixture
def emulator(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Emulator]:
    emu = emulated_repository(monkeypatch, tmp_path, TOKEN, examples=True)
    yield emu
    emu.close()


def _failing_updates(emulator: Emulator) -> Handler:
    answers = {location: status for location, status in FAILING.values()}

    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/job-interview-update"):
            status = answers.get(json.loads(request.content).get("location"))
            if status is not None:
                body = {"error": f"refused with {status}", "name": "TestFailure"}
                return httpx.Response(status, json=body)
        return emulator.handle(request)

    return handle


def test_each_failure_gets_its_own_advice(
    emulator: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    for key, (location, _) in FAILING.items():
        spec = Path(f"interviews/{key}.yaml")
        text = spec.read_text(encoding="utf-8")
        old = next(line for line in text.splitlines() if line.startswith("location:"))
        spec.write_text(text.replace(old, f"location: {location}"), encoding="utf-8")
    serve_every_command(monkeypatch, _failing_updates(emulator))

    code, out, _ = run(capsys, "apply", "--auto-approve")

    assert code == 1
    summary = out[out.index("Apply: ") :]
    assert summary == (
        "Apply: 0 step(s) done, 3 failed, 0 not attempted.\n"
        "returns-policy-verification: the API refused the credentials; set a valid "
        "JOBMOJITO_TOKEN (or JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD), then run apply again.\n"
        "Fix the spec of sql-skills-assessment (interviews/sql-skills-assessment.yaml): the "
        "API refused the change (see its error above); then run apply again.\n"
        "1 interview(s) failed for reasons that can pass (connection, timeout, rate limit or "
        "server errors): run apply again: every step is safe to repeat.\n"
    )


def test_a_refused_spec_alone_does_not_say_run_apply_again(
    emulator: Emulator, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "apply", "--auto-approve")[0] == 0
    key = "sql-skills-assessment"
    spec = Path(f"interviews/{key}.yaml")
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text.replace("location: Berlin, Germany", f"location: {FAILING[key][0]}"),
        encoding="utf-8",
    )
    serve_every_command(monkeypatch, _failing_updates(emulator))

    code, out, _ = run(capsys, "apply", "--auto-approve")

    assert code == 1
    assert "safe to repeat" not in out
    assert out.endswith(
        "Apply: 0 step(s) done, 1 failed, 0 not attempted.\n"
        f"Fix the spec of {key} (interviews/{key}.yaml): the API refused the change (see its "
        "error above); then run apply again.\n"
    )
