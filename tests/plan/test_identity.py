"""The planner's identity rules: a create is never blind, which marker wins, busy
interviews, renames (DESIGN.md section 5)."""

from __future__ import annotations

import dataclasses

from reconciler.apply.applier import refusals
from reconciler.live import LiveInterview
from reconciler.plan.model import Action
from reconciler.plan.model import Kind
from reconciler.plan.planner import make_plan
from reconciler.spec.model import DesiredInterview
from tests.plan.builders import SETTINGS
from tests.plan.builders import account
from tests.plan.builders import live_like
from tests.plan.builders import question
from tests.plan.builders import spec

LIVE_ID = "00000000-0000-4000-8000-0000000000a1"
OTHER_ID = "00000000-0000-4000-8000-0000000000b2"


def _unmarked(
    desired: DesiredInterview, live_id: str = OTHER_ID, **overrides: object
) -> LiveInterview:
    """The same interview made by hand in the app: no marker, a user tag."""
    name = str(overrides.get("name", desired.values["name"]))
    status = str(overrides.get("status", desired.values["status"]))
    return live_like(
        desired,
        live_id=live_id,
        summary={"name": name, "status": status, "type": overrides.get("type", "interview")},
        tags=["team-a"],
        **overrides,
    )


def _with(desired: DesiredInterview, **changes: object) -> DesiredInterview:
    return dataclasses.replace(desired, **changes)  # type: ignore[arg-type]


# A create is never blind


def test_a_create_beside_an_unmanaged_interview_of_that_name_is_blocked() -> None:
    desired = spec()
    plan = make_plan([desired], account(_unmarked(desired)), SETTINGS)
    (change,) = plan.changes
    assert change.kind is Kind.CREATE
    assert change.blocked is not None
    assert OTHER_ID in change.blocked
    assert f"import_id: {OTHER_ID}" in change.blocked
    assert "allow_duplicate_name: true" in change.blocked
    (refusal,) = plan.safety.refusals
    assert refusal.startswith("support-screen: a live interview named ")
    assert refusals(plan, force=True) == [refusal]  # --force never overrides it


def test_an_interview_marked_for_another_namespace_or_key_blocks_too() -> None:
    desired = spec()
    elsewhere = live_like(spec("other"), live_id=OTHER_ID, tags=["iac:other/support-screen"])
    other_key = live_like(spec("second"), live_id=LIVE_ID)
    plan = make_plan([desired, spec("second")], account(elsewhere, other_key), SETTINGS)
    (create,) = [c for c in plan.changes if c.kind is Kind.CREATE]
    assert create.blocked is not None
    assert f"({LIVE_ID}, {OTHER_ID})" in create.blocked


def test_other_types_archived_and_deleted_namesakes_do_not_block() -> None:
    desired = spec()
    lives = account(
        _unmarked(desired, "00000000-0000-4000-8000-000000000c01", type="coaching"),
        _unmarked(desired, "00000000-0000-4000-8000-000000000c02", status="archived"),
        _unmarked(desired, "00000000-0000-4000-8000-000000000c03", status="deleted"),
        _unmarked(desired, "00000000-0000-4000-8000-000000000c04", name="Another name"),
    )
    (change,) = make_plan([desired], lives, SETTINGS).changes
    assert change.kind is Kind.CREATE
    assert change.blocked is None


def test_allow_duplicate_name_creates_anyway() -> None:
    desired = _with(spec(), allow_duplicate_name=True)
    plan = make_plan([desired], account(_unmarked(desired)), SETTINGS)
    (change,) = plan.changes
    assert (change.kind, change.blocked, plan.safety.refusals) == (Kind.CREATE, None, ())


def test_import_id_adopts_the_namesake_instead() -> None:
    desired = spec(import_id=OTHER_ID)
    (change,) = make_plan([desired], account(_unmarked(desired)), SETTINGS).changes
    assert (change.kind, change.live_id, change.blocked) == (Kind.ADOPT, OTHER_ID, None)


