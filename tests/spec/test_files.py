"""Finding spec files: how their paths are shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconciler.spec.files import display_path
from reconciler.spec.files import display_paths


def test_display_paths_are_relative_inside_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside, outside = tmp_path / "interviews" / "a.yaml", tmp_path.parent / "b.yaml"
    shown = display_paths([inside, Path("interviews/../c.yaml"), tmp_path, outside])
    assert shown == ("interviews/a.yaml", "c.yaml", ".", str(outside))
    assert display_path(inside) == "interviews/a.yaml"
