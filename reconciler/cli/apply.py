"""`interviews apply`: make the account match the spec files, or execute a saved plan."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated
from typing import Any

import typer

from reconciler.apply.applier import ApplyResult
from reconciler.apply.applier import StepResult
from reconciler.apply.applier import apply_plan
from reconciler.apply.applier import check_safety
from reconciler.apply.audit import AuditLog
from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import MaxRpsOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import ParallelismOption
from reconciler.cli.options import settings_from_cli
from reconciler.cli.plan import use_color
from reconciler.cli.progress import ProgressReporter
from reconciler.cli.tokenlife import DEFAULT_MIN_TOKEN_LIFE
from reconciler.cli.tokenlife import MinTokenLifeOption
from reconciler.cli.tokenlife import check_token_life
from reconciler.errors import PlanError
from reconciler.errors import ReconcilerError
from reconciler.render import render_text
from reconciler.render.escape import visible
from reconciler.spec.files import repository_root
from reconciler.workflow import plan_from_specs
from reconciler.workflow import read_saved_plan
from reconciler.workflow import stale_reasons

EXIT_INTERRUPTED = 130
_MARK = {"done": "ok  ", "failed": "FAIL", "not_attempted": "skip"}


@app.command()
def apply(
    path: Annotated[
        Path, typer.Argument(help="Folder of spec files, or a plan file from `plan --out`.")
    ] = Path("interviews"),
    auto_approve: Annotated[
        bool, typer.Option("--auto-approve", help="Do not ask; required when not on a terminal.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Apply even over the archive/recreate threshold (never over protect: true).",
        ),
    ] = False,
    audit_log: Annotated[
        Path | None, typer.Option("--audit-log", help="Append one JSON line per API change here.")
    ] = None,
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
    parallelism: ParallelismOption = None,
    max_rps: MaxRpsOption = None,
    min_token_life: MinTokenLifeOption = DEFAULT_MIN_TOKEN_LIFE,
) -> int:
    """Apply the plan: create, update, recreate, re-state and archive interviews.

    Shows the plan, asks on a terminal (elsewhere --auto-approve is required), then runs
    every step, printing one line per step. The summary counts the steps done, failed and
    not attempted and says what to do: run apply again where that can help (every step is
    safe to repeat), otherwise the fix. Exit code 0 only when every step succeeded; 130
    after Ctrl-C, which lets the steps in flight finish first.
    """
    saved = read_saved_plan(path) if path.is_file() else None
    # A saved plan is made again from its spec folder, so that folder's configuration counts.
    # `plan` records the folder as it was given, relative to where it ran, and the spec files
    # the plan names are relative to that place too: the plan is made again from there.
    base = Path.cwd() if saved is None else saved_plan_base(path, saved)
    spec_path = path if saved is None else Path(str(saved.get("source") or ""))
    settings = settings_from_cli(
        api_url,
        namespace,
        parallelism,
        max_rps,
        spec_path=spec_path if saved is None else base / spec_path,
    )
    check_token_life(settings, min_token_life, refuse=True)
    audit = AuditLog(audit_log.resolve()) if audit_log is not None else None
    with (
        contextlib.chdir(base),
        options.open_client(settings) as client,
        ProgressReporter() as progress,
    ):
        made = plan_from_specs(spec_path, client, settings, progress=progress)
        if saved is not None:
            moved = stale_reasons(saved, made)
            if moved:
                raise PlanError(f"{path} is stale: " + "; ".join(moved) + ". Make a new plan.")
        typer.echo(render_text(made, color=use_color()), nl=False)
        if not made.has_changes:
            return 0
        check_safety(made, force=force)
        _confirm(auto_approve, len(made.changes))
        steps = sum(len(change.steps) for change in made.changes)
        result = apply_plan(made, client, on_step=_listener(progress, steps), audit=audit)
    typer.echo(summary(result, {change.key: change.file for change in made.changes if change.file}))
    if result.interrupted:
        return EXIT_INTERRUPTED
    return 0 if result.ok else 1


def saved_plan_base(plan_file: Path, saved: Mapping[str, Any]) -> Path:
    """The folder a saved plan's spec folder is named from. `plan` records the folder as
    it was given, relative to where `plan` ran: that is looked for from here, then beside
    the plan file, then at the root of the repository holding the plan file."""
    source = Path(str(saved.get("source") or ""))
    holder = plan_file.resolve().parent
    for base in (Path.cwd(), holder, Path(repository_root(holder))):
        if (base / source).is_dir():  # an absolute source is found from the first
            return base
    raise PlanError(
        f"{plan_file}: the plan was made from the spec folder {str(source)!r} (relative to "
        "the folder `plan` ran in), which is not found from here; run apply from that "
        "folder (usually the repository root), or keep the plan file in the repository"
    )


def _confirm(auto_approve: bool, count: int) -> None:
    if auto_approve:
        return
    if not sys.stdin.isatty():
        raise ReconcilerError("apply needs --auto-approve when not run on a terminal")
    answer = typer.prompt(f"Apply {count} change(s)? Only 'yes' is accepted", default="")
    if answer.strip() != "yes":
        raise ReconcilerError("apply cancelled; nothing was changed")


def _listener(progress: ProgressReporter, total: int) -> Callable[[StepResult], None]:
    """Prints each step, and counts it on the progress bar (a restore after a failure
    is a step the plan did not count: the count stops at the plan's)."""
    done = 0
    progress("apply", done, total)

    def on_step(step: StepResult) -> None:  # the applier calls it under its lock
        nonlocal done
        _print_step(step)
        done = min(done + 1, total)
        progress("apply", done, total)

    return on_step


def _print_step(step: StepResult) -> None:
    where = f" {visible(step.live_id)}" if step.live_id else ""
    why = f": {visible(step.message)}" if step.message else ""  # often the server's own words
    head = f"{_MARK[step.outcome]} {visible(step.key)} {step.kind} {visible(step.action)}"
    typer.echo(head + where + why)


def summary(result: ApplyResult, files: Mapping[str, str] | None = None) -> str:
    """Counts of done, failed and not attempted steps, then what to do about the rest:
    run apply again only where that can help, otherwise the fix. `files`: key -> spec
    file, to name the spec to fix."""
    done, failed, skipped = (len(result.having(o)) for o in ("done", "failed", "not_attempted"))
    head = "Apply interrupted" if result.interrupted else "Apply"
    lines = [f"{head}: {done} step(s) done, {failed} failed, {skipped} not attempted."]
    lines.extend(visible(note) for note in result.notes)
    if result.blocker is not None:
        lines.append(
            f"Do not run apply again yet: {visible(result.blocker)}. Compare the tags sent and "
            "received above and find out how the API stores tags first."
        )
        return "\n".join(lines)
    lines.extend(_what_to_do(result, files or {}))
    return "\n".join(lines)


def _what_to_do(result: ApplyResult, files: Mapping[str, str]) -> list[str]:
    failures: dict[str, StepResult] = {}
    for step in result.having("failed"):
        failures.setdefault(step.key, step)  # the first failure of a change is its cause
    lines = []
    for key, step in failures.items():
        where = f" ({visible(files[key])})" if key in files else ""
        if step.remedy == "fix_spec":
            lines.append(
                f"Fix the spec of {visible(key)}{where}: the API refused the change "
                "(see its error above); then run apply again."
            )
        elif step.remedy == "auth":
            lines.append(
                f"{visible(key)}: the API refused the credentials; set a valid "
                "JOBMOJITO_TOKEN (or JOBMOJITO_EMAIL and JOBMOJITO_PASSWORD), then run apply "
                "again."
            )
        elif step.remedy == "read":
            lines.append(f"{visible(key)}: see its error above for what to do.")
    retry = [step.key for step in failures.values() if step.remedy == "retry"]
    if retry:
        lines.append(
            f"{len(retry)} interview(s) failed for reasons that can pass (connection, timeout, "
            "rate limit or server errors): run apply again: every step is safe to repeat."
        )
    elif result.interrupted and result.having("not_attempted"):
        lines.append("Run apply again to finish: every step is safe to repeat.")
    return lines
