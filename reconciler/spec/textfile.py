"""Stage 1a, read: a spec file's bytes -> text, refusing what is not a YAML text file.

Pure: callers pass bytes. Oversized, binary (NUL bytes) and non-UTF-8 files are refused
with one located problem each; a UTF-8 byte order mark is accepted.
"""

from __future__ import annotations

from typing import Final

from reconciler.errors import InvalidSpecError
from reconciler.errors import Problem

MAX_FILE_BYTES: Final = 1024 * 1024

Position = tuple[int, int]  # line, column; both count from 1


def located_error(file: str, position: Position, message: str, hint: str = "") -> InvalidSpecError:
    """An InvalidSpecError with one problem at `position`."""
    return InvalidSpecError([Problem(file, position[0], position[1], message, hint)])


def _position_of_offset(raw: bytes, offset: int) -> Position:
    line_start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, offset - line_start + 1


def decode_spec(raw: bytes, file: str) -> str:
    """Check a file's bytes (size, binary, encoding) and return its text."""
    if len(raw) > MAX_FILE_BYTES:
        raise located_error(
            file,
            (1, 1),
            f"file is larger than 1 MiB ({len(raw)} bytes)",
            "one interview per file; split it or remove it",
        )
    nul = raw.find(b"\0")
    if nul >= 0:
        raise located_error(
            file,
            _position_of_offset(raw, nul),
            "binary file (contains NUL bytes)",
            "only YAML text files belong in the interviews folder",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        byte = raw[exc.start]
        raise located_error(
            file,
            _position_of_offset(raw, exc.start),
            f"not valid UTF-8: byte 0x{byte:02x} at offset {exc.start}",
            "save the file as UTF-8",
        ) from None
