"""Runs the `run:` steps of a workflow or of the composite action off GitHub.

`${{ }}` expressions in a step's `env:` are replaced by the values the test gives (an
expression it does not give fails loudly instead of running as text), the step runs with
bash as GitHub runs it, and `interviews` on PATH runs this checkout's package. Steps that
use other actions (checkout, setup-python, github-script, upload-artifact) are GitHub's
and are not run; the install step is skipped because the package under test is importable.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import REPO_ROOT

EXPRESSION = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


@dataclass(frozen=True)
class Step:
    name: str
    script: str
    env: dict[str, str]


def action_steps(action_file: Path, *names: str) -> list[Step]:
    """The `run:` steps called `names` of a composite action, in the order asked."""
    action: dict[str, Any] = yaml.safe_load(action_file.read_text("utf-8"))
    steps = {step.get("name"): step for step in action["runs"]["steps"] if "run" in step}
    return [_step(steps[name]) for name in names]


def workflow_step(workflow_file: Path, job: str, name: str) -> Step:
    workflow: dict[str, Any] = yaml.safe_load(workflow_file.read_text("utf-8"))
    [step] = [step for step in workflow["jobs"][job]["steps"] if step.get("name") == name]
    return _step(step)


def _step(step: Mapping[str, Any]) -> Step:
    env = {name: str(value) for name, value in step.get("env", {}).items()}
    return Step(step.get("name", ""), step["run"], env)


def interviews_shim(bin_dir: Path) -> Path:
    """A folder holding an `interviews` command that runs this checkout's package."""
    bin_dir.mkdir(parents=True)
    shim = bin_dir / "interviews"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m reconciler "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IXUSR)
    return bin_dir


def run_step(
    step: Step,
    workdir: Path,
    bin_dir: Path,
    expressions: Mapping[str, str],
    outer_env: Mapping[str, str],
) -> subprocess.CompletedProcess[str]:
    """Run `step` in `workdir`; `outer_env` is the env of the workflow step that uses the
    action (the action's steps inherit it; their own `env:` wins)."""

    def evaluate(value: str) -> str:
        return EXPRESSION.sub(lambda match: expressions[match.group(1)], value)

    env = {k: v for k, v in os.environ.items() if not k.startswith(("JOBMOJITO_", "IAC_"))}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.update({name: evaluate(value) for name, value in outer_env.items()})
    env.update({name: evaluate(value) for name, value in step.env.items()})
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step.script],
        cwd=workdir, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
