from __future__ import annotations

from dataclasses import replace

from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.plan.model import Safety
from reconciler.plan.model import Step
from reconciler.render.text import render_text
from tests.render.fixtures import representative_plan

NO_SAFETY = Safety(managed=1, destructive=0, max_share=0.3, min_managed=10)


BASE = Change(
    kind=Kind.UPDATE,
    key="screen",
    name="Screen",
    reason="1 question change(s)",
    live_id="id-1",
    steps=(Step(Action.UPDATE, {"name": "x"}, "id-1"),),
)


def plan_of(*changes: Change, notes: tuple[str, ...] = ()) -> Plan:
    return Plan(namespace="acme", changes=changes, safety=NO_SAFETY, notes=notes)


def test_the_representative_plan() -> None:
    assert render_text(representative_plan()).split("\n") == [
        "Plan for namespace acme:",
        "",
        '  - archive keep  "Kept screen"',
        "      no spec file for this key in the repository (prune)",
        "      ! links already sent to candidates stop working; how many candidates took it is "
        "unknown",
        "      ! archived: the interview leaves the app's lists; how many candidates took it "
        "is unknown",
        "      ✗ apply refuses: protect: true forbids archiving this interview",
        "",
        '  - archive old-screen  "Old screen"',
        "      no spec file for this key in the repository (prune)",
        "      ! links already sent to candidates stop working; 12 candidates have taken it "
        "(most recently 2026-11-20)",
        "      ! archived: the interview leaves the app's lists; 12 candidates have taken it "
        "(most recently 2026-11-20)",
        "",
        '-/+ recreate onboarding  "Onboarding"',
        "      mojito_language_code changed: the API cannot change it in place",
        "      ! links already sent to candidates stop working: the new interview has new "
        "links; how many candidates took it is unknown",
        "      ! results stay on the old interview (00000000-0000-4000-8000-0000000000a3); the "
        "new one starts without any; how many candidates took it is unknown",
        '      mojito_language_code: "en" -> "de"  (forces recreate)',
        "",
        '  + create new-screen  "New screen"',
        "      new interview with its own questions",
        '      template: "Ava"',
        '      location: "Remote"',
        '      description: "First-round screen"',
        '      status: "active"',
        '      mojito_language_code: "en"',
        '      + question 1 (key "why"): "Why support?"',
        '      + question 2 (key "hard"): "A hard customer?"',
        "",
        '  ~ update sales-screen  "Sales screen"',
        "      name changed; the interview was changed in JobMojito since the last apply",
        '      name: "Sales screen (edited in the app)" -> "Sales screen"  (changed in JobMojito)',
        "",
        '  ~ update support-screen  "Support screen"',
        "      name, description_long changed; 3 question change(s)",
        "      ! candidates will be asked different questions (1 added, 1 reworded): results "
        "already in were scored on the old set; 3 candidates have taken it",
        '      name: "Support specialist screen" -> "Support screen"',
        "      description_long:",
        "          Line one.",
        "          Line [-two.-]{+2.+}",
        '      ↕ question 1 (key "tools"): moved 3 -> 1',
        '      ~ question 2 (key "why"): Tell me about [-a-]{+one+} time you calmed an angry '
        "customer.",
        '      + question 4 (key "new"): "A new question?"',
        "          is_expert: true",
        "",
        ' -> set_state intern-screen  "Intern screen"',
        "      status active -> draft",
        "      ! set to draft: links already sent to candidates stop working until it is "
        "active; how many candidates took it is unknown",
        "",
        "Plan: 1 to create, 2 to update, 1 to recreate, 1 to change state, 2 to archive.",
        "",
        "Apply will refuse this plan:",
        "  ✗ keep: protect: true forbids archiving this interview (--force does not override "
        "it); restore the spec or its earlier values, or remove protect: true from it in a "
        "change of its own first",
        "  ✗ the plan archives or recreates 3 of 6 managed interviews (50%), over the 30% "
        "limit; if that is intended, plan and apply with --force",
        "",
        "Notes:",
        "  - sales-screen: import_id can be removed; the interview carries its marker",
        "",
    ]


