"""Peak memory of one `plan`, measured in a fresh process (so nothing else inflates it).

    python -m benchmarks.plan_memory SPECS URL

Prints one JSON object: the managed count and the process's peak resident set size
(`ru_maxrss`, KiB on Linux) in MiB. `benchmarks.run` starts it against a served emulator.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from benchmarks.measure import plan_now
from benchmarks.seeding import bench_settings
from reconciler.api import JobMojitoClient

PARALLELISM = 32


def main(argv: list[str]) -> int:
    specs, url = Path(argv[0]), argv[1]
    with JobMojitoClient(bench_settings(url, PARALLELISM)) as client:
        plan = plan_now(specs, client)
        requests = client.stats.requests
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "managed": len(plan.desired_fingerprints),
        "changes": len(plan.changes),
        "requests": requests,
        "peak_rss_mib": round(peak_kib / 1024, 1),
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
