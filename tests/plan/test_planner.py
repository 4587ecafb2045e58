from __future__ import annotations

from typing import Any

import pytest

from reconciler.errors import InvalidSpecError
from reconciler.plan.model import Action
from reconciler.plan.model import Kind
from reconciler.plan.model import QuestionOp
from reconciler.plan.planner import Planner
from reconciler.plan.planner import make_plan
from reconciler.plan.requests import local_handle
from reconciler.plan.textdiff import word_diff
from reconciler.registry import INTERVIEW_FIELDS
from reconciler.registry import How
from tests.plan.builders import GRACE
from tests.plan.builders import SETTINGS
from tests.plan.builders import TEMPLATES
from tests.plan.builders import account
from tests.plan.builders import live_like
from tests.plan.builders import question
from tests.plan.builders import spec


def test_empty_account_plans_only_creates_with_markers_in_the_create_request() -> None:
    plan = make_plan([spec("a"), spec("b", generate={"interview_length": 6})], account(), SETTINGS)
    assert [(c.kind, c.key) for c in plan.changes] == [(Kind.CREATE, "a"), (Kind.CREATE, "b")]
    own, generated = plan.changes
    assert own.steps[0].action is Action.CREATE_FROM_ARRAY
    assert generated.steps[0].action is Action.CREATE
    assert "iac:acme/a" in own.steps[0].body["tags"]
    assert own.steps[0].body["questions"][0] == {
        "id": local_handle("why"),
        "external_id": "why",
        "question": "Why support?",
        "is_without_scoring": False,
        "is_candidate_asking_recruiter": False,
        "is_expert": False,
        "is_multiple_choice": False,
        "question_alternatives": [],
        "is_conditional": False,
    }
    assert generated.steps[0].body["interview_length"] == 6


def test_a_live_interview_made_from_the_spec_gives_an_empty_plan() -> None:
    desired = spec(questions=(question("a", "A?"), question("b", "B?", follows="a")))
    plan = make_plan([desired], account(live_like(desired)), SETTINGS)
    assert plan.changes == ()


def test_nulls_server_defaults_and_unknown_keys_are_not_changes() -> None:
    desired = spec()
    live = live_like(
        desired,
        required_pronunciation=None,
        result_enable_edit_transcript=None,
        candidate_video_introduction=None,
        max_duration=1200.0,
        code="",
        brand_new_server_field={"x": 1},
        slug="support-specialist-screen",
        speech_language_code="en-US",
    )
    assert make_plan([desired], account(live), SETTINGS).changes == ()


# One representative new value per registry field that a spec may change.
NEW_VALUES: dict[str, Any] = {
    "name": "Renamed",
    "location": "Berlin",
    "description": "New description",
    "description_long": "# Long",
    "code": "HR-1",
    "cover_image_url": "https://example.com/c.png",
    "interview_department": "Support",
    "interview_salary": "50k",
    "interview_available_till": "2027-01-01",
    "recruiter_profile_id": "9b5e0000-0000-4000-8000-000000000001",
    "tags": ["support"],
    "status": "draft",
    "visibility": "merchant_public",
    "type": "assessment",
    "type_credit": "resume_check",
    "coach_plan": "demo",
    "interview_template_id": GRACE.id,
    "mojito_language_code": "de",
    "knowledge_base_store_id": "6b0c0002-0000-4000-8000-000000000001",
    "recording": "audio_all",
    "recording_full_session": "video_all",
    "result_view": "full",
    "candidate_video_introduction": "required",
    "interview_conversation_speed": "faster",
    "max_followups": 2,
    "max_duration": 1800,
    "questions_random_subset": 0.5,
    "interview_attempts": 3,
    "custom_scoring": {"max_score": 10},
    "required_pronunciation": True,
    "result_enable_edit_transcript": False,
    "candidate_expectations": "Calm under pressure",
    "candidate_expectations_json": {"weak": ["a"], "moderate": ["b"], "strong": ["c"]},
    "pdf_export_auto_config": {"transcript": True},
    "interview_type": "second-interview",
    "interview_tone": "professional",
    "seniority_level": "senior",
    "hiring_for_company": {"name": "Globex"},
    "merchant_id": "3e1d0003-0000-4000-8000-000000000002",
    "welcome_message": "Hi!",
    "thank_you_message": "Thanks!",
    "instructional_video": True,
    "instructional_video_custom_text": "Watch this",
}
EXPECTED_KIND = {
    How.IN_PLACE: Kind.UPDATE,
    How.STATE: Kind.SET_STATE,
    How.RECREATE_IMMUTABLE: Kind.RECREATE,
    How.RECREATE_CREATE_ONLY: Kind.RECREATE,
}
SINGLE_FIELDS = [
    field for field in INTERVIEW_FIELDS if "." not in field.spec and field.spec in NEW_VALUES
]