def test_an_empty_plan_says_so_and_keeps_its_notes() -> None:
    assert render_text(plan_of()) == "No changes. The account matches the spec files.\n"
    assert render_text(plan_of(notes=("a: import_id can be removed",))) == (
        "No changes. The account matches the spec files.\n\n"
        "Notes:\n  - a: import_id can be removed\n"
    )


def test_colour_marks_kinds_questions_and_diffs_only_when_asked() -> None:
    edit = QuestionChange(
        QuestionOp.CHANGED, "q", "Why us?", 0, 0, (FieldChange("question", "Why?", "Why us?"),)
    )
    plan = plan_of(replace(BASE, questions=(edit,)), replace(BASE, kind=Kind.CREATE, key="new"))
    assert render_text(plan, color=True).split("\n") == [
        "Plan for namespace acme:",
        "",
        '\x1b[32m  + create\x1b[0m new  "Screen"',
        "      1 question change(s)",
        "",
        '\x1b[33m  ~ update\x1b[0m screen  "Screen"',
        "      1 question change(s)",
        '      \x1b[33m~\x1b[0m question 1 (key "q"): '
        "\x1b[31m[-Why?-]\x1b[0m\x1b[32m{+Why us?+}\x1b[0m",
        "",
        "Plan: 1 to create, 1 to update, 0 to recreate, 0 to change state, 0 to archive.",
        "",
    ]
    assert "\x1b" not in render_text(plan, color=False)


def test_adopt_is_shown_as_adopt_and_counted_as_update() -> None:
    adopt = replace(BASE, kind=Kind.ADOPT, reason="adopt: add the marker")
    assert render_text(plan_of(adopt, BASE)).split("\n")[2:5] == [
        '  ~ adopt screen  "Screen"',
        "      adopt: add the marker",
        "",
    ]
    assert "Plan: 0 to create, 2 to update," in render_text(plan_of(adopt, BASE))


def test_removed_questions_and_question_attributes() -> None:
    questions = (
        QuestionChange(QuestionOp.ADDED, "new", "New?", None, 0),
        QuestionChange(
            QuestionOp.CHANGED,
            "why",
            "Why?",
            1,
            1,
            (FieldChange("is_expert", False, True), FieldChange("follows", None, "new")),
        ),
        QuestionChange(QuestionOp.REMOVED, "old", "Old?", 2, None),
    )
    assert render_text(plan_of(replace(BASE, questions=questions))).split("\n")[4:8] == [
        '      + question 1 (key "new"): "New?"',
        '      ~ question 2 (key "why"): "Why?"',
        "          is_expert: false -> true",
        '          follows: null -> "new"',
    ]
    assert render_text(plan_of(replace(BASE, questions=questions))).split("\n")[8] == (
        '      - question 3 (key "old"): "Old?"'
    )


def test_long_values_are_shortened_and_long_unchanged_text_is_cut() -> None:
    long_before, long_after = "x" * 100, "y" * 100
    words = " ".join(f"w{n}" for n in range(20))
    edit = QuestionChange(
        QuestionOp.CHANGED,
        "q",
        "",
        0,
        0,
        (FieldChange("question", f"{words} old {words}", f"{words} new {words}"),),
    )
    change = replace(
        BASE, fields=(FieldChange("name", long_before, long_after),), questions=(edit,)
    )
    lines = render_text(plan_of(change)).split("\n")
    assert lines[4] == f'      name: "{"x" * 76}... -> "{"y" * 76}...'
    assert lines[5] == (
        '      ~ question 1 (key "q"): ... w16 w17 w18 w19 [-old-]{+new+} w0 w1 w2 w3 ...'
    )


