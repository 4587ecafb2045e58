"""load -> fetch -> plan with the stages overlapped: the specs load, and the plan is made,
while discovery reads the account.

Why: discovery mostly waits on the network while loading and comparing are CPU work. One
after the other, a plan of 1,000 interviews at 50 ms and parallelism 32 took the reads'
time plus a second or two of CPU; overlapped, it takes little more than the reads (the
benchmarks of issue 8). Reads change nothing, so starting them before the specs are known
to be valid is safe.

Errors come in the order of the stages run one after the other: spec problems first (they
also stop the reads not yet started), then API failures, then problems only the account
reveals (a template that does not resolve). The plan is the one make_plan makes: the
Planner redoes any key whose interviews differ from those it compared early.
Library code: reads files and the API (through the client), returns a Plan or raises.
"""

from __future__ import annotations

import threading
from pathlib import Path
from queue import SimpleQueue

from reconciler.errors import InvalidSpecError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import Progress
from reconciler.plan.discovery import discover
from reconciler.plan.model import Plan
from reconciler.plan.planner import LiveAccount
from reconciler.plan.planner import Planner
from reconciler.plan.planner import PlanSettings
from reconciler.spec.loader import load_specs
from reconciler.spec.model import DesiredInterview


def plan_while_reading(
    spec_path: Path,
    client: ApiReader,
    settings: PlanSettings,
    *,
    progress: Progress | None = None,
) -> Plan:
    """Load the specs and plan while discovery reads the account; the finished plan."""
    arrivals = _Arrivals()
    cancel = threading.Event()
    outcome: list[LiveAccount | BaseException] = []

    def read_account() -> None:
        try:
            account = discover(client, progress=progress, cancel=cancel, listener=arrivals)
            outcome.append(account)
        except BaseException as exc:  # handed to the planning thread below
            outcome.append(exc)
        finally:
            arrivals.end()

    reader = threading.Thread(target=read_account, name="discovery", daemon=True)
    reader.start()
    try:
        desired = load_specs(spec_path)
        planner = _early_planner(desired, arrivals, settings)
        for live in iter(arrivals.interviews.get, None):
            if planner is not None:
                planner.consider(live)
    except BaseException:
        cancel.set()  # a spec error or Ctrl-C: start no more reads
        raise
    finally:
        reader.join()
    account = outcome[0]
    if isinstance(account, BaseException):
        raise account
    return (planner or Planner(desired, account.templates, settings)).finish(account)


class _Arrivals:
    """What discovery found so far, handed from its threads to the planning thread."""

    def __init__(self) -> None:
        self.interviews: SimpleQueue[LiveInterview | None] = SimpleQueue()
        self.templates: tuple[Template, ...] | None = None
        self.templates_known = threading.Event()

    def templates_found(self, templates: tuple[Template, ...]) -> None:
        self.templates = templates
        self.templates_known.set()

    def interview_found(self, live: LiveInterview) -> None:
        self.interviews.put(live)

    def end(self) -> None:
        """Discovery is over (done or failed): nothing more will arrive."""
        self.templates_known.set()
        self.interviews.put(None)


def _early_planner(
    desired: tuple[DesiredInterview, ...], arrivals: _Arrivals, settings: PlanSettings
) -> Planner | None:
    """A Planner as soon as the templates are known; None when discovery failed first
    or a template does not resolve (the end raises that, after any API failure)."""
    arrivals.templates_known.wait()
    if arrivals.templates is None:
        return None
    try:
        return Planner(desired, arrivals.templates, settings)
    except InvalidSpecError:
        return None
