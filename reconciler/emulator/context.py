"""What an endpoint handler may use: the store, the address clients reached us at, and the
quirks that change what a handler itself decides (the others wrap the handlers)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field

from reconciler.emulator.quirks import Quirks
from reconciler.emulator.store import Store


@dataclass(frozen=True)
class Context:
    """Per-request context handed to every endpoint handler."""

    store: Store
    base_url: str  # scheme://host[:port] of the request, for interview URLs
    quirks: Quirks = field(default_factory=Quirks)
