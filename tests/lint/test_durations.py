from __future__ import annotations

from reconciler.lint.durations import check_durations
from reconciler.lint.durations import total_duration
from reconciler.spec.model import DesiredQuestion
from reconciler.spec.model import Location
from tests.lint.builders import interview
from tests.lint.builders import question


def _questions(*durations: int | None) -> list[DesiredQuestion]:
    return [question(f"q{n}", f"Question {n}?", duration=d) for n, d in enumerate(durations)]


def test_total_counts_only_set_durations() -> None:
    assert total_duration(interview(_questions(300, None, 120))) == 420


def test_over_the_default_limit() -> None:
    (found,) = check_durations(interview(_questions(600, 700)))
    assert found.rule_id == "IAC401"
    assert found.question_key is None
    assert found.location == Location("interviews/demo.yaml", 1, 1)
    assert found.message.startswith(
        "question durations add up to 1300 s, more than max_duration 1200 s (the default "
        "when omitted); shorten the durations or raise max_duration. The session ends"
    )


def test_over_an_explicit_limit_points_at_max_duration() -> None:
    (found,) = check_durations(interview(_questions(60, 60), values={"max_duration": 100}))
    assert found.location == Location("interviews/demo.yaml", 4, 15)
    assert "more than max_duration 100 s;" in found.message


def test_random_subset_scales_the_expected_total() -> None:
    values = {"max_duration": 600, "questions_random_subset": 0.5}
    assert list(check_durations(interview(_questions(500, 500), values=values))) == []
    (found,) = check_durations(interview(_questions(700, 700), values=values))
    assert "add up to 1400 s x questions_random_subset 0.5 = 700 s, more than" in found.message


def test_exactly_at_the_limit_is_fine() -> None:
    assert list(check_durations(interview(_questions(600, 600)))) == []
