"""Stage 3, render: a Plan as text (terminal), markdown (PR comment) or JSON (the plan
document). Every renderer is a pure function of the Plan returning a string."""

from __future__ import annotations

from reconciler.render.json_doc import render_json
from reconciler.render.markdown import render_markdown
from reconciler.render.text import render_text

__all__ = ["render_json", "render_markdown", "render_text"]
