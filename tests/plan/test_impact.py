"""Candidate impact: which changes reach candidates, and how many have taken the interview."""

from __future__ import annotations

from typing import Any

from reconciler.plan.model import Change
from reconciler.plan.model import ImpactKind
from reconciler.plan.model import Kind
from reconciler.plan.planner import make_plan
from tests.plan.builders import SETTINGS
from tests.plan.builders import account
from tests.plan.builders import live_like
from tests.plan.builders import question
from tests.plan.builders import spec

TAKEN = {"interview_count": 12, "interview_last": "2026-11-20"}
COUNTED = "12 candidates have taken it (most recently 2026-11-20)"


def _only_change(desired: Any, live: Any) -> Change:
    wanted = [] if desired is None else [desired]
    (change,) = make_plan(wanted, account(live), SETTINGS).changes
    return change


def _messages(change: Change) -> list[tuple[str, str]]:
    return [(impact.kind.value, impact.message) for impact in change.impact]


def test_archiving_an_active_interview_breaks_links_and_hides_it() -> None:
    change = _only_change(None, live_like(spec(), summary=TAKEN))
    assert change.kind is Kind.ARCHIVE
    assert _messages(change) == [
        ("links", f"links already sent to candidates stop working; {COUNTED}"),
        ("hidden", f"archived: the interview leaves the app's lists; {COUNTED}"),
    ]
    assert [(i.candidates, i.last) for i in change.impact] == [(12, "2026-11-20")] * 2


def test_active_to_draft_breaks_links_until_it_is_active() -> None:
    change = _only_change(spec(status="draft"), live_like(spec(), summary=TAKEN))
    assert change.kind is Kind.SET_STATE
    assert _messages(change) == [
        (
            "links",
            "set to draft: links already sent to candidates stop working until it is active; "
            + COUNTED,
        )
    ]


def test_draft_to_archived_hides_it_without_breaking_links() -> None:
    live = live_like(spec(status="draft"), summary={"interview_count": 1})
    change = _only_change(spec(status="archived"), live)
    assert _messages(change) == [
        ("hidden", "archived: the interview leaves the app's lists; 1 candidate has taken it")
    ]


def test_a_recreate_says_links_break_and_results_stay_on_the_old_interview() -> None:
    live = live_like(spec(), summary=TAKEN)
    change = _only_change(spec(mojito_language_code="fr"), live)
    assert change.kind is Kind.RECREATE
    assert _messages(change) == [
        (
            "links",
            "links already sent to candidates stop working: the new interview has new links; "
            + COUNTED,
        ),
        (
            "results",
            f"results stay on the old interview ({live.id}); the new one starts without any; "
            + COUNTED,
        ),
    ]


def test_inserting_removing_and_rewording_questions_on_a_taken_active_interview() -> None:
    live = live_like(spec(), summary=TAKEN)
    edited = spec(questions=(question("why", "Why support, really?"), question("new", "New?")))
    change = _only_change(edited, live)
    assert change.kind is Kind.UPDATE
    assert _messages(change) == [
        (
            "questions",
            "candidates will be asked different questions (1 added, 1 removed, 1 reworded): "
            f"results already in were scored on the old set; {COUNTED}",
        )
    ]


def test_question_changes_nobody_has_taken_or_on_a_draft_say_nothing() -> None:
    edited = spec(questions=(question("why", "Why support, really?"),))
    untaken = live_like(spec(), summary={"interview_count": 0})
    assert _only_change(edited, untaken).impact == ()
    draft = live_like(spec(status="draft"), summary=TAKEN)
    assert _only_change(spec(status="draft", questions=edited.questions), draft).impact == ()


def test_a_new_duration_or_order_asks_the_same_questions() -> None:
    a, b = question("why", "Why support?"), question("hard", "A hard customer?")
    live = live_like(spec(questions=(a, b)), summary=TAKEN)
    change = _only_change(spec(questions=(b, question("why", "Why support?", duration=60))), live)
    assert change.questions and change.impact == ()


def test_links_break_even_when_no_candidate_has_taken_it_yet() -> None:
    change = _only_change(spec(status="draft"), live_like(spec(), summary={"interview_count": 0}))
    assert [i.message.rsplit("; ", 1)[1] for i in change.impact] == [
        "no candidate has taken it yet"
    ]


def test_an_unknown_count_is_said_and_still_warns_of_question_changes() -> None:
    edited = spec(questions=(question("why", "Why support, really?"),))
    change = _only_change(edited, live_like(spec(), summary={}))
    assert [(i.kind, i.candidates) for i in change.impact] == [(ImpactKind.QUESTIONS, None)]
    assert change.impact[0].message.endswith("; how many candidates took it is unknown")


def test_the_json_plan_carries_the_impact_as_data() -> None:
    live = live_like(spec(), summary=TAKEN)
    document = make_plan([spec(status="draft")], account(live), SETTINGS).to_dict()
    assert document["changes"][0]["impact"] == [
        {
            "kind": "links",
            "message": "set to draft: links already sent to candidates stop working until it "
            f"is active; {COUNTED}",
            "candidates": 12,
            "last": "2026-11-20",
        }
    ]


def test_a_recreate_nobody_has_taken_leaves_no_results_behind() -> None:
    live = live_like(spec(status="draft"), summary={"interview_count": 0})
    change = _only_change(spec(status="draft", mojito_language_code="fr"), live)
    assert change.kind is Kind.RECREATE
    assert change.impact == ()


def test_an_update_that_also_archives_breaks_links_and_hides_it() -> None:
    live = live_like(spec(), summary=TAKEN)
    change = _only_change(spec(status="archived", name="Renamed"), live)
    assert change.kind is Kind.UPDATE
    assert [impact.kind for impact in change.impact] == [ImpactKind.LINKS, ImpactKind.HIDDEN]
