"""`interviews doctor`: what the tool assumes about the API, checked against the account.

model.py       Check records and their Status (ok, warning, FAILED, unknown)
readonly.py    token, reachability, authentication, templates, listing, paging, reading
shape.py       job-interview-get at every path the field registry reads
throwaway.py   the throwaway interview of --write-check and the bodies sent for it
writecheck.py  create, read back, update, probe, and always clean up
runner.py      the checks in order, each reported as soon as it is made
render.py      text lines and the JSON document
"""

from __future__ import annotations

from reconciler.doctor.model import Check
from reconciler.doctor.model import Status
from reconciler.doctor.runner import run_doctor
from reconciler.doctor.writecheck import Timing

__all__ = ["Check", "Status", "Timing", "run_doctor"]
