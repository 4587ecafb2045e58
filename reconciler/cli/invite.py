"""`interviews invite KEY`: invite one candidate to a live interview and print the outcome."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated
from typing import Any

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import SpecFolderOption
from reconciler.cli.options import settings_from_cli
from reconciler.errors import OperationError
from reconciler.invite import Candidate
from reconciler.invite import invite as invite_candidate
from reconciler.render.escape import visible


@app.command()
def invite(
    key: Annotated[str, typer.Argument(help="Key of an active interview.")],
    name: Annotated[str, typer.Option("--name", help="Candidate's full name.")],
    email: Annotated[str, typer.Option("--email", help="Candidate's email address.")],
    country: Annotated[str, typer.Option("--country", help="Two-letter country code.")],
    resume: Annotated[Path | None, typer.Option("--resume", help="Resume as a text file.")] = None,
    resume_text: Annotated[
        str | None, typer.Option("--resume-text", help="Resume as text.")
    ] = None,
    external_id: Annotated[
        str | None, typer.Option("--external-id", help="Your id for the candidate.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")] = False,
    path: SpecFolderOption = Path("interviews"),
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
) -> int:
    """Send a candidate a link to a managed, active interview; candidate data is not kept.

    Calls job-interview-create-for-candidate-with-token with the interview's live id.
    """
    settings = settings_from_cli(api_url, namespace, spec_path=path)
    candidate = Candidate(name, email, country, _resume(resume, resume_text), external_id)
    with options.open_client(settings) as client:
        answer = invite_candidate(path, key, candidate, client, settings)
    typer.echo(json.dumps(answer, indent=2) if as_json else format_answer(answer))
    return 0


def _resume(file: Path | None, text: str | None) -> str:
    if (file is None) == (text is None):
        raise OperationError("give the resume once: --resume FILE or --resume-text TEXT")
    if text is not None:
        return text
    assert file is not None
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise OperationError(f"cannot read the resume {file}: {exc}") from None


def format_answer(answer: dict[str, Any]) -> str:
    lines = [
        f"status: {visible(str(answer['status']))}",
        f"interview_url: {visible(str(answer['interview_url']))}",
    ]
    if answer.get("reason"):
        lines.append(f"reason: {visible(str(answer['reason']))}")
    return "\n".join(lines)
