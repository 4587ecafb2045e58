"""Each command imports only its own module: `validate` starts without the HTTP client."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def _modules_after(*args: str) -> set[str]:
    """The modules loaded once `interviews ARGS` ran, in a fresh interpreter."""
    script = (
        "import sys\n"
        "from reconciler.cli import main\n"
        f"code = main({list(args)!r})\n"
        "print(code, *sorted(sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=REPO, check=True
    )
    code, *names = done.stdout.splitlines()[-1].split()  # after the command's own output
    assert code == "0", done.stderr
    return set(names)


def test_validate_starts_without_the_http_client_the_emulator_or_git() -> None:
    loaded = _modules_after("validate", "interviews")
    assert "reconciler.spec.loader" in loaded
    assert not {"httpx", "reconciler.api", "reconciler.emulator", "reconciler.history"} & loaded


def test_help_lists_every_command_in_the_order_teams_meet_them() -> None:
    loaded = _modules_after("--help")
    assert {"reconciler.cli.plan", "reconciler.cli.emulator", "reconciler.cli.version"} <= loaded
    done = subprocess.run(
        [sys.executable, "-m", "reconciler", "--help"],
        capture_output=True, text=True, cwd=REPO, check=True,
    )  # fmt: skip
    listed = [line.split()[0] for line in done.stdout.split("Commands:")[1].splitlines() if line]
    assert listed[:5] == ["init", "validate", "lint", "plan", "apply"]
    assert len(listed) == 14