# Which marker wins


def test_a_current_interview_wins_over_an_archived_one_whose_marker_is_retired() -> None:
    desired = spec()
    current = live_like(desired, live_id=LIVE_ID)
    archived = live_like(desired, live_id=OTHER_ID, status="archived")
    plan = make_plan([desired], account(archived, current), SETTINGS)
    (change,) = plan.changes
    assert (change.kind, change.live_id) == (Kind.UPDATE, OTHER_ID)
    assert "marker is retired" in change.reason
    (step,) = change.steps
    assert step.action is Action.UPDATE
    assert step.body == {"tags": ["iac-retired:acme/support-screen"]}


def test_retiring_keeps_the_user_tags() -> None:
    desired = spec(tags=["team-a"])
    current = live_like(desired, live_id=LIVE_ID)
    archived = live_like(desired, live_id=OTHER_ID, status="archived")
    (change,) = make_plan([desired], account(archived, current), SETTINGS).changes
    assert change.steps[0].body == {"tags": ["team-a", "iac-retired:acme/support-screen"]}


def test_import_id_wins_over_the_marker_of_an_archived_predecessor() -> None:
    """A recreate's predecessor kept its marker and the new one lost its tags in the app:
    import_id names the new one, which is adopted; the predecessor is retired."""
    desired = spec(import_id=LIVE_ID)
    predecessor = live_like(desired, live_id=OTHER_ID, status="archived")
    stripped = live_like(desired, live_id=LIVE_ID, tags=[])
    plan = make_plan([desired], account(predecessor, stripped), SETTINGS)
    assert [(c.kind, c.live_id) for c in plan.changes] == [
        (Kind.ADOPT, LIVE_ID),
        (Kind.UPDATE, OTHER_ID),
    ]
    assert plan.changes[1].steps[0].body == {"tags": ["iac-retired:acme/support-screen"]}


def test_import_id_wins_over_a_current_marked_interview() -> None:
    desired = spec(import_id=LIVE_ID)
    marked = live_like(desired, live_id=OTHER_ID)
    plan = make_plan([desired], account(marked, _unmarked(desired, LIVE_ID)), SETTINGS)
    assert [(c.kind, c.live_id) for c in plan.changes] == [
        (Kind.ARCHIVE, OTHER_ID),
        (Kind.ADOPT, LIVE_ID),
    ]
    archive = plan.changes[0]
    assert [s.action for s in archive.steps] == [Action.SET_STATE, Action.UPDATE]


def test_a_prune_keeps_the_marker_and_the_restored_spec_sets_the_state_back() -> None:
    desired = spec()
    live = live_like(desired, live_id=LIVE_ID)
    (prune,) = make_plan([], account(live), SETTINGS).changes
    assert [s.body for s in prune.steps] == [{"status": "archived"}]
    archived = live_like(desired, live_id=LIVE_ID, status="archived")
    (restore,) = make_plan([desired], account(archived), SETTINGS).changes
    assert (restore.kind, restore.live_id) == (Kind.SET_STATE, LIVE_ID)


def test_an_interrupted_recreate_converges_after_each_step() -> None:
    """create, archive the old one, retire its marker: a plan made after any of them
    finishes the job and never creates again."""
    old = spec(mojito_language_code="en")
    new = spec(mojito_language_code="fr")
    before = live_like(old, live_id=OTHER_ID)
    created = live_like(new, live_id=LIVE_ID, updated_at="2026-11-02T10:00:00.000Z")
    after_create = make_plan([new], account(before, created), SETTINGS)
    assert [(c.kind, c.live_id) for c in after_create.changes] == [(Kind.ARCHIVE, OTHER_ID)]
    archived = live_like(old, live_id=OTHER_ID, status="archived")
    after_archive = make_plan([new], account(archived, created), SETTINGS)
    assert [(c.kind, c.live_id) for c in after_archive.changes] == [(Kind.UPDATE, OTHER_ID)]
    retired = live_like(old, live_id=OTHER_ID, status="archived", tags=["iac-retired:acme/x"])
    assert make_plan([new], account(retired, created), SETTINGS).changes == ()


