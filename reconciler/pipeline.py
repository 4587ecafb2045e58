"""load -> fetch -> plan with the stages overlapped: the specs load, and the plan is made,
while discovery reads the account.

Why: discovery mostly waits on the network while loading and comparing are CPU work. One
after the other, a plan of 1,000 interviews at 50 ms and parallelism 32 took the reads'
time plus a second or two of CPU; overlapped, it takes little more than the reads (the
benchmarks of issue 8). Reads change nothing, so starting them before the specs are known
to be valid is safe.

Everything runs in the caller's thread: discovery's reads call back (`idle`) whenever no
answer is ready, and each call checks one spec file or compares one interview that
arrived before the specs were loaded. Loading on a second thread instead made the two
threads trade the GIL at every socket call, which cost a third more CPU than the work.

Errors come in the order of the stages run one after the other: spec problems first (they
also stop the reads), then API failures, then problems only the account reveals (a
template that does not resolve). The plan is the one make_plan makes: the Planner redoes
any key whose interviews differ from those it compared early.
Library code: reads files and the API (through the client), returns a Plan or raises.
"""

from __future__ import annotations

from pathlib import Path

from reconciler.errors import InvalidSpecError
from reconciler.errors import ReconcilerError
from reconciler.live import LiveInterview
from reconciler.live import Template
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import Progress
from reconciler.plan.discovery import discover
from reconciler.plan.model import Plan
from reconciler.plan.planner import Planner
from reconciler.plan.planner import PlanSettings
from reconciler.spec.loader import SpecLoading
from reconciler.spec.model import DesiredInterview


def plan_while_reading(
    spec_path: Path,
    client: ApiReader,
    settings: PlanSettings,
    *,
    progress: Progress | None = None,
) -> Plan:
    """Load the specs and plan while discovery reads the account; the finished plan."""
    work = _EarlyWork(spec_path, settings)
    try:
        account = discover(client, progress=progress, listener=work, idle=work.step)
    except ReconcilerError:
        work.desired()  # a spec problem is reported before the API's failure
        raise
    planner = work.planner or Planner(work.desired(), account.templates, settings)
    return planner.finish(account)


class _EarlyWork:
    """What can be done before the account is fully read, one slice per `step()`: list
    the spec files, check them one by one, then compare the interviews that arrived
    meanwhile. Nothing touches the files before the first slice, so the first requests
    leave at once."""

    def __init__(self, spec_path: Path, settings: PlanSettings) -> None:
        self._spec_path = spec_path
        self._loading: SpecLoading | None = None
        self._loaded = False
        self._settings = settings
        self._desired: tuple[DesiredInterview, ...] = ()
        self._templates: tuple[Template, ...] | None = None
        self._waiting: list[LiveInterview] = []
        self.planner: Planner | None = None
        """Made once the specs and templates are known, unless a template does not
        resolve: that is reported at the end, after any API failure."""

    def templates_found(self, templates: tuple[Template, ...]) -> None:
        self._templates = templates
        self._start_planning()

    def interview_found(self, live: LiveInterview) -> None:
        if self.planner is not None:
            self.planner.consider(live)
        elif not self._loaded:
            self._waiting.append(live)

    def step(self) -> bool:
        """Do one slice of the work; False when none is left."""
        if self._loading is None and not self._loaded:
            self._loading = SpecLoading(self._spec_path)
            return True
        if self._loading is not None:
            if not self._loading.step():
                self.desired()
            return True
        if self.planner is not None and self._waiting:
            self.planner.consider(self._waiting.pop())
            return True
        return False

    def desired(self) -> tuple[DesiredInterview, ...]:
        """Every spec, loading the files left; InvalidSpecError lists their problems (and
        LoadError tells that the path does not exist)."""
        if not self._loaded:
            loading = self._loading or SpecLoading(self._spec_path)
            self._desired = loading.interviews()
            self._loading, self._loaded = None, True
            self._start_planning()
        return self._desired

    def _start_planning(self) -> None:
        if not self._loaded or self._templates is None or self.planner is not None:
            return
        try:
            self.planner = Planner(self._desired, self._templates, self._settings)
        except InvalidSpecError:
            self._waiting.clear()  # finish() compares every interview then, and raises
