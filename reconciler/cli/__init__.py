"""Command-line interface: the only module that knows about Typer, stdout and exit codes.

`main()` is the single error boundary (pre-commit's error_handler): a ReconcilerError
prints one `error:` line and exits 1; Ctrl-C exits 130; anything else is a bug and
exits 3 with its traceback.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence

import typer
from typer.exceptions import TyperException

from reconciler.cli import commands
from reconciler.cli.app import app
from reconciler.errors import InvalidSpecError
from reconciler.errors import ReconcilerError
from reconciler.render.escape import visible

EXIT_ERROR = 1
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code (never raises, never calls sys.exit)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        commands.register(args)
        result = app(args=args, prog_name="interviews", standalone_mode=False)
    except typer.Exit as exc:
        return int(exc.exit_code)
    except typer.Abort:
        print("\naborted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except TyperException as exc:  # usage errors: unknown command or option, bad value
        _show_usage_error(exc)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except InvalidSpecError as exc:
        for problem in exc.problems:
            print(visible(str(problem)), file=sys.stderr)
        print(f"error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except ReconcilerError as exc:  # its text may quote the server, a spec or a file name
        print(f"error: {visible(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except Exception:  # the boundary: anything unexpected is a bug, shown in full
        traceback.print_exc()
        print("error: unexpected failure (a bug); please report it", file=sys.stderr)
        return EXIT_BUG
    if result == EXIT_INTERRUPTED:  # typer turns Ctrl-C into this code, silently
        print("\ninterrupted", file=sys.stderr)
    return int(result) if isinstance(result, int) else 0


def _show_usage_error(exc: TyperException) -> None:
    """Click's own rendering (usage line, then the error) when available."""
    show = getattr(exc, "show", None)
    if callable(show):
        show()
    else:
        print(f"error: {exc.format_message()}", file=sys.stderr)
