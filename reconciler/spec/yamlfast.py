"""Stage 1b, parse (fast path): plain data and positions straight from libyaml's events.

Pure: no I/O. The C reader (`_fastyaml.c`) reads the files that use nothing beyond
mappings, lists and untagged scalars, which is what specs are; it declines every other
file, and yamlread.py then reads it with PyYAML, which stays the reference and reports
every problem with its position. What a plain scalar means (true, 12, 1.5, null, a date)
is decided here, by yamlbuild's PyYAML-based functions, so both paths build equal data
(tests/spec/test_yamlfast.py holds them equal).

The reader is built with the package where a C compiler and libyaml's headers are at
hand (setup.py: optional); without it, or with IAC_YAML_READER=pyyaml, every file takes
PyYAML's path.
"""

from __future__ import annotations

import os
from typing import Any
from typing import Final

from reconciler.spec.textfile import Position
from reconciler.spec.yamlbuild import MAX_DEPTH
from reconciler.spec.yamlbuild import NOT_BUILT
from reconciler.spec.yamlbuild import STR_TAG
from reconciler.spec.yamlbuild import implicit_first_characters
from reconciler.spec.yamlbuild import plain_tag
from reconciler.spec.yamlbuild import scalar_value

FastRead = tuple[dict[str, Any], dict[str, Position], dict[str, Position], bool]

_c_read_built: bool
try:
    from reconciler.spec._fastyaml import read as _c_read

    _c_read_built = True
except ImportError:  # built only where a compiler and libyaml's headers were at hand
    _c_read_built = False

# Plain scalars already decided (text -> value), for short texts: the same names,
# numbers and booleans recur in every file, and the values are immutable.
_KNOWN: dict[str, Any] = {}
_KNOWN_MAX_LENGTH: Final = 40


def _may_resolve() -> bytes:
    """256 flags: whether a plain scalar whose UTF-8 text starts with that byte may be
    anything but text, from the implicit resolvers' first characters."""
    firsts = implicit_first_characters()
    if None in firsts:  # a resolver for any first character
        return b"\x01" * 256
    flags = bytearray(256)
    for first in firsts:
        if not first:
            continue  # the empty scalar: the reader always asks about it
        if first.isascii():
            flags[ord(first)] = 1
        else:
            flags[0x80:] = b"\x01" * 0x80
    return bytes(flags)


_MAY_RESOLVE: Final = _may_resolve()


def _plain_value(text: str) -> Any:
    """The value of a plain scalar, or NOT_BUILT (the reader then declines the file)."""
    tag = plain_tag(text)
    value = text if tag == STR_TAG else scalar_value(tag, text)
    if value is not NOT_BUILT and len(text) <= _KNOWN_MAX_LENGTH:
        _KNOWN[text] = value
    return value


READER_VARIABLE: Final = "IAC_YAML_READER"  # "pyyaml" turns the C reader off


def enabled() -> bool:
    """Whether the C reader is built and not turned off."""
    return _c_read_built and os.environ.get(READER_VARIABLE, "") != "pyyaml"


def fast_read(text: str) -> FastRead | None:
    """(data, value positions, key positions, holds a float) of a spec's text, or None
    when the C reader is absent or the file needs PyYAML."""
    if not enabled():
        return None
    return _c_read(text, _plain_value, _KNOWN, _MAY_RESOLVE, NOT_BUILT, MAX_DEPTH)
