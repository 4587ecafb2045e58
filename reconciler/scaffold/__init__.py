"""What `interviews init` writes into a git repository: settings, an example spec, the
spec schema, the GitHub Action and the plan and apply workflows that use it.

The templates are package data (`templates/`), so an installed wheel scaffolds what this
version was tested with, and the workflows install this same version. A file already in
place is never replaced: the repository may have edited it on purpose.

Two layouts. `init` at the repository root makes a one-account repository (`interviews/`
and `reconciler.toml` at the root, workflows that plan and apply `interviews/`).
`init <folder>/<account>` adds an account folder with its own `reconciler.toml` and
`interviews/`; the account workflows find every `<folder>/*/reconciler.toml` when they run
and plan or apply each account in its own job, so adding an account edits no workflow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Final

from reconciler import __version__
from reconciler.config import CONFIG_FILE_NAME
from reconciler.config import NAMESPACE_PATTERN
from reconciler.config import REPOSITORY_MARKER
from reconciler.errors import ConfigError
from reconciler.specwrite.importer import schema_location
from reconciler.specwrite.importer import schema_ref
from reconciler.specwrite.importer import write_schema

SPECS_FOLDER: Final = "interviews"
EXAMPLE_NAME: Final = "example-onboarding-specialist.yaml"
ACTION_PATH: Final = ".github/actions/interviews-as-code/action.yml"
WORKFLOWS: Final = ".github/workflows"
# Template name -> where it goes, for each layout.
ROOT_WORKFLOWS: Final = {
    "interviews-plan.yml": "interviews-plan.yml",
    "interviews-apply.yml": "interviews-apply.yml",
}
ACCOUNT_WORKFLOWS: Final = {
    "accounts-plan.yml": "interviews-accounts-plan.yml",
    "accounts-apply.yml": "interviews-accounts-apply.yml",
}
_NOT_NAMESPACE: Final = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class ScaffoldFile:
    """A file `init` writes: its path from the repository root and its text."""

    path: str
    text: str


@dataclass(frozen=True)
class InitResult:
    """What `init` did, paths from the repository root."""

    root: Path
    namespace: str
    account: str | None
    specs: str  # the spec folder
    written: tuple[str, ...]
    kept: tuple[str, ...]
    skipped: tuple[str, ...]  # the example, beside specs that are already there


def template(name: str) -> str:
    """The text of the packaged template `name`."""
    return resources.files(__name__).joinpath("templates", name).read_text(encoding="utf-8")


def repository_root(folder: Path) -> Path:
    """The root of the git work tree that holds `folder` (which need not exist yet)."""
    here = folder.resolve()
    for candidate in (here, *here.parents):
        if (candidate / REPOSITORY_MARKER).exists():
            return candidate
    raise ConfigError(
        f"{folder} is not inside a git repository: run `git init` there first (the "
        "workflows and the schema are placed relative to the repository root)"
    )


def derive_namespace(folder_name: str) -> str:
    """A namespace from a folder name: lower case, runs of other characters as '-'."""
    return _NOT_NAMESPACE.sub("-", folder_name.lower()).strip("-")


def check_namespace(namespace: str, source: str) -> str:
    if not NAMESPACE_PATTERN.match(namespace):
        raise ConfigError(
            f"{source} must be lower-case letters, digits and '-', starting with a letter "
            f"or digit, got {namespace!r}: pass --namespace NAME"
        )
    return namespace


def scaffold_files(folder: Path, root: Path, namespace: str) -> list[ScaffoldFile]:
    """Every file `init` writes for `folder` (the root or an account folder), except the
    schema, which the importer's helper places."""
    relative = folder.resolve().relative_to(root)
    prefix = "" if relative == Path() else f"{relative.as_posix()}/"
    specs = root / prefix / SPECS_FOLDER
    example = template("example.yaml").replace(
        "@SCHEMA@", schema_ref(specs, schema_location(specs))
    )
    files = [
        ScaffoldFile(f"{prefix}{CONFIG_FILE_NAME}", _fill(template(CONFIG_FILE_NAME), namespace)),
        ScaffoldFile(f"{prefix}{SPECS_FOLDER}/{EXAMPLE_NAME}", example),
        ScaffoldFile(ACTION_PATH, template("action.yml")),
    ]
    if prefix:
        accounts = relative.parent.as_posix()
        if accounts == ".":
            raise ConfigError(
                f"account folders go one level down, in a folder of their own: run "
                f"`interviews init accounts/{relative.name}`, not `interviews init {relative}`"
            )
        workflows = ACCOUNT_WORKFLOWS
    else:
        accounts, workflows = "", ROOT_WORKFLOWS
    for name, target in workflows.items():
        text = template(name).replace("@ACCOUNTS@", accounts)
        files.append(ScaffoldFile(f"{WORKFLOWS}/{target}", _fill(text, namespace)))
    return files


def _fill(text: str, namespace: str) -> str:
    return text.replace("@NAMESPACE@", namespace).replace("@VERSION@", __version__)


def init_repository(folder: Path, namespace: str | None = None) -> InitResult:
    """Write the scaffold for `folder` into its git repository; keep every existing file."""
    root = repository_root(folder)
    resolved = folder.resolve()
    if resolved.exists() and not resolved.is_dir():
        raise ConfigError(f"{folder} is a file: name a folder (or nothing, for the current one)")
    if namespace is None:
        namespace = check_namespace(
            derive_namespace(resolved.name), f"the folder name {resolved.name!r}, as a namespace,"
        )
    else:
        check_namespace(namespace, "--namespace")
    files = scaffold_files(resolved, root, namespace)
    schema = schema_location(resolved / SPECS_FOLDER)
    for path in [root / file.path for file in files] + [schema]:
        new = not (path.exists() or path.is_symlink())
        if new and not path.parent.resolve().is_relative_to(root):
            raise ConfigError(
                f"{path.parent} leads out of the repository (a link): init writes only inside it"
            )
    written: list[str] = []
    kept: list[str] = []
    skipped: list[str] = []
    for file in files:
        target = root / file.path
        if target.name == EXAMPLE_NAME and not target.exists() and _has_specs(target.parent):
            skipped.append(file.path)
        else:
            (written if _write_new(target, file.text) else kept).append(file.path)
    try:
        schema_written = write_schema(schema)
    except OSError as exc:
        raise ConfigError(f"cannot write {schema}: {exc.strerror or exc}") from exc
    (written if schema_written else kept).append(schema.relative_to(root).as_posix())
    account = None if resolved == root else resolved.name
    specs = (resolved / SPECS_FOLDER).relative_to(root).as_posix()
    return InitResult(root, namespace, account, specs, tuple(written), tuple(kept), tuple(skipped))


def _has_specs(folder: Path) -> bool:
    """Whether `folder` already holds spec files: an example beside them would be applied
    to the live account with them, so it is left out."""
    return folder.is_dir() and any(
        path.suffix in (".yaml", ".yml") for path in folder.iterdir() if path.is_file()
    )


def _write_new(path: Path, text: str) -> bool:
    """Write `path` unless something is there (a file, a folder, a dangling link)."""
    if path.exists() or path.is_symlink():
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return True
