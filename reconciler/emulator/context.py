"""What an endpoint handler may use: the store and the address clients reached us at."""

from __future__ import annotations

from dataclasses import dataclass

from reconciler.emulator.store import Store


@dataclass(frozen=True)
class Context:
    """Per-request context handed to every endpoint handler."""

    store: Store
    base_url: str  # scheme://host[:port] of the request, for interview URLs
