from __future__ import annotations

from reconciler.history.diff import Segment
from reconciler.history.diff import word_diff
from reconciler.history.render import diff_markdown
from reconciler.history.render import diff_text
from reconciler.history.render import escape_markdown


def test_text_diff_marks() -> None:
    assert diff_text(word_diff("Why this job?", "Why our job?")) == "Why [-this-]{+our+} job?"


def test_markdown_diff_marks_hug_the_words() -> None:
    segments = (Segment("equal", "a"), Segment("delete", " b "), Segment("insert", "c"))
    assert diff_markdown(segments) == "a ~~b~~  **c**"


def test_markdown_escapes_links_images_html_and_mentions() -> None:
    text = "![x](http://evil) <img src=x> @team *bold*"
    assert escape_markdown(text) == (r"\!\[x\]\(http://evil\) &lt;img src=x&gt; &#64;team \*bold\*")
