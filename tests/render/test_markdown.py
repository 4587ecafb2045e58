from __future__ import annotations

import html
import re
from dataclasses import replace

from markdown_it import MarkdownIt

from reconciler.plan.model import Action
from reconciler.plan.model import Change
from reconciler.plan.model import FieldChange
from reconciler.plan.model import Kind
from reconciler.plan.model import Plan
from reconciler.plan.model import QuestionChange
from reconciler.plan.model import QuestionOp
from reconciler.plan.model import Safety
from reconciler.plan.model import Step
from reconciler.render.escape import ZERO_WIDTH_SPACE as ZWSP
from reconciler.render.markdown import render_markdown
from tests.render.fixtures import representative_plan

SAFETY = Safety(managed=1, destructive=0, max_share=0.3, min_managed=10)
BASE = Change(
    kind=Kind.UPDATE,
    key="screen",
    name="Screen",
    reason="name changed",
    live_id="id-1",
    steps=(Step(Action.UPDATE, {"name": "x"}, "id-1"),),
)
# CommonMark with GitHub's tables: what the comment turns into, short of GitHub's own filters.
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def plan_of(*changes: Change, notes: tuple[str, ...] = ()) -> Plan:
    return Plan(namespace="acme", changes=changes, safety=SAFETY, notes=notes)