def test_control_and_bidi_characters_in_user_text_are_shown_escaped() -> None:
    change = replace(
        BASE,
        key="k",
        name="Evil\x1b[31m name",
        fields=(FieldChange("description", "a\u202eb", "c\x07"),),
    )
    lines = render_text(plan_of(change)).split("\n")
    assert lines[2] == '  ~ update k  "Evil\\u001b[31m name"'
    assert lines[4] == '      description: "a\\u202eb" -> "c\\u0007"'


def test_line_breaks_in_a_question_diff_stay_indented_and_start_no_line() -> None:
    before, after = "Why?\nerror: forged", "Why now?\n::warning::x\x1b]0;t\x07\rz"
    edit = QuestionChange(
        QuestionOp.CHANGED, "q", after, 0, 0, (FieldChange("question", before, after),)
    )
    multiline = FieldChange("description", "a\nb", "a\n::error::c\x1b[2J")
    change = replace(BASE, fields=(multiline,), questions=(edit,))
    lines = render_text(plan_of(change)).split("\n")
    assert lines[4:10] == [
        "      description:",
        "          a",
        "          [-b-]{+\\x3a:error::c\\x1b[2J+}",
        '      ~ question 1 (key "q"): [-Why?-]{+Why now?+}',
        "          [-error: forged-]{+\\x3a:warning::x\\x1b]0;t\\x07\\rz+}",
        "",
    ]


def test_changes_already_pending_before_the_change_are_listed_apart() -> None:
    pending = replace(BASE, key="drifted", name="Drifted", reason="name changed")
    plan = replace(plan_of(BASE, pending), preexisting=("drifted",))
    assert render_text(plan).split("\n") == [
        "Plan for namespace acme:",
        "",
        '  ~ update screen  "Screen"',
        "      1 question change(s)",
        "",
        "Already pending before this change (not from this pull request):",
        "The specs before this change would make these changes too: drift in JobMojito, "
        "or an earlier merge not applied yet. Apply makes them all the same.",
        "",
        '  ~ update drifted  "Drifted"',
        "      name changed",
        "",
        "Plan: 0 to create, 2 to update, 0 to recreate, 0 to change state, 0 to archive.",
        "",
    ]


def test_a_create_lists_each_question_in_full_with_parent_options_and_duration() -> None:
    long_text = 'Tell me, in as much detail as you like, "why"; ' * 4 + "why?"
    fields = (
        FieldChange("follows", None, "why"),
        FieldChange("duration", None, 45),
        FieldChange("question_alternatives", None, ["Basic", "Fluent"]),
    )
    added = (
        QuestionChange(QuestionOp.ADDED, "why", long_text, None, 0),
        QuestionChange(QuestionOp.ADDED, "level", "Your level?", None, 1, fields),
    )
    create = replace(BASE, kind=Kind.CREATE, live_id=None, questions=added)
    assert render_text(plan_of(create)).split("\n")[4:10] == [
        f'      + question 1 (key "why"): "{long_text.replace(chr(34), chr(92) + chr(34))}"',
        '      + question 2 (key "level"): "Your level?"',
        '          follows: "why"',
        "          duration: 45",
        '          question_alternatives: ["Basic", "Fluent"]',
        "",
    ]


def test_a_question_made_in_jobmojito_is_labelled_so_not_by_its_position() -> None:
    removed = QuestionChange(QuestionOp.REMOVED, "#6", "Added in the app?", 5, None)
    made = replace(removed, made_in_app=True)
    assert render_text(plan_of(replace(BASE, questions=(made,)))).split("\n")[4] == (
        '      - question 6 (made in JobMojito): "Added in the app?"'
    )


def test_a_question_known_only_by_its_place_is_not_given_a_made_up_key() -> None:
    removed = QuestionChange(QuestionOp.REMOVED, "#3", "Old?", 2, None)
    assert render_text(plan_of(replace(BASE, questions=(removed,)))).split("\n")[4] == (
        '      - question 3 (no key): "Old?"'
    )