def test_every_top_level_registry_field_is_covered() -> None:
    skipped = {f.spec for f in INTERVIEW_FIELDS if "." not in f.spec} - set(NEW_VALUES)
    assert skipped == {"is_embedded", "disable_deduplication"}


@pytest.mark.parametrize("field", SINGLE_FIELDS, ids=lambda f: f.spec)
def test_each_field_changed_alone_makes_exactly_one_change_of_its_kind(field: Any) -> None:
    before = spec()
    live = live_like(before)
    after = spec(**{field.spec: NEW_VALUES[field.spec]})
    plan = make_plan([after], account(live), SETTINGS)
    assert len(plan.changes) == 1, plan.changes
    change = plan.changes[0]
    assert change.kind is EXPECTED_KIND[field.how]
    if field.how is not How.RECREATE_CREATE_ONLY:
        shown = "template" if field.spec == "interview_template_id" else field.spec
        assert [f.field for f in change.fields] == [shown]
    else:
        assert change.reason == (
            f"{field.spec} changed: it is create-only (the API cannot read or change it in place)"
        )


def test_generate_inputs_force_recreate_and_name_the_field() -> None:
    before = spec(generate={"interview_length": 6})
    live = live_like(before)
    after = spec(generate={"interview_length": 8})
    (change,) = make_plan([after], account(live), SETTINGS).changes
    assert change.kind is Kind.RECREATE
    assert change.reason.startswith("generate.interview_length changed")
    assert [s.action for s in change.steps] == [Action.CREATE, Action.SET_STATE, Action.UPDATE]
    assert change.steps[2].body == {"tags": ["iac-retired:acme/support-screen"]}
    assert change.steps[1].body == {"status": "archived"}
    assert change.steps[-1].target_id == live.id


def test_generated_questions_are_not_compared() -> None:
    desired = spec(generate={"interview_length": 6})
    live = live_like(desired, questions=[{"id": "x", "question": "Anything at all?"}])
    assert make_plan([desired], account(live), SETTINGS).changes == ()


def test_reordering_questions_is_a_move() -> None:
    a, b, c = question("a", "A?"), question("b", "B?"), question("c", "C?")
    live = live_like(spec(questions=(a, b, c)))
    (change,) = make_plan([spec(questions=(c, a, b))], account(live), SETTINGS).changes
    assert change.kind is Kind.UPDATE
    assert [(q.op, q.key, q.before_index, q.after_index) for q in change.questions] == [
        (QuestionOp.MOVED, "c", 2, 0)
    ]
    sent = change.steps[0].body["questions"]
    assert [q["external_id"] for q in sent] == ["c", "a", "b"]
    assert [q["id"] for q in sent] == ["q-c", "q-a", "q-b"]


def test_one_word_edit_shows_a_word_level_diff() -> None:
    before = question("t", "Tell me about a time you calmed an angry customer.")
    after = question("t", "Tell me about one time you calmed an angry customer.")
    live = live_like(spec(questions=(before,)))
    (change,) = make_plan([spec(questions=(after,))], account(live), SETTINGS).changes
    (edit,) = change.questions
    assert edit.op is QuestionOp.CHANGED
    (text,) = edit.fields
    assert word_diff(text.before, text.after) == [
        ("equal", "Tell me about "),
        ("delete", "a"),
        ("insert", "one"),
        ("equal", " time you calmed an angry customer."),
    ]


def test_added_and_removed_questions_and_follows() -> None:
    a, b = question("a", "A?"), question("b", "B?")
    live = live_like(spec(questions=(a, b)))
    new = question("n", "New?", follows="a")
    (change,) = make_plan([spec(questions=(a, new))], account(live), SETTINGS).changes
    assert [(q.op, q.key) for q in change.questions] == [
        (QuestionOp.ADDED, "n"),
        (QuestionOp.REMOVED, "b"),
    ]
    sent = change.steps[0].body["questions"]
    assert sent[1]["conditional_question_main_id"] == "q-a"
    assert sent[1]["is_conditional"] is True


def test_offline_template_active_question_change_goes_through_draft() -> None:
    before = spec(interview_template_id=GRACE.id)
    live = live_like(before)
    after = spec(interview_template_id=GRACE.id, questions=(question("why", "Why us?"),))
    (change,) = make_plan([after], account(live), SETTINGS).changes
    assert [(s.action, s.body.get("status")) for s in change.steps] == [
        (Action.SET_STATE, "draft"),
        (Action.UPDATE, None),
        (Action.SET_STATE, "active"),
    ]


