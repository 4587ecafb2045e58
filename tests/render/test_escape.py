from __future__ import annotations

from reconciler.render.escape import fence_for
from reconciler.render.escape import html_text
from reconciler.render.escape import markdown_inline
from reconciler.render.escape import visible
from reconciler.render.escape import visible_lines
from reconciler.render.escape import workflow_message
from reconciler.render.escape import workflow_property

# Every way outside text has been seen to take over a terminal or a CI log: clear the
# screen, set the window title (OSC ... BEL), return to the line start and overwrite it,
# C1 CSI, bidi overrides, and a line break followed by a forged `error:` line.
HOSTILE = "a\x1b[2Jb\x1b]0;title\x07c\rd\x7fe\u009bf\u202eg\u2066h\nerror: forged"


def test_visible_shows_every_control_character_escaped_on_one_line() -> None:
    assert visible(HOSTILE) == (
        "a\\x1b[2Jb\\x1b]0;title\\x07c\\rd\\x7fe\\x9bf\\u202eg\\u2066h\\nerror: forged"
    )


def test_visible_keeps_tabs_joiners_and_ordinary_text() -> None:
    assert visible("d\te\u200d🏳\u200d🌈 café") == "d\te\u200d🏳\u200d🌈 café"


def test_visible_lines_keeps_line_breaks_and_escapes_the_rest() -> None:
    assert visible_lines("a\x1bb\r\nc\rd\u2028e") == "a\\x1bb\nc\\rd\\u2028e"


def test_a_leading_double_colon_cannot_become_a_workflow_command() -> None:
    assert visible("::error::forged") == "\\x3a:error::forged"
    assert visible("  ::set-output name=x::y") == "  \\x3a:set-output name=x::y"
    assert visible_lines("ok\n\t::warning::x") == "ok\n\t\\x3a:warning::x"
    assert visible("a::b") == "a::b"


def test_markdown_inline_escapes_html_punctuation_mentions_and_links() -> None:
    assert markdown_inline("<b>*hi*</b> @bob x|y") == (
        "&lt;b&gt;\\*hi\\*&lt;/b&gt; @\u200bbob x\\|y"
    )
    assert markdown_inline("see https://x.io, www.x.io and JavaScript:go") == (
        "see https\u200b://x\\.io, www\u200b\\.x\\.io and JavaScript\u200b:go"
    )
    assert markdown_inline("# one\n1. two") == "\\# one<br>1\\. two"


def test_html_text_is_inert_in_raw_html_and_stays_on_one_line() -> None:
    assert html_text('</summary>\n\n"@x" & http://y') == (
        "&lt;/summary&gt;  &quot;@\u200bx&quot; &amp; http\u200b://y"
    )


def test_fences_outlast_every_backtick_run() -> None:
    assert fence_for("plain") == "```"
    assert fence_for("a ```` b ` c") == "`````"
    assert fence_for("no ticks", minimum=1) == "`"
    assert fence_for("one ` tick", minimum=1) == "``"


def test_workflow_command_values_cannot_end_their_line_or_property() -> None:
    assert workflow_message("50% done\r\n::error::x\x1b") == "50%25 done\\r\\n::error::x\\x1b"
    assert workflow_property("a,b:c%\nd") == "a%2Cb%3Ac%25\\nd"