def test_the_representative_plan() -> None:
    plan = representative_plan()
    rendered = render_markdown(plan).replace(plan.checksum, "CHECKSUM")
    assert rendered.split("\n") == [
        "## interviews-as-code plan",
        "",
        "**Plan: 1 to create, 2 to update, 1 to recreate, 1 to change state, 2 to archive.**",
        "",
        "Namespace acme, checksum `CHECKSUM`.",
        "",
        "### Candidate impact",
        "",
        "- keep: links already sent to candidates stop working; how many candidates took it is "
        "unknown",
        "- keep: archived: the interview leaves the app's lists; how many candidates took it "
        "is unknown",
        "- old\\-screen: links already sent to candidates stop working; 12 candidates have "
        "taken it \\(most recently 2026\\-11\\-20\\)",
        "- old\\-screen: archived: the interview leaves the app's lists; 12 candidates have "
        "taken it \\(most recently 2026\\-11\\-20\\)",
        "- onboarding: links already sent to candidates stop working: the new interview has "
        "new links; how many candidates took it is unknown",
        "- onboarding: results stay on the old interview "
        "\\(00000000\\-0000\\-4000\\-8000\\-0000000000a3\\); the new one starts without any; "
        "how many candidates took it is unknown",
        "- support\\-screen: candidates will be asked different questions \\(1 added, 1 "
        "reworded\\): results already in were scored on the old set; 3 candidates have taken "
        "it",
        "- intern\\-screen: set to draft: links already sent to candidates stop working until "
        "it is active; how many candidates took it is unknown",
        "",
        "### Apply will refuse this plan",
        "",
        "- keep: protect: true forbids archiving this interview \\(\\-\\-force does not "
        "override it\\); restore the spec or its earlier values, or remove protect: true from "
        "it in a change of its own first",
        "- the plan archives or recreates 3 of 6 managed interviews \\(50%\\), over the 30% "
        "limit; if that is intended, plan and apply with \\-\\-force",
        "",
        "### Notes",
        "",
        "- sales\\-screen: import\\_id can be removed; the interview carries its marker",
        "",
        "<details><summary><code>- archive</code> <b>keep</b> Kept screen</summary>",
        "",
        "- **!** links already sent to candidates stop working; how many candidates took it is "
        "unknown",
        "- **!** archived: the interview leaves the app's lists; how many candidates took it "
        "is unknown",
        "",
        "no spec file for this key in the repository \\(prune\\)",
        "",
        "**✗ apply refuses:** protect: true forbids archiving this interview",
        "",
        "</details>",
        "",
        "<details><summary><code>- archive</code> <b>old-screen</b> Old screen</summary>",
        "",
        "- **!** links already sent to candidates stop working; 12 candidates have taken it "
        "\\(most recently 2026\\-11\\-20\\)",
        "- **!** archived: the interview leaves the app's lists; 12 candidates have taken it "
        "\\(most recently 2026\\-11\\-20\\)",
        "",
        "no spec file for this key in the repository \\(prune\\)",
        "",
        "</details>",
        "",
        "<details><summary><code>-/+ recreate</code> <b>onboarding</b> Onboarding</summary>",
        "",
        "- **!** links already sent to candidates stop working: the new interview has new "
        "links; how many candidates took it is unknown",
        "- **!** results stay on the old interview "
        "\\(00000000\\-0000\\-4000\\-8000\\-0000000000a3\\); the new one starts without any; "
        "how many candidates took it is unknown",
        "",
        "mojito\\_language\\_code changed: the API cannot change it in place",
        "",
        "| field | live | desired |",
        "| --- | --- | --- |",
        '| mojito\\_language\\_code \\(forces recreate\\) | ` "en" ` | ` "de" ` |',
        "",
        "</details>",
        "",
        "<details><summary><code>+ create</code> <b>new-screen</b> New screen</summary>",
        "",
        "new interview with its own questions",
        "",
        "| field | value |",
        "| --- | --- |",
        '| template | ` "Ava" ` |',
        '| location | ` "Remote" ` |',
        '| description | ` "First-round screen" ` |',
        '| status | ` "active" ` |',
        '| mojito\\_language\\_code | ` "en" ` |',
        "",
        "```diff",
        '@@ question 1 (key "why"): added @@',
        "+ Why support?",
        '@@ question 2 (key "hard"): added @@',
        "+ A hard customer?",
        "```",
        "",
        "</details>",
        "",
        "<details><summary><code>~ update</code> <b>sales-screen</b> Sales screen</summary>",
        "",
        "name changed; the interview was changed in JobMojito since the last apply",
        "",
        "| field | live | desired |",
        "| --- | --- | --- |",
        '| name \\(changed in JobMojito\\) | ` "Sales screen (edited in the app)" ` | ` '
        '"Sales screen" ` |',
        "",
        "</details>",
        "",
        "<details><summary><code>~ update</code> <b>support-screen</b> Support screen</summary>",
        "",
        "- **!** candidates will be asked different questions \\(1 added, 1 reworded\\): "
        "results already in were scored on the old set; 3 candidates have taken it",
        "",
        "name, description\\_long changed; 3 question change\\(s\\)",
        "",
        "| field | live | desired |",
        "| --- | --- | --- |",
        '| name | ` "Support specialist screen" ` | ` "Support screen" ` |',
        '| description\\_long | ` "Line one.\\nLine two." ` | ` "Line one.\\nLine 2." ` |',
        "",
        "```diff",
        "@@ description_long @@",
        "  Line one.",
        "- Line two.",
        "+ Line 2.",
        '@@ question 1 (key "tools"): moved 3 -> 1 @@',
        "  Which tools do you use?",
        '@@ question 2 (key "why"): changed @@',
        "- Tell me about a time you calmed an angry customer.",
        "+ Tell me about one time you calmed an angry customer.",
        '@@ question 4 (key "new"): added @@',
        "+ A new question?",
        "  is_expert: true",
        "```",
        "",
        "</details>",
        "",
        "<details><summary><code>-&gt; set_state</code> <b>intern-screen</b> Intern "
        "screen</summary>",
        "",
        "- **!** set to draft: links already sent to candidates stop working until it is "
        "active; how many candidates took it is unknown",
        "",
        "status active \\-&gt; draft",
        "",
        "</details>",
        "",
    ]


EVIL = (
    "</details> <summary>x</summary> @org/team and @someone ![x](http://evil.example/x.png) "
    "<script>alert(1)</script> ```` `code` ~~~ | cell | https://evil.example "
    "www.evil.example $x^2$\n# Heading\n[link](javascript:alert(1)) <img src=x onerror=alert(1)>"
)


def evil_plan() -> Plan:
    change = replace(
        BASE,
        key="evil",
        name=EVIL,
        reason=EVIL,
        fields=(FieldChange("description", EVIL, "plain"),),
        questions=(QuestionChange(QuestionOp.ADDED, "q", EVIL, None, 0),),
        warnings=(EVIL,),
        blocked=EVIL,
    )
    return plan_of(change, replace(BASE, key="after"), notes=(EVIL,))


def test_spec_and_live_text_renders_inert() -> None:
    """Only our own tags; no link, image, script, heading or mention outside code."""
    page = GFM.render(render_markdown(evil_plan()))
    assert page.count("<details>") == page.count("</details>") == 2
    assert set(re.findall(r"<(\w+)", page)) == {
        "h2", "h3", "p", "strong", "code", "ul", "li", "br", "details", "summary", "b",
        "table", "thead", "tbody", "tr", "th", "td", "pre",
    }  # fmt: skip
    outside_code = re.sub(r"<(code|pre)[^>]*>.*?</\1>", "", page, flags=re.S)
    assert "@" not in outside_code.replace("@" + ZWSP, "")
    assert re.search(r"(?i)(http|javascript)s?:|www\.", outside_code) is None


