"""`interviews invite KEY`: register one candidate for a live interview and print the link."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from reconciler.cli import options
from reconciler.cli.app import app
from reconciler.cli.options import ApiUrlOption
from reconciler.cli.options import NamespaceOption
from reconciler.cli.options import SpecFolderOption
from reconciler.cli.options import settings_from_cli
from reconciler.errors import OperationError
from reconciler.invite import Candidate
from reconciler.invite import Invitation
from reconciler.invite import invite as invite_candidate
from reconciler.render.escape import visible


@app.command()
def invite(
    key: Annotated[str, typer.Argument(help="Key of an active interview.")],
    name: Annotated[str, typer.Option("--name", help="Candidate's full name.")],
    email: Annotated[str, typer.Option("--email", help="Candidate's email address.")],
    external_id: Annotated[
        str | None, typer.Option("--external-id", help="Your id for the candidate.")
    ] = None,
    send_email: Annotated[
        bool, typer.Option("--send-email", help="Have JobMojito email the link to the candidate.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the outcome as JSON.")] = False,
    country: Annotated[str | None, typer.Option("--country", hidden=True)] = None,
    resume: Annotated[str | None, typer.Option("--resume", hidden=True)] = None,
    resume_text: Annotated[str | None, typer.Option("--resume-text", hidden=True)] = None,
    path: SpecFolderOption = Path("interviews"),
    api_url: ApiUrlOption = None,
    namespace: NamespaceOption = None,
) -> int:
    """Register a candidate for a managed, active interview and print their one-time link;
    candidate data is not kept.

    Calls job-interview-register-users with the interview's live id.
    """
    if (country, resume, resume_text) != (None, None, None):
        raise OperationError(
            "invite takes no --country, --resume or --resume-text: it registers the "
            "candidate for the interview itself (job-interview-register-users), which needs "
            "neither; leave them out"
        )
    settings = settings_from_cli(api_url, namespace, spec_path=path)
    candidate = Candidate(name, email, external_id)
    with options.open_client(settings) as client:
        invitation = invite_candidate(path, key, candidate, client, settings, send_email=send_email)
    typer.echo(format_json(invitation) if as_json else format_invitation(invitation))
    return 0


def format_invitation(invitation: Invitation) -> str:
    emailed = (
        "sent by JobMojito"
        if invitation.emailed
        else "not sent (pass the link on, or invite with --send-email)"
    )
    return f"interview_url: {visible(invitation.interview_url)}\nemail: {emailed}"


def format_json(invitation: Invitation) -> str:
    answer = {"interview_url": invitation.interview_url, "send_email": invitation.emailed}
    return json.dumps(answer, indent=2)
