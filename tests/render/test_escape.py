from __future__ import annotations

from reconciler.render.escape import fence_for
from reconciler.render.escape import html_text
from reconciler.render.escape import markdown_inline
from reconciler.render.escape import visible


def test_visible_shows_control_and_bidi_characters_but_keeps_text() -> None:
    assert visible("a\x1b[2Jb\u202ec\r\nd\te\u200d") == "a\\u001b[2Jb\\u202ec\nd\te\u200d"


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