def test_escaped_text_reads_the_same_once_rendered() -> None:
    rendered = render_markdown(evil_plan())
    warning = next(line for line in rendered.split("\n") if line.startswith("- evil: "))
    assert warning == (
        "- evil: &lt;/details&gt; &lt;summary&gt;x&lt;/summary&gt; @\u200borg/team and "
        "@\u200bsomeone \\!\\[x\\]\\(http\u200b://evil\\.example/x\\.png\\) "
        "&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\`\\`\\`\\` \\`code\\` \\~\\~\\~ \\| cell \\| "
        "https\u200b://evil\\.example www\u200b\\.evil\\.example \\$x^2\\$<br>\\# Heading<br>"
        "\\[link\\]\\(javascript\u200b:alert\\(1\\)\\) &lt;img src\\=x onerror\\=alert\\(1\\)&gt;"
    )
    shown = GFM.render(warning).replace(ZWSP, "").replace("<br>", "\n")
    assert shown == f"<ul>\n<li>evil: {html.escape(EVIL, quote=False)}</li>\n</ul>\n"


def test_an_empty_plan_says_so() -> None:
    assert render_markdown(plan_of()) == (
        "## interviews-as-code plan\n\nNo changes. The account matches the spec files.\n"
    )


def many_changes(count: int, text_size: int) -> Plan:
    question = QuestionChange(QuestionOp.ADDED, "q", "x" * text_size, None, 0)
    changes = [replace(BASE, key=f"k{n:03}", questions=(question,)) for n in range(count)]
    return plan_of(*changes)


def test_a_long_plan_is_cut_whole_sections_at_a_time_keeping_the_summary() -> None:
    plan = many_changes(40, 2_000)
    rendered = render_markdown(plan)
    assert len(render_markdown(plan, max_chars=10**6)) > 65_000
    assert len(rendered) <= 65_000
    shown = rendered.count("<details>")
    assert rendered.count("</details>") == shown
    assert rendered.count("`" * 3 + "diff") == shown
    assert rendered.startswith(
        "## interviews-as-code plan\n\n**Plan: 0 to create, 40 to update, 0 to recreate"
    )
    assert rendered.endswith(
        f"</details>\n\n> Plan cut at 65,000 characters: {40 - shown} more interview(s) not "
        "shown; see the JSON plan artifact.\n"
    )
    last_shown = f"k{shown - 1:03}"
    assert f"<b>{last_shown}</b>" in rendered
    assert f"<b>k{shown:03}</b>" not in rendered


def test_a_plan_that_fits_is_not_cut() -> None:
    plan = many_changes(3, 100)
    assert "Plan cut" not in render_markdown(plan)
    assert render_markdown(plan) == render_markdown(plan, max_chars=len(render_markdown(plan)))


def test_changes_already_pending_come_last_under_their_own_heading() -> None:
    pending = replace(BASE, key="drifted", name="Drifted")
    plan = replace(plan_of(pending, BASE), preexisting=("drifted",))
    rendered = render_markdown(plan)
    assert rendered.split("\n\n")[2:] == [
        f"Namespace acme, checksum `{plan.checksum}`. 1 interview(s) were already pending "
        "before this pull request; they are listed last.",
        "<details><summary><code>~ update</code> <b>screen</b> Screen</summary>",
        "name changed",
        "</details>",
        "### Already pending before this change (not from this pull request)",
        "_The specs before this change would make these changes too: drift in JobMojito, "
        "or an earlier merge not applied yet. Apply makes them all the same._",
        "<details><summary><code>~ update</code> <b>drifted</b> Drifted</summary>",
        "name changed",
        "</details>\n",
    ]


def test_a_cut_drops_the_pending_changes_before_the_change_s_own() -> None:
    pending = replace(BASE, key="drifted", name="Drifted")
    plan = replace(plan_of(pending, BASE), preexisting=("drifted",))
    whole = render_markdown(plan)
    cut = render_markdown(plan, max_chars=len(whole) - 1)
    assert "<b>screen</b>" in cut
    assert "<b>drifted</b>" not in cut
    assert "Already pending" not in cut
    assert cut.endswith("1 more interview(s) not shown; see the JSON plan artifact.\n")
