"""The spec files of a folder as of a revision, found the way the working tree is walked.

Git stores a symlink as a blob holding its target. Links are followed inside the
repository, as on disk, and a link whose target leaves it (an absolute path elsewhere, or
`..` past the root) is reported, never read: the specs at `plan --base` and the working
tree obey one rule. Paths are relative to the repository root.
"""

from __future__ import annotations

import os
import posixpath
from collections import defaultdict
from dataclasses import dataclass
from dataclasses import field
from typing import Final

from reconciler.history.git import Repository

SPEC_SUFFIXES: Final = (".yaml", ".yml")
_REGULAR: Final = ("100644", "100755")
_LINK: Final = "120000"
_MAX_HOPS: Final = 40  # as the kernel's limit on links followed in one path


@dataclass(frozen=True)
class SpecsAt:
    """`files`: (path shown, path read) pairs in name order; `outside`: links that lead out
    of the repository; `loops`: links that never reach a file or folder."""

    files: tuple[tuple[str, str], ...]
    outside: tuple[str, ...]
    loops: tuple[str, ...]


class _Outside(Exception):
    pass


class _Loop(Exception):
    pass


@dataclass
class _Tree:
    repo: Repository
    revision: str
    modes: dict[str, str]  # every blob of the revision: path -> mode
    children: dict[str, set[str]]  # folder ("" for the root) -> names of its entries
    targets: dict[str, str] = field(default_factory=dict)

    def target(self, link: str) -> str:
        if link not in self.targets:
            self.targets[link] = self.repo.git("cat-file", "blob", f"{self.revision}:{link}")
        return self.targets[link]

    def resolve(self, path: str) -> str:
        """`path` with every link in it followed; _Outside or _Loop when it cannot be."""
        pending, hops = path.split("/"), 0
        done: list[str] = []
        while pending:
            part = pending.pop(0)
            if part in ("", "."):
                continue
            if part == "..":
                if not done:
                    raise _Outside
                done.pop()
                continue
            here = "/".join([*done, part])
            if self.modes.get(here) != _LINK:
                done.append(part)
                continue
            hops += 1
            if hops > _MAX_HOPS:
                raise _Loop
            pending = self._relative(self.target(here)).split("/") + pending
            if self.target(here).startswith("/"):
                done = []
        return "/".join(done)

    def _relative(self, target: str) -> str:
        # An absolute target inside this checkout reads as the same path in the revision.
        if not target.startswith("/"):
            return target
        root = os.path.join(os.path.realpath(self.repo.root), "")
        if not target.startswith(root):
            raise _Outside
        return target[len(root) :]


def spec_files_at(repo: Repository, revision: str) -> SpecsAt:
    """The spec files under `repo.folder` as of `revision`, links followed or reported."""
    tree = _read_tree(repo, revision)
    files: list[tuple[str, str]] = []
    outside: list[str] = []
    loops: list[str] = []
    seen: set[str] = set()

    def walk(shown: str, real: str, ancestors: tuple[str, ...]) -> None:
        for name in sorted(tree.children.get(real, ())):
            if name.startswith("."):
                continue
            path, entry = _join(shown, name), _join(real, name)
            try:
                resolved = tree.resolve(entry) if tree.modes.get(entry) == _LINK else entry
            except _Outside:
                outside.append(path)
                continue
            except _Loop:
                loops.append(path)
                continue
            if resolved in tree.children:  # a folder
                if resolved in ancestors:
                    loops.append(path)
                elif resolved not in seen:
                    seen.add(resolved)
                    walk(path, resolved, (*ancestors, resolved))
            elif (
                name.endswith(SPEC_SUFFIXES)
                and tree.modes.get(resolved) in _REGULAR
                and resolved not in seen
            ):
                seen.add(resolved)
                files.append((path, resolved))

    try:
        start = tree.resolve(repo.folder) if repo.folder else ""
    except (_Outside, _Loop):
        return SpecsAt((), (repo.folder,), ())
    walk(repo.folder, start, (start,))
    return SpecsAt(tuple(files), tuple(outside), tuple(loops))


def _read_tree(repo: Repository, revision: str) -> _Tree:
    output = repo.git("ls-tree", "-r", "-z", "--full-tree", revision)
    modes: dict[str, str] = {}
    children: dict[str, set[str]] = defaultdict(set)
    for entry in output.split("\0"):
        meta, _, path = entry.partition("\t")
        if not path:
            continue
        modes[path] = meta.split(" ", 1)[0]
        parts = path.split("/")
        for depth in range(len(parts)):
            children["/".join(parts[:depth])].add(parts[depth])
    return _Tree(repo, revision, modes, dict(children))


def _join(folder: str, name: str) -> str:
    return posixpath.join(folder, name) if folder else name
