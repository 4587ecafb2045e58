"""Deep-immutable copies of loaded values, and back. Pure: no I/O.

The loader freezes spec values (mappings become read-only views, lists become tuples)
so desired interviews can be shared safely; `thaw` gives plain JSON-ready data back for
request bodies and JSON output.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from typing import Final

# Exact types of the values that are already immutable: most spec values, told apart
# before the isinstance() checks (an ABC's among them) that freeze() runs on every value.
_IMMUTABLE_TYPES: Final = frozenset({str, int, float, bool, type(None)})


def freeze(value: Any) -> Any:
    """Read-only deep copy: dict -> MappingProxyType, list -> tuple."""
    if type(value) in _IMMUTABLE_TYPES or isinstance(value, str | int | float | None):
        return value
    if type(value) is dict or isinstance(value, Mapping):
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple([freeze(item) for item in value])
    return value


def thaw(value: Any) -> Any:
    """Plain deep copy for JSON: any mapping -> dict, tuple -> list."""
    if isinstance(value, Mapping):
        return {key: thaw(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [thaw(item) for item in value]
    return value
