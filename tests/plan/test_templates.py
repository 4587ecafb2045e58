"""Templates checked at plan time: one the API would refuse fails the plan by name."""

from __future__ import annotations

import pytest

from reconciler.errors import InvalidSpecError
from reconciler.live import Template
from reconciler.plan.planner import LiveAccount
from reconciler.plan.planner import make_plan
from reconciler.spec.model import DesiredInterview
from tests.plan.builders import SETTINGS
from tests.plan.builders import TEMPLATES
from tests.plan.builders import live_like
from tests.plan.builders import spec

LEGACY = Template(
    "7a1c0001-0000-4000-8000-000000000008", "Elai presenter", "offline_elai", "active", "en"
)
CLARA = Template("7a1c0001-0000-4000-8000-000000000003", "Clara", "interactive_heygen", "", "de")
ACCOUNT_TEMPLATES = (*TEMPLATES, LEGACY, CLARA)


def _problems(*specs: DesiredInterview) -> list[str]:
    account = LiveAccount(interviews=(), templates=ACCOUNT_TEMPLATES)
    with pytest.raises(InvalidSpecError) as caught:
        make_plan(list(specs), account, SETTINGS)
    return [str(problem) for problem in caught.value.problems]


def test_a_legacy_template_fails_the_plan_with_the_usable_ones_of_its_language() -> None:
    assert _problems(spec("a", interview_template_id=LEGACY.id)) == [
        'interviews/a.yaml:1:1: template "Elai presenter" is a legacy offline_elai template: '
        'the API no longer accepts it for an interview (usable en templates: "Ava", '
        '"Grace (studio)")'
    ]


def test_an_unknown_template_id_fails_the_plan_with_the_usable_ones_of_its_language() -> None:
    unknown = "7a1c0001-0000-4000-8000-0000000000ff"
    desired = spec("b", interview_template_id=unknown, mojito_language_code="de")
    assert _problems(desired) == [
        f"interviews/b.yaml:1:1: interview_template_id {unknown} is not a template of this "
        'account (usable de templates: "Clara")'
    ]


def test_a_language_without_usable_templates_says_where_to_look() -> None:
    desired = spec("c", interview_template_id=LEGACY.id, mojito_language_code="ja")
    assert _problems(desired)[0].endswith(
        "(no usable ja template in this account: run `interviews templates`)"
    )


def test_an_interview_that_keeps_its_legacy_template_is_left_alone() -> None:
    """The API refuses a legacy template only when it is sent: an interview made with one
    long ago is updated without sending it again."""
    before = spec("d", interview_template_id=LEGACY.id)
    live = live_like(before, name="Old name")
    account = LiveAccount(interviews=(live,), templates=ACCOUNT_TEMPLATES)
    (change,) = make_plan([before], account, SETTINGS).changes
    assert "interview_template_id" not in change.steps[0].body
