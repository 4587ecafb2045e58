from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from reconciler.api.stats import RequestStats


def test_counters_add_up_across_threads() -> None:
    stats = RequestStats()

    def record(n: int) -> None:
        stats.record_attempt("get" if n % 2 else "list", is_retry=n % 5 == 0)

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(record, range(1000)))

    assert (stats.requests, stats.retries) == (1000, 200)
    assert dict(stats.by_endpoint) == {"get": 500, "list": 500}
    assert repr(stats) == "RequestStats(requests=1000, retries=200)"
