"""One representative plan for the renderer tests, made by the real planner.

It holds every kind of change the renderers must show: a create; an update with field and
question changes (a word diff, a moved and an added question, a multi-line text); drift;
a recreate forced by an immutable field; a state change; an archive with candidate
warnings; a protected archive that apply refuses; and, because half of the six managed
interviews are archived or recreated, a threshold refusal.
"""

from __future__ import annotations

from reconciler.live import LiveInterview
from reconciler.plan.model import Plan
from reconciler.plan.planner import PlanSettings
from reconciler.plan.planner import make_plan
from reconciler.spec.model import DesiredInterview
from tests.plan.builders import NAMESPACE
from tests.plan.builders import account
from tests.plan.builders import live_like
from tests.plan.builders import question
from tests.plan.builders import spec

# A threshold low enough that six managed interviews are subject to it.
SETTINGS = PlanSettings(namespace=NAMESPACE, min_managed_for_threshold=5)
SALES_ID = "00000000-0000-4000-8000-0000000000a2"


def live_id(number: int) -> str:
    return f"00000000-0000-4000-8000-0000000000a{number}"


def representative_plan() -> Plan:
    support_live, support = _support_screen()
    sales = spec("sales-screen", name="Sales screen", import_id=SALES_ID)
    onboarding = spec("onboarding", name="Onboarding")
    intern = spec("intern-screen", name="Intern screen")
    lives = (
        support_live,
        live_like(sales, live_id=SALES_ID, name="Sales screen (edited in the app)"),
        live_like(onboarding, live_id=live_id(3)),
        live_like(intern, live_id=live_id(4)),
        live_like(
            spec("old-screen", name="Old screen"),
            live_id=live_id(5),
            summary={"interview_count": 12, "interview_last": "2026-11-20"},
        ),
        live_like(spec("keep", name="Kept screen", protect=True), live_id=live_id(6)),
    )
    desired = [
        support,
        sales,
        spec("onboarding", name="Onboarding", mojito_language_code="de"),
        spec("intern-screen", name="Intern screen", status="draft"),
        spec("new-screen", name="New screen"),
    ]
    return make_plan(desired, account(*lives), SETTINGS)


def _support_screen() -> tuple[LiveInterview, DesiredInterview]:
    why = question("why", "Tell me about a time you calmed an angry customer.")
    hard = question("hard", "A hard customer?")
    tools = question("tools", "Which tools do you use?")
    before = spec(
        questions=(why, hard, tools),
        description_long="Line one.\nLine two.",
    )
    after = spec(
        name="Support screen",
        description_long="Line one.\nLine 2.",
        questions=(
            tools,
            question("why", "Tell me about one time you calmed an angry customer."),
            hard,
            question("new", "A new question?", is_expert=True),
        ),
    )
    live = live_like(before, live_id=live_id(1), summary={"interview_count": 3})
    return live, after
