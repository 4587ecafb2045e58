"""plan_from_specs: load the specs, read the account, plan; the errors in that order."""

from __future__ import annotations

import shutil
import sys
import threading
from collections.abc import Iterator
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reconciler.api import JobMojitoClient
from reconciler.apply.applier import apply_plan
from reconciler.config import Settings
from reconciler.config import load_settings
from reconciler.emulator import Emulator
from reconciler.emulator import FaultConfig
from reconciler.emulator.server import serve
from reconciler.errors import ApiError
from reconciler.errors import AuthError
from reconciler.errors import InvalidSpecError
from reconciler.live import LiveInterview
from reconciler.plan.discovery import discover
from reconciler.plan.model import Plan
from reconciler.plan.planner import Planner
from reconciler.plan.planner import PlanSettings
from reconciler.plan.planner import make_plan
from reconciler.spec.loader import load_specs
from reconciler.workflow import plan_from_specs

TOKEN = "workflow-token-51ab"
EXAMPLES = Path(__file__).resolve().parents[1] / "interviews"


def _settings(tmp_path: Path) -> Settings:
    env = {"JOBMOJITO_TOKEN": TOKEN, "JOBMOJITO_API_URL": "http://127.0.0.1:8787"}
    return load_settings(tmp_path, env=env, namespace="acme", max_rps=10_000)


def _client(tmp_path: Path, emulator: Emulator) -> JobMojitoClient:
    transport = emulator.transport()
    return JobMojitoClient(_settings(tmp_path), transport=transport)


def _specs(tmp_path: Path) -> Path:
    folder = tmp_path / "interviews"
    shutil.copytree(EXAMPLES, folder)
    return folder


SETTINGS = PlanSettings("acme")


def plan_while_reading(folder: Path, client: JobMojitoClient, settings: PlanSettings) -> Plan:
    """plan_from_specs with the settings the tests compare against make_plan's."""
    config = load_settings(
        folder.parent, env={"JOBMOJITO_TOKEN": TOKEN}, namespace=settings.namespace
    )
    plan = plan_from_specs(folder, client, config)
    assert plan.source == str(folder)
    return replace(plan, source="")


def test_the_plan_is_the_one_make_plan_makes(tmp_path: Path) -> None:
    emulator = Emulator(token=TOKEN)
    client = _client(tmp_path, emulator)
    folder = _specs(tmp_path)
    assert apply_plan(plan_while_reading(folder, client, SETTINGS), client).ok
    _edit(folder / "customer-support-specialist.yaml")
    (folder / "sql-skills-assessment.yaml").unlink()  # a prune

    overlapped = plan_while_reading(folder, client, SETTINGS)
    one_after_the_other = make_plan(load_specs(folder), discover(client), SETTINGS)

    assert overlapped.to_dict() == one_after_the_other.to_dict()
    assert {change.kind.value for change in overlapped.changes} == {"update", "archive"}


def test_a_key_with_two_live_interviews_is_planned_with_both(tmp_path: Path) -> None:
    emulator = Emulator(token=TOKEN)
    client = _client(tmp_path, emulator)
    folder = _specs(tmp_path)
    first = plan_while_reading(folder, client, SETTINGS)
    assert apply_plan(first, client).ok
    create = next(c for c in first.changes if c.key == "customer-support-specialist")
    client.create_interview_from_array(create.steps[0].body)  # a duplicate with the marker

    plan = plan_while_reading(folder, client, SETTINGS)

    assert [(c.key, c.kind.value) for c in plan.changes] == [
        ("customer-support-specialist", "archive")
    ]
    assert plan.to_dict() == make_plan(load_specs(folder), discover(client), SETTINGS).to_dict()


