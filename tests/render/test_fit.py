from __future__ import annotations

import pytest

from reconciler.render.fit import ListBlock
from reconciler.render.fit import fit

HEAD = "## plan"
WARNINGS = ListBlock("Warnings", ("w1", "w2"), priority=1)
REFUSALS = ListBlock("Refusals", ("r1",), priority=0)


def test_everything_fits() -> None:
    assert fit(HEAD, [WARNINGS, REFUSALS], ["<details>a</details>"], 1_000) == (
        "## plan\n\n### Warnings\n\n- w1\n- w2\n\n### Refusals\n\n- r1\n\n<details>a</details>\n"
    )


def test_sections_go_first_from_the_end_and_the_cut_is_said() -> None:
    sections = ["A" * 60, "B" * 60, "C" * 60]
    document = fit(HEAD, [REFUSALS], sections, 200)
    assert document == (
        "## plan\n\n### Refusals\n\n- r1\n\n" + "A" * 60 + "\n\n> Plan cut at 200 characters: "
        "2 more interview(s) not shown; see the JSON plan artifact.\n"
    )
    assert len(document) <= 200


def test_lists_are_cut_only_when_they_alone_overflow_and_refusals_last() -> None:
    warnings = ListBlock("Warnings", tuple(f"warning {n}" for n in range(30)), priority=1)
    document = fit(HEAD, [warnings, REFUSALS], ["§" * 10], 300)
    assert len(document) <= 300
    assert document.startswith("## plan\n\n### Warnings\n\n- warning 0\n")
    assert "more not shown; see the JSON plan artifact.\n\n### Refusals\n\n- r1\n\n> Plan cut" in (
        document
    )
    assert "§" not in document


def test_a_limit_below_the_summary_is_a_programming_error() -> None:
    with pytest.raises(ValueError) as caught:
        fit(HEAD, [], ["x" * 100], 50)
    assert str(caught.value) == "max_chars=50 cannot hold even the plan summary"