# Busy interviews


def test_busy_interviews_are_left_alone_with_a_note() -> None:
    desired = spec()
    for status in ("preparing", "completed"):
        live = live_like(desired, live_id=LIVE_ID, status=status)
        plan = make_plan([desired], account(live), SETTINGS)
        assert plan.changes == ()
        assert plan.notes == (f"support-screen: busy: {status}; left alone ({LIVE_ID})",)


def test_a_busy_interview_is_not_adopted_until_it_is_done() -> None:
    desired = spec(import_id=LIVE_ID)
    busy = _unmarked(desired, LIVE_ID, status="preparing")
    plan = make_plan([desired], account(busy), SETTINGS)
    assert plan.changes == ()
    assert plan.notes == (f"support-screen: busy: preparing; left alone ({LIVE_ID})",)


def test_a_busy_interview_is_not_pruned() -> None:
    live = live_like(spec(), live_id=LIVE_ID, status="preparing")
    plan = make_plan([], account(live), SETTINGS)
    assert plan.changes == ()
    assert plan.notes == (f"support-screen: busy: preparing; left alone ({LIVE_ID})",)


# Renames


def test_a_previous_key_moves_the_marker_in_place() -> None:
    old = spec("support-old")
    live = live_like(old, live_id=LIVE_ID)
    renamed = _with(spec("support-screen"), previous_keys=("support-old",))
    plan = make_plan([renamed], account(live), SETTINGS)
    (change,) = plan.changes
    assert (change.kind, change.key, change.live_id) == (Kind.UPDATE, "support-screen", LIVE_ID)
    assert change.reason == "renamed from support-old: same interview, same id and links"
    assert (change.fields[0].field, change.fields[0].before, change.fields[0].after) == (
        "key",
        "support-old",
        "support-screen",
    )
    (update,) = change.steps
    assert "iac:acme/support-screen" in update.body["tags"]
    assert "iac:acme/support-old" not in update.body["tags"]


def test_a_rename_with_content_changes_says_both() -> None:
    live = live_like(spec("support-old"), live_id=LIVE_ID)
    renamed = _with(spec("support-screen", location="Porto"), previous_keys=("support-old",))
    (change,) = make_plan([renamed], account(live), SETTINGS).changes
    assert change.reason.startswith("renamed from support-old: same interview")
    assert change.reason.endswith("; location changed")


def test_archive_plus_identical_create_hints_at_previous_keys() -> None:
    live = live_like(spec("support-old"), live_id=LIVE_ID)
    plan = make_plan([spec("support-screen")], account(live), SETTINGS)
    assert [c.kind for c in plan.changes] == [Kind.ARCHIVE, Kind.CREATE]
    create = plan.changes[1]
    assert create.blocked is None  # the namesake is archived by this very plan
    assert create.warnings[0].startswith(
        "looks like a rename: add previous_keys: [support-old] to interviews/support-screen.yaml"
    )


def test_no_rename_hint_when_the_questions_differ() -> None:
    live = live_like(spec("support-old"), live_id=LIVE_ID)
    other = spec("support-screen", questions=(question("why", "Why support, in a word?"),))
    plan = make_plan([other], account(live), SETTINGS)
    (create,) = [c for c in plan.changes if c.kind is Kind.CREATE]
    assert create.warnings == ()


def test_a_specs_own_key_wins_over_another_specs_previous_key() -> None:
    """Specs from another revision (`plan --base`) skip the loader's cross-file check."""
    live = live_like(spec("support-old"), live_id=LIVE_ID)
    claims = _with(spec("support-screen", name="Another name"), previous_keys=("support-old",))
    plan = make_plan([spec("support-old"), claims], account(live), SETTINGS)
    assert [(c.kind, c.key, c.live_id) for c in plan.changes] == [
        (Kind.CREATE, "support-screen", None)
    ]
