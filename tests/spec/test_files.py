"""Finding spec files: how their paths are shown."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reconciler.errors import InvalidSpecError
from reconciler.spec.files import display_path
from reconciler.spec.files import display_paths
from reconciler.spec.files import read_spec_bytes
from reconciler.spec.textfile import MAX_FILE_BYTES


def test_display_paths_are_relative_inside_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    inside, outside = tmp_path / "interviews" / "a.yaml", tmp_path.parent / "b.yaml"
    shown = display_paths([inside, Path("interviews/../c.yaml"), tmp_path, outside])
    assert shown == ("interviews/a.yaml", "c.yaml", ".", str(outside))
    assert display_path(inside) == "interviews/a.yaml"


def test_a_spec_file_is_read_whole(tmp_path: Path) -> None:
    spec = tmp_path / "a.yaml"
    spec.write_bytes(b"name: A\n" * 5000)
    assert read_spec_bytes(spec) == b"name: A\n" * 5000
    (tmp_path / "empty.yaml").write_bytes(b"")
    assert read_spec_bytes(tmp_path / "empty.yaml") == b""


def test_a_folder_named_like_a_spec_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "odd.yaml").mkdir()
    with pytest.raises(InvalidSpecError) as caught:
        read_spec_bytes(tmp_path / "odd.yaml")
    assert "cannot read: Is a directory" in str(caught.value.problems[0])


@pytest.mark.parametrize("extra", [10, MAX_FILE_BYTES])
def test_a_file_that_grew_after_its_size_was_read_is_read_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: int
) -> None:
    """The read is sized by the stat; a file written meanwhile is read on to its end, or
    past the limit, so that decoding refuses it rather than parsing a cut-off text."""
    spec = tmp_path / "a.yaml"
    spec.write_bytes(b"x" * (10 + extra))
    real_fstat = os.fstat

    def stale_fstat(descriptor: int) -> os.stat_result:
        found = real_fstat(descriptor)
        return os.stat_result((*found[:6], 10, *found[7:]))  # st_size as before it grew

    monkeypatch.setattr(os, "fstat", stale_fstat)
    raw = read_spec_bytes(spec)
    if 10 + extra <= MAX_FILE_BYTES:
        assert raw == b"x" * (10 + extra)
    else:
        assert len(raw) > MAX_FILE_BYTES
