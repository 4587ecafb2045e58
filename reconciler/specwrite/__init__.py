"""Spec writer: live interviews -> spec file text, and edits of existing spec files.

Pure (no I/O): `write_spec` here renders a whole file for `import` (`values`, `yamltext`);
`edit` changes entries of an existing file's text in place, so comments and the rest of
the file survive. The day-two operations built on them read the account and the files:
`importer` (import), `refresh` (plan --refresh-only), `pull`, `show`.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any
from typing import Final

from reconciler.live import Template
from reconciler.specwrite.values import spec_data
from reconciler.specwrite.yamltext import dump_yaml

DEFAULT_SCHEMA_REF: Final = "../schemas/interview.schema.json"
CREATE_ONLY_NOTE: Final = (
    "# Imported from JobMojito. Welcome/thank-you messages and other create-only settings\n"
    "# cannot be read from JobMojito and are not in this file.\n"
)

__all__ = ["CREATE_ONLY_NOTE", "DEFAULT_SCHEMA_REF", "write_spec"]


def write_spec(
    definition: Mapping[str, Any],
    templates: Sequence[Template],
    *,
    key: str | None = None,
    import_id: str | None = None,
    schema_ref: str = DEFAULT_SCHEMA_REF,
) -> str:
    """The spec file text for one live interview (a job-interview-get response).

    `key` is written only when given (pass it when the file name will not be the key);
    `import_id` makes the next apply adopt the live interview.
    """
    header = f"# yaml-language-server: $schema={schema_ref}\n#\n{CREATE_ONLY_NOTE}"
    data = spec_data(definition, templates, key=key, import_id=import_id)
    return header + dump_yaml(data)
