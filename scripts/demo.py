"""`make demo`: the main job on the example specs, against a local emulator.

It starts the JobMojito emulator on a free loopback port (state in .demo/emulator.sqlite3,
fresh each run), then runs the commands a team runs: validate, lint, plan, apply, plan
again (empty), a plan of an edited copy of the specs that shows an update, a question
diff and a recreate, and the plan after someone renamed an interview in the app (drift).
Nothing leaves this machine.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import httpx

from reconciler.cli import main
from reconciler.emulator import Emulator
from reconciler.emulator.server import serve

ROOT = Path(__file__).resolve().parents[1]
STATE = ROOT / ".demo"
TOKEN = "demo-token"


def step(title: str, *args: str, expect: tuple[int, ...] = (0,)) -> None:
    command = f"$ interviews {' '.join(args)}"
    if sys.stdout.isatty():
        command = f"\033[1m{command}\033[0m"
    print(f"\n{command}   # {title}", flush=True)
    code = main(list(args))
    sys.stdout.flush()
    if code not in expect:
        raise SystemExit(f"demo: `interviews {' '.join(args)}` exited {code}")


def edit_copy(source: Path, target: Path) -> None:
    """A copy of the specs as a pull request might change them."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(source, target)
    support = target / "customer-support-specialist.yaml"
    text = support.read_text(encoding="utf-8")
    text = text.replace("What draws you to customer support", "What draws you to support work")
    support.write_text(text.replace("interview_attempts: 2", "interview_attempts: 3"))
    german = target / "vertriebsmitarbeiter-innendienst.yaml"
    german.write_text(german.read_text(encoding="utf-8").replace("status: active", "status: draft"))
    sql = target / "sql-skills-assessment.yaml"
    text = sql.read_text(encoding="utf-8")
    sql.write_text(text.replace("mojito_language_code: en", "mojito_language_code: fr"))


def rename_in_the_app(url: str, name: str) -> None:
    """What a recruiter editing the live interview does, through the API directly."""
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=url, headers=headers) as http:
        listed = http.get("/merchant-interview-list", params={"limit": 1000}).json()["data"]
        support = next(item for item in listed if item["name"].startswith("Customer Support"))
        http.post("/job-interview-update", json={"position_id": support["id"], "name": name})
    print(f"\n# in the JobMojito app, the support screen is renamed to {name!r}")


def run() -> None:
    shutil.rmtree(STATE, ignore_errors=True)
    STATE.mkdir()
    emulator = Emulator(STATE / "emulator.sqlite3", token=TOKEN)
    with serve(emulator, port=0) as server:
        os.environ.update(JOBMOJITO_API_URL=server.url, JOBMOJITO_TOKEN=TOKEN, NO_COLOR="1")
        os.environ.setdefault("IAC_NAMESPACE", "demo")
        print(f"JobMojito emulator on {server.url} (state in {STATE.relative_to(ROOT)})")
        os.chdir(ROOT)
        step("check the spec files offline", "validate", "interviews")
        step("content rules: protected characteristics, personal data...", "lint", "interviews")
        step("the account's templates", "templates")
        step("what apply would do on an empty account", "plan", "interviews")
        step("make the account match git", "apply", "interviews", "--auto-approve",
             "--audit-log", str(STATE / "audit.jsonl"))  # fmt: skip
        step("right after apply, nothing to do", "plan", "interviews", "--detailed-exitcode")
        edited = STATE / "interviews"
        edit_copy(ROOT / "interviews", edited)
        step("a pull request edits a question, a setting, a status and a language",
             "plan", str(edited), "--detailed-exitcode", expect=(2,))  # fmt: skip
        rename_in_the_app(server.url, "Support Specialist (EN)")
        step("someone renamed an interview in the JobMojito app: drift",
             "plan", "interviews", "--detailed-exitcode", expect=(2,))  # fmt: skip
    emulator.close()
    print(f"\nDone. The audit log of the apply is {STATE.relative_to(ROOT)}/audit.jsonl.")
    print("`interviews plan --refresh-only` would write the new name into the spec instead.")
    print("Explore further: interviews emulator --data .demo/emulator.sqlite3 --token demo-token")


if __name__ == "__main__":
    run()