def test_status_change_refreshes_markers_after_set_state() -> None:
    live = live_like(spec())
    (change,) = make_plan([spec(status="draft")], account(live), SETTINGS).changes
    assert change.kind is Kind.SET_STATE
    assert [s.action for s in change.steps] == [Action.SET_STATE, Action.UPDATE]
    assert change.reason == "status active -> draft"


def test_archived_live_is_set_back_not_recreated() -> None:
    desired = spec()
    live = live_like(desired, status="archived")
    (change,) = make_plan([desired], account(live), SETTINGS).changes
    assert change.kind is Kind.SET_STATE
    assert change.steps[0].body == {"status": "active"}


def test_deleted_live_counts_as_gone() -> None:
    desired = spec()
    live = live_like(desired, status="deleted")
    (change,) = make_plan([desired], account(live), SETTINGS).changes
    assert change.kind is Kind.CREATE


def test_duplicates_keep_the_closest_and_archive_the_rest() -> None:
    desired = spec()
    good = live_like(desired, live_id="00000000-0000-4000-8000-00000000aaaa")
    stale = live_like(desired, live_id="00000000-0000-4000-8000-00000000bbbb", name="Old name")
    changes = make_plan([desired], account(stale, good), SETTINGS).changes
    assert [(c.kind, c.live_id) for c in changes] == [(Kind.ARCHIVE, stale.id)]
    assert changes[0].reason.startswith(f"duplicate of {good.id}")


def test_prune_archives_our_interviews_without_spec_and_never_others() -> None:
    ours = live_like(spec("gone"))
    other_namespace = live_like(spec("gone"), tags=["iac:other/gone"])
    unmarked = live_like(spec("hand-made"), tags=["team-a"])
    changes = make_plan([], account(ours, other_namespace, unmarked), SETTINGS).changes
    assert [(c.kind, c.live_id) for c in changes] == [(Kind.ARCHIVE, ours.id)]


def test_protect_blocks_archive_and_recreate() -> None:
    protected = spec("keep", protect=True)
    live = live_like(protected)
    plan = make_plan([], account(live), SETTINGS)
    assert plan.changes[0].blocked == "protect: true forbids archiving this interview"
    assert plan.safety.refusals == (
        "keep: protect: true forbids archiving this interview (--force does not override "
        "it); restore the spec or its earlier values, or remove protect: true from it in a "
        "change of its own first",
    )
    recreate = make_plan(
        [spec("keep", protect=True, mojito_language_code="fr")], account(live), SETTINGS
    )
    assert recreate.changes[0].kind is Kind.RECREATE
    assert recreate.changes[0].blocked == "protect: true forbids recreating this interview"


def test_threshold_refusal_over_thirty_percent_of_ten_or_more() -> None:
    lives = [live_like(spec(f"k{i}")) for i in range(10)]
    keep = [spec(f"k{i}") for i in range(6)]
    plan = make_plan(keep, account(*lives), SETTINGS)
    assert plan.count(Kind.ARCHIVE) == 4
    assert plan.safety.refusals == (
        "the plan archives or recreates 4 of 10 managed interviews (40%), over the 30% "
        "limit; if that is intended, plan and apply with --force",
    )
    assert make_plan([*keep, spec("k6")], account(*lives), SETTINGS).safety.refusals == ()


def test_adopt_adds_markers_and_aligns_content() -> None:
    desired = spec("adopted", import_id="00000000-0000-4000-8000-0000000000ad")
    live = live_like(desired, live_id=desired.import_id, tags=["team-a"], name="Hand made")
    (change,) = make_plan([desired], account(live), SETTINGS).changes
    assert change.kind is Kind.ADOPT
    body = change.steps[0].body
    assert "iac:acme/adopted" in body["tags"]
    assert body["name"] == "Support specialist screen"


def test_import_id_that_does_not_exist_is_a_located_problem() -> None:
    desired = spec("adopted", import_id="00000000-0000-4000-8000-0000000000ad")
    with pytest.raises(InvalidSpecError) as caught:
        make_plan([desired], account(), SETTINGS)
    assert str(caught.value.problems[0]) == (
        "interviews/adopted.yaml:1:1: import_id 00000000-0000-4000-8000-0000000000ad: no live "
        "interview has it (check the id with `interviews import` or remove import_id)"
    )


