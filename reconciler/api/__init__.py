"""The JobMojito API client: retries, adaptive concurrency and error mapping around httpx."""

from __future__ import annotations

from reconciler.api.client import JobMojitoClient
from reconciler.api.stats import RequestStats

__all__ = ["JobMojitoClient", "RequestStats"]
