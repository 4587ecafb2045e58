"""Checks of the throwaway interview as read back after its create. Pure.

What they compare with is what `throwaway.py` sent: its tags (markers among them), its
question keys, and the second question following the first.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import Final

from reconciler.doctor import throwaway as made
from reconciler.doctor.model import Check
from reconciler.doctor.model import failed
from reconciler.doctor.model import ok
from reconciler.doctor.model import warning

BUSY: Final = "preparing"


def check_status(status: Any, was_busy: bool, waited: float) -> Check:
    name = "status after create"
    busy = (
        "plans leave a `preparing` interview alone (with a note) until it is ready: run "
        "plan again a little after apply"
    )
    if status == BUSY:
        return warning(name, f"still `preparing` {waited:.0f} s after the create", busy)
    if was_busy:
        found = f"read as `preparing` for about {waited:.1f} s: creates finish after they answer"
        return warning(name, found, busy)
    if status != "draft":
        return warning(name, f"read as {status!r}, though it was created as draft",
                       "plans set it to the status its spec says")  # fmt: skip
    return ok(name, "read as draft at once: creates are synchronous")


def check_tags(sent: Sequence[str], received: Any) -> Check:
    """Whether every tag sent came back verbatim (markers are tags)."""
    name = "tags kept verbatim"
    kept = [str(tag) for tag in received] if isinstance(received, list) else []
    if all(tag in kept for tag in sent):
        return ok(name, f"the {len(sent)} tags sent (markers included) came back verbatim")
    return failed(
        name, f"not kept: sent {list(sent)}, received {kept}",
        "apply archives the first interview it creates and sends no further create or "
        "update, because plans could not recognise its markers; do not apply",
    )  # fmt: skip


def check_question_keys(questions: Sequence[Mapping[str, Any]]) -> Check:
    """Whether each question's key came back as its `external_id`."""
    name = "question keys (external_id)"
    received = [q.get("external_id") for q in questions]
    if received == [made.FIRST, made.SECOND]:
        return ok(name, "each question's key came back as its external_id")
    action = (
        "plans match questions by position and text instead, so a question moved and "
        "edited at once shows as removed and added; apply warns once"
    )
    if not any(received):
        return warning(name, "not echoed: every external_id read back as null",
                       action)  # fmt: skip
    return warning(name, f"sent {[made.FIRST, made.SECOND]}, received {received}", action)


def check_question_ids(questions: Sequence[Mapping[str, Any]]) -> Check:
    """Whether questions read back with ids, and the follower points at its parent's."""
    name = "question ids"
    action = "plans show `follows` as changed after every apply"
    ids = [q.get("id") for q in questions]
    if len(questions) != 2 or not all(isinstance(i, str) and i for i in ids):
        return warning(name, f"{len(questions)} questions read back, ids {ids}", action)
    parent = questions[1].get("conditional_question_main_id")
    if parent != ids[0]:
        return warning(
            name, f"the second question follows {parent!r}, not the first's id {ids[0]!r}",
            action,
        )  # fmt: skip
    return ok(name, "each question has an id; the follower points at its parent's id")
