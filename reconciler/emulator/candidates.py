"""Candidates per interview: the counters merchant-interview-list items carry.

`interview_count` ("number of interviews run against this definition") and
`interview_last` (when the most recent one was) move with every candidate enrolled
(create-for-candidate-with-token) and every result a test records; neither is part of
the job-interview-get response, so counting never looks like an edit of the interview.
"""

from __future__ import annotations

from reconciler.emulator.store import Store


def count_candidates(store: Store, interview_id: str, count: int, last_at: str | None) -> None:
    """Add `count` candidates to the interview's counters, the latest at `last_at`."""
    with store.lock:
        document = store.get(interview_id)
        if document is None:
            raise KeyError(interview_id)
        document["interview_count"] = int(document.get("interview_count") or 0) + count
        if last_at is not None:
            document["interview_last"] = last_at
        store.replace_quietly(document)
