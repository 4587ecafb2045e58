# The C reader of yamlfast.py (_fastyaml.c).
from collections.abc import Callable
from typing import Any

def read(
    text: str,
    plain: Callable[[str], Any],
    known: dict[str, Any],
    may_resolve: bytes,
    decline: object,
    max_depth: int,
    /,
) -> tuple[dict[str, Any], dict[str, tuple[int, int]], dict[str, tuple[int, int]], bool] | None: ...