def test_a_spec_problem_wins_over_a_failing_api(tmp_path: Path) -> None:
    folder = _specs(tmp_path)
    (folder / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    emulator = Emulator(token="another-token")  # every request is refused with 401

    with pytest.raises(InvalidSpecError) as caught:
        plan_while_reading(folder, _client(tmp_path, emulator), SETTINGS)

    assert [problem.file.endswith("broken.yaml") for problem in caught.value.problems] == [True]
    # The reads start beside the loading (they change nothing) and stop at its problem.
    assert {request.method for request in emulator.requests} <= {"GET"}


def test_valid_specs_and_a_failing_api_raise_the_api_error(tmp_path: Path) -> None:
    emulator = Emulator(token="another-token")
    with pytest.raises(AuthError):
        plan_while_reading(_specs(tmp_path), _client(tmp_path, emulator), SETTINGS)


def test_an_unknown_template_is_reported_after_the_account_is_read(tmp_path: Path) -> None:
    folder = _specs(tmp_path)
    spec = folder / "customer-support-specialist.yaml"
    text = spec.read_text(encoding="utf-8")
    template_line = next(line for line in text.splitlines() if line.startswith("template:"))
    spec.write_text(text.replace(template_line, "template: No Such Avatar"), encoding="utf-8")

    with pytest.raises(InvalidSpecError) as caught:
        plan_while_reading(folder, _client(tmp_path, Emulator(token=TOKEN)), SETTINGS)

    assert [problem.message for problem in caught.value.problems] == [
        'unknown template "No Such Avatar"'
    ]


def _edit(spec: Path) -> None:
    text = spec.read_text(encoding="utf-8")
    name_line = next(line for line in text.splitlines() if line.startswith("name:"))
    spec.write_text(text.replace(name_line, "name: Support Specialist (renamed)"), "utf-8")


def _served_client(url: str, tmp_path: Path, parallelism: int) -> JobMojitoClient:
    env = {"JOBMOJITO_TOKEN": TOKEN, "JOBMOJITO_API_URL": url}
    settings = load_settings(tmp_path, env=env, namespace="acme", max_rps=10_000)
    return JobMojitoClient(replace(settings, parallelism=parallelism))


def test_over_http_the_plan_is_make_plans_and_applying_it_converges(tmp_path: Path) -> None:
    folder = _specs(tmp_path)
    with serve(Emulator(token=TOKEN), port=0) as server:
        client = _served_client(server.url, tmp_path, parallelism=2)
        assert apply_plan(plan_while_reading(folder, client, SETTINGS), client).ok
        _edit(folder / "customer-support-specialist.yaml")
        server.emulator.set_faults(FaultConfig(latency_ms=20))

        plan = plan_while_reading(folder, client, SETTINGS)
        one_after_the_other = make_plan(load_specs(folder), discover(client), SETTINGS)
        assert apply_plan(plan, client).ok
        assert not plan_while_reading(folder, client, SETTINGS).has_changes

    assert plan.to_dict() == one_after_the_other.to_dict()
    assert [change.kind.value for change in plan.changes] == ["update"]


def test_a_spec_problem_stops_the_reads_of_a_large_account(tmp_path: Path) -> None:
    emulator = Emulator(token=TOKEN)
    seeding = _client(tmp_path, emulator)
    folder = _specs(tmp_path)
    for copy in range(20):  # 105 interviews in all, each its own name
        for spec in list(folder.glob("*.yaml")):
            if spec.stem[-1].isdigit():
                continue
            text = spec.read_text(encoding="utf-8").replace("name: ", f"name: {copy} ", 1)
            (folder / f"{spec.stem}-{copy}.yaml").write_text(text, encoding="utf-8")
    assert apply_plan(plan_while_reading(folder, seeding, SETTINGS), seeding).ok
    # Slow enough that even a loaded machine finds the broken spec within a few rounds.
    emulator.set_faults(FaultConfig(latency_ms=200))
    (folder / "broken.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    emulator.requests.clear()

    with pytest.raises(InvalidSpecError):
        plan_while_reading(folder, _client(tmp_path, emulator), SETTINGS)

    reads = [r for r in emulator.requests if r.path == "/job-interview-get"]
    assert len(reads) < 50  # of 105: the reads in flight finished, no new one started


class _LastReadHeldBack(JobMojitoClient):
    """A client whose last definition arrives only once the others are planned (or after
    a while): it records whether planning kept up with the reads."""

    planned: threading.Semaphore
    kept_up: bool | None = None

    def get_interviews(
        self, position_ids: Sequence[str]
    ) -> Iterator[tuple[int, dict[str, Any] | ApiError]]:
        answers = list(super().get_interviews(position_ids))
        yield from answers[:-1]
        self.kept_up = all(self.planned.acquire(timeout=10) for _ in answers[:-1])
        yield answers[-1]


def test_each_interview_is_planned_as_its_definition_arrives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    emulator = Emulator(token=TOKEN)
    folder = _specs(tmp_path)
    seeding = _client(tmp_path, emulator)
    assert apply_plan(plan_while_reading(folder, seeding, SETTINGS), seeding).ok
    client = _LastReadHeldBack(_settings(tmp_path), transport=emulator.transport())
    client.planned = threading.Semaphore(0)
    read = Planner.read

    def counted(planner: Planner, live: LiveInterview) -> None:
        read(planner, live)
        client.planned.release()

    monkeypatch.setattr(Planner, "read", counted)

    plan = plan_while_reading(folder, client, SETTINGS)

    assert client.kept_up is True
    assert not plan.has_changes


def test_threads_switch_quickly_while_reading_and_as_before_afterwards(tmp_path: Path) -> None:
    emulator = Emulator(token=TOKEN)
    client = _client(tmp_path, emulator)
    seen: list[float] = []
    listing = client.list_interviews

    def list_interviews(**query: Any) -> list[dict[str, Any]]:
        seen.append(sys.getswitchinterval())
        return listing(**query)

    client.list_interviews = list_interviews  # type: ignore[method-assign]
    before = sys.getswitchinterval()

    plan_while_reading(_specs(tmp_path), client, SETTINGS)

    assert seen and all(interval <= 0.0005 < before for interval in seen)
    assert sys.getswitchinterval() == before
