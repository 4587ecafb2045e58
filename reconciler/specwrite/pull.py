"""`pull KEY`: the live questions of a `generate:` interview into its spec file.

`pulled_text` is pure; `pull_specs` reads the account and rewrites the files. After a
pull the spec manages its questions (keys assigned) and no longer has `generate:`; the
planner compares the generate fingerprint only while the spec has `generate:`, so the
interview is updated in place, never recreated.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from pathlib import Path

from reconciler.config import Settings
from reconciler.errors import OperationError
from reconciler.live import LiveInterview
from reconciler.plan.discovery import ApiReader
from reconciler.plan.discovery import discover_keys
from reconciler.spec.loader import load_spec_text
from reconciler.spec.loader import load_specs
from reconciler.spec.model import DesiredInterview
from reconciler.specwrite.edit import replace_entry
from reconciler.specwrite.edit import set_entries
from reconciler.specwrite.lookup import live_for_key
from reconciler.specwrite.lookup import spec_for_key
from reconciler.specwrite.values import questions_data


def pull_specs(
    spec_path: Path, keys: Sequence[str], client: ApiReader, settings: Settings
) -> list[tuple[str, int]]:
    """Rewrite the named specs; (file, number of questions written) per key."""
    desired = load_specs(spec_path)
    interviews = [spec_for_key(desired, key) for key in keys]
    for interview in interviews:
        if interview.generate is None:
            raise OperationError(
                f"{interview.file}: {interview.key} has no generate: block; "
                "its questions are managed in the file already"
            )
    account = discover_keys(client, interviews, settings.namespace)
    done = []
    for interview in interviews:
        live = live_for_key(account.interviews, settings.namespace, interview.key)
        path = Path(interview.file)
        text, count = pulled_text(path.read_text(encoding="utf-8"), interview, live)
        path.write_text(text, encoding="utf-8")
        done.append((interview.file, count))
    return done


def pulled_text(text: str, interview: DesiredInterview, live: LiveInterview) -> tuple[str, int]:
    """The spec text with `generate:` replaced by the live questions (and description)."""
    items = [item for item in live.definition.get("questions") or () if isinstance(item, Mapping)]
    if not items:
        raise OperationError(f"{interview.key}: the live interview has no questions to pull")
    if "description" not in interview.values:  # create-from-array requires it
        description = live.definition.get("description") or interview.key
        text = set_entries(text, interview.file, {"description": description}, before="generate")
    questions = questions_data(items)
    new_text = replace_entry(text, interview.file, "generate", "questions", questions)
    load_spec_text(new_text, interview.file)  # never leave a file that does not load
    return new_text, len(items)
