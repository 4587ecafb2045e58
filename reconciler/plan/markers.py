"""Identity markers kept in a live interview's `tags` (DESIGN.md section 5). Pure.

    iac:<namespace>/<key>   which spec owns the interview (identity)
    iac-fp:<hash>           fingerprint of the create-only inputs it was created with
    iac-gen:<hash>          fingerprint of the `generate:` inputs (AI-generated interviews)
    iac-sync:<hash>         fingerprint of the managed content as last applied (drift)
    iac-embed               it was created or switched to embedded by us
    iac-protect             the spec says `protect: true` (kept even when the spec is gone)
    iac-retired:<ns>/<key>  the identity of an interview replaced by another (a recreate's
                            archived predecessor, an archived duplicate): never matched

All are sent in the create request itself, so an interview created by the reconciler
never exists without them. User tags are everything else; plans show only those.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from collections.abc import Mapping
from typing import Any
from typing import NamedTuple

from reconciler.plan.model import canonical_json

PREFIX = "iac"
_IDENTITY = f"{PREFIX}:"
_FINGERPRINT = f"{PREFIX}-fp:"
_GENERATE = f"{PREFIX}-gen:"
_SYNC = f"{PREFIX}-sync:"
EMBED = f"{PREFIX}-embed"
PROTECT = f"{PREFIX}-protect"
_RETIRED = f"{PREFIX}-retired:"
_HASH_LENGTH = 16
_FIELD_HASH_LENGTH = 6


class Markers(NamedTuple):
    """The reconciler's markers found on (or meant for) one live interview."""

    namespace: str
    key: str
    fingerprint: str | None = None
    generate: str | None = None
    sync: str | None = None
    embedded: bool = False
    protect: bool = False

    def tags(self) -> tuple[str, ...]:
        found = [f"{_IDENTITY}{self.namespace}/{self.key}"]
        if self.fingerprint:
            found.append(f"{_FINGERPRINT}{self.fingerprint}")
        if self.generate:
            found.append(f"{_GENERATE}{self.generate}")
        if self.sync:
            found.append(f"{_SYNC}{self.sync}")
        if self.embedded:
            found.append(EMBED)
        if self.protect:
            found.append(PROTECT)
        return tuple(found)


def is_marker(tag: str) -> bool:
    return tag.startswith(_IDENTITY) or tag.startswith(f"{PREFIX}-")


def user_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """The tags a person wrote: everything that is not one of our markers."""
    return tuple(tag for tag in tags if not is_marker(tag))


def retired_tags(tags: Iterable[str]) -> list[str]:
    """The tags of an interview whose identity is retired: its user tags, and its identity
    marker in a form read_markers() never reads (kept so a person can still tell where it
    came from); the other markers go with the identity."""
    tags = tuple(tags)
    markers = read_markers(tags)
    kept = [tag for tag in tags if not is_marker(tag) or tag.startswith(_RETIRED)]
    if markers is not None:
        retired = f"{_RETIRED}{markers.namespace}/{markers.key}"
        kept.extend(() if retired in kept else (retired,))
    return kept


def is_retired(tags: Iterable[str]) -> bool:
    """Whether an interview once had our identity and has it retired (retired_tags())."""
    return any(tag.startswith(_RETIRED) for tag in tags)


def read_markers(tags: Iterable[str]) -> Markers | None:
    """Our markers from a live interview's tags, or None when it is not managed by any repo."""
    values: dict[str, Any] = {}
    for tag in tags:
        if tag.startswith(_IDENTITY) and "/" in tag:
            namespace, _, key = tag[len(_IDENTITY) :].partition("/")
            values.setdefault("namespace", namespace)
            values.setdefault("key", key)
        elif tag.startswith(_FINGERPRINT):
            values["fingerprint"] = tag[len(_FINGERPRINT) :]
        elif tag.startswith(_GENERATE):
            values["generate"] = tag[len(_GENERATE) :]
        elif tag.startswith(_SYNC):
            values["sync"] = tag[len(_SYNC) :]
        elif tag == EMBED:
            values["embedded"] = True
        elif tag == PROTECT:
            values["protect"] = True
    if "namespace" not in values:
        return None
    return Markers(**values)


def fingerprint(value: Mapping[str, Any] | Any) -> str:
    """A short, stable hash of a JSON-ready value: of its canonical_json() text."""
    return _short_hash(canonical_json(value).encode("utf-8"))


def _short_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:_HASH_LENGTH]


def data_fingerprint(value: Any) -> str:
    """A short hash of JSON-decoded data for plan files (never for markers, which must
    stay as they are): the hash of its compact JSON, where dict keys count in their order.
    A lone surrogate (what json.loads makes of a `\\ud800` escape) is hashed as is rather
    than refused: every plan hashes each live definition, whatever text it holds.
    """
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)  # unsorted
    return _short_hash(text.encode("utf-8", "surrogatepass"))


def field_fingerprint(values: Mapping[str, Any]) -> str:
    """Per-field hashes joined in key order, so a mismatch names the fields that changed."""
    return "".join(_field_hash(name, values[name]) for name in sorted(values))


def changed_fields(recorded: str, values: Mapping[str, Any]) -> tuple[str, ...] | None:
    """Fields whose hash differs from `recorded`; None when `recorded` has another layout
    (made by another version of the registry), where nothing can be concluded."""
    names = sorted(values)
    if len(recorded) != len(names) * _FIELD_HASH_LENGTH:
        return None
    return tuple(
        name
        for index, name in enumerate(names)
        if recorded[index * _FIELD_HASH_LENGTH : (index + 1) * _FIELD_HASH_LENGTH]
        != _field_hash(name, values[name])
    )


def _field_hash(name: str, value: Any) -> str:
    return fingerprint([name, value])[:_FIELD_HASH_LENGTH]