def test_unknown_template_name_is_a_located_problem_with_a_hint() -> None:
    desired = spec()
    bad = desired.__class__(**{**desired.__dict__, "template": "Avva"})
    with pytest.raises(InvalidSpecError) as caught:
        make_plan([bad], account(), SETTINGS)
    assert str(caught.value.problems[0]) == (
        'interviews/support-screen.yaml:1:1: unknown template "Avva" (did you mean "Ava"? '
        'Usable en templates: "Ava", "Grace (studio)")'
    )


def test_drift_is_told_apart_from_spec_changes() -> None:
    desired = spec()
    live = live_like(desired, name="Edited in the app")
    (change,) = make_plan([desired], account(live), SETTINGS).changes
    assert change.drift
    assert [(f.field, f.drift) for f in change.fields] == [("name", True)]
    assert "changed in JobMojito since the last apply" in change.reason


def test_plan_checksum_is_stable_and_sorted() -> None:
    first = make_plan([spec("b"), spec("a")], account(), SETTINGS)
    second = make_plan([spec("a"), spec("b")], account(), SETTINGS)
    assert first.checksum == second.checksum
    assert [c.key for c in first.changes] == ["a", "b"]


def test_removing_a_question_in_the_spec_is_not_drift() -> None:
    a, b, c = question("a", "A?"), question("b", "B?"), question("c", "C?")
    live = live_like(spec(questions=(a, b, c)))
    (change,) = make_plan([spec(questions=(a, b))], account(live), SETTINGS).changes
    assert not change.drift
    assert change.reason == "1 question change(s)"


def test_managing_a_new_field_in_the_spec_is_not_drift() -> None:
    live = live_like(spec())
    (change,) = make_plan(
        [spec(interview_conversation_speed="faster")], account(live), SETTINGS
    ).changes
    assert not change.drift
    assert [(f.field, f.before, f.after, f.drift) for f in change.fields] == [
        ("interview_conversation_speed", None, "faster", False)
    ]


def test_a_create_shows_what_the_spec_sets_and_every_question() -> None:
    desired = spec("a", interview_attempts=2)
    (change,) = make_plan([desired], account(), SETTINGS).changes
    assert [(f.field, f.before, f.after) for f in change.fields][:2] == [
        ("template", None, "Ava"),
        ("location", None, "Remote"),
    ]
    assert ("interview_attempts", None, 2) in [(f.field, f.before, f.after) for f in change.fields]
    assert [(q.op, q.key, q.after_index) for q in change.questions] == [
        (QuestionOp.ADDED, "why", 0),
        (QuestionOp.ADDED, "hard", 1),
    ]


def test_server_filled_question_duration_and_language_are_not_changes() -> None:
    desired = spec(questions=(question("a", "A?"),))
    live = live_like(desired)
    filled = [
        {**item, "duration": 120, "mojito_language_code": "en"}
        for item in live.definition["questions"]
    ]
    live = live_like(desired, live_id=live.id, questions=filled)
    assert make_plan([desired], account(live), SETTINGS).changes == ()
    timed = spec(questions=(question("a", "A?", duration=90),))
    (change,) = make_plan([timed], account(live), SETTINGS).changes
    assert [(f.field, f.before, f.after) for f in change.questions[0].fields] == [
        ("duration", 120, 90)
    ]


def test_the_plan_records_a_fingerprint_of_each_managed_live_interview() -> None:
    desired = [spec("support"), spec("sales")]
    lives = [live_like(desired[0], live_id="live-1"), live_like(desired[1], live_id="live-2")]
    first = make_plan(desired, account(*lives), SETTINGS).live_fingerprints
    lives[1] = live_like(desired[1], live_id="live-2", description="Edited in JobMojito.")
    second = make_plan(desired, account(*lives), SETTINGS).live_fingerprints
    assert sorted(first) == sorted(second) == ["live-1", "live-2"]
    assert first["live-1"] == second["live-1"]
    assert first["live-2"] != second["live-2"]


def test_a_live_definition_holding_a_lone_surrogate_is_fingerprinted() -> None:
    desired = spec("support")
    # what json.loads makes of a "\\ud800" escape, in a field no spec manages
    live = live_like(desired, live_id="live-1", video_url="\ud800")
    other = live_like(desired, live_id="live-1", video_url="\ud801")
    plan = make_plan([desired], account(live), SETTINGS)
    assert plan.changes == ()
    assert (
        plan.live_fingerprints["live-1"]
        != (make_plan([desired], account(other), SETTINGS).live_fingerprints["live-1"])
    )


def test_adding_protect_says_so_rather_than_markers_out_of_date() -> None:
    live = live_like(spec())
    (added,) = make_plan([spec(protect=True)], account(live), SETTINGS).changes
    assert (
        added.reason == "protect: true added: from now on apply refuses to archive or recreate it"
    )
    protected = live_like(spec(protect=True))
    (removed,) = make_plan([spec()], account(protected), SETTINGS).changes
    assert removed.reason == "protect: true removed: apply may archive or recreate it again"


def test_a_create_lists_each_question_with_its_parent_options_and_duration() -> None:
    choice = question(
        "level", "Your level?", follows="why", duration=45, is_multiple_choice=True,
        question_alternatives=["Basic", "Fluent"],
    )  # fmt: skip
    desired = spec("a", questions=(question("why", "Why support?"), choice))
    (change,) = make_plan([desired], account(), SETTINGS).changes
    assert [(f.field, f.before, f.after) for f in change.questions[1].fields] == [
        ("follows", None, "why"),
        ("duration", None, 45),
        ("is_multiple_choice", None, True),
        ("question_alternatives", None, ["Basic", "Fluent"]),
    ]
    assert change.questions[0].fields == ()


def test_a_question_added_in_the_app_is_told_apart_from_one_removed_from_the_spec() -> None:
    a, b = question("a", "A?"), question("b", "B?")
    live = live_like(spec(questions=(a, b)))
    added_in_app = {"id": "q-app", "question": "Added in the app?", "external_id": None}
    live.definition["questions"].append(added_in_app)
    (change,) = make_plan([spec(questions=(a,))], account(live), SETTINGS).changes
    assert [(q.op, q.key, q.before_index, q.made_in_app) for q in change.questions] == [
        (QuestionOp.REMOVED, "b", 1, False),
        (QuestionOp.REMOVED, "#3", 2, True),
    ]


def test_a_template_change_is_shown_by_name_and_sent_by_id() -> None:
    live = live_like(spec())
    (change,) = make_plan([spec(interview_template_id=GRACE.id)], account(live), SETTINGS).changes
    assert change.reason == "template changed"
    assert [(f.field, f.before, f.after) for f in change.fields] == [
        ("template", "Ava", "Grace (studio)")
    ]
    assert change.steps[0].body["interview_template_id"] == GRACE.id


def test_removing_a_question_with_its_own_duration_is_not_drift() -> None:
    a, b = question("a", "A?"), question("b", "B?", duration=60)
    live = live_like(spec(questions=(a, b)))
    (change,) = make_plan([spec(questions=(a,))], account(live), SETTINGS).changes
    assert not change.drift
    assert change.reason == "1 question change(s)"


def _scenarios() -> dict[str, tuple[list[Any], tuple[Any, ...]]]:
    """(specs, live interviews in the order their definitions arrive) by what they show."""
    unchanged, edited, duplicated = spec("same"), spec("edited"), spec("twice")
    good = live_like(duplicated, live_id="00000000-0000-4000-8000-00000000aaaa")
    stale = live_like(duplicated, live_id="00000000-0000-4000-8000-00000000bbbb", name="Old")
    adopted = spec("adopted", import_id="00000000-0000-4000-8000-0000000000ad")
    return {
        "one each, unchanged and edited": (
            [unchanged, spec("edited", name="A new name")],
            (live_like(unchanged), live_like(edited)),
        ),
        "a duplicate arriving after the first": ([duplicated], (good, stale)),
        "an import_id and a prune": (
            [adopted],
            (live_like(adopted, live_id=adopted.import_id, tags=["team-a"]), live_like(spec("x"))),
        ),
        "archived, wanted active": ([unchanged], (live_like(unchanged, status="archived"),)),
        "unmarked and another namespace": (
            [unchanged],
            (live_like(unchanged, tags=["team-a"]), live_like(spec("same"), tags=["iac:b/same"])),
        ),
    }


@pytest.mark.parametrize("scenario", sorted(_scenarios()))
def test_planning_each_interview_as_it_arrives_makes_the_plan_make_plan_makes(
    scenario: str,
) -> None:
    desired, arriving = _scenarios()[scenario]
    planner = Planner(desired, TEMPLATES, SETTINGS)
    for live in arriving:
        planner.read(live)

    ahead = planner.finish(account(*arriving))

    assert ahead.to_dict() == make_plan(desired, account(*arriving), SETTINGS).to_dict()


def test_an_interview_read_ahead_but_not_in_the_account_is_not_planned() -> None:
    desired = spec("edited", name="A new name")
    read_ahead = live_like(spec("edited"))
    planner = Planner([desired], TEMPLATES, SETTINGS)
    planner.read(read_ahead)

    plan = planner.finish(account())

    assert [(change.kind, change.live_id) for change in plan.changes] == [(Kind.CREATE, None)]
    assert plan.live_fingerprints == {}
