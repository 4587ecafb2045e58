"""Stage 1, find: which spec files a path names, and their bytes. File-system reads only.

A folder is walked recursively in name order; `*.yaml` and `*.yml` files are specs;
names starting with "." are skipped (editor and VCS files). Symlinked folders are
followed, but a link leading back into its own ancestry is reported, not looped over;
a folder or file reached twice through links is read once. Nothing is read outside the
repository (the folder holding `.git`; outside git, the folder named): a pull request
could otherwise link a spec to any file on the CI runner and have its text printed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Final

from reconciler.errors import InvalidSpecError
from reconciler.errors import LoadError
from reconciler.errors import Problem
from reconciler.spec.textfile import MAX_FILE_BYTES

SPEC_SUFFIXES: Final = (".yaml", ".yml")


def display_path(path: Path) -> str:
    """The path as messages show it: relative to the working directory when inside it."""
    return display_paths([path])[0]


def display_paths(paths: Sequence[Path]) -> tuple[str, ...]:
    """display_path() of each path, reading the working directory once. String work, not
    pathlib's: a spec folder names thousands of files."""
    cwd = os.getcwd()
    inside = os.path.join(cwd, "")  # "/work/" (or "/" itself)
    shown = []
    for path in paths:
        absolute = os.path.abspath(path)
        if absolute == cwd:
            shown.append(".")
        elif absolute.startswith(inside):
            shown.append(absolute[len(inside) :])
        else:
            shown.append(absolute)
    return tuple(shown)


def _problem(path: Path, message: str, hint: str = "") -> Problem:
    return Problem(display_path(path), 1, 1, message, hint)


OUTSIDE = "symlink points outside the repository"
OUTSIDE_HINT = "spec files are read only inside the repository; copy the file in instead"


def repository_root(path: Path) -> str:
    """The real path of the repository holding `path`: the nearest folder upwards with a
    `.git` (a folder, or a file in a worktree); outside git, `path` itself (its folder,
    for a file)."""
    start = os.path.abspath(path)
    here = start
    while True:
        if os.path.exists(os.path.join(here, ".git")):
            return os.path.realpath(here)
        parent = os.path.dirname(here)
        if parent == here:
            break
        here = parent
    return os.path.realpath(start if os.path.isdir(start) else os.path.dirname(start))


def is_inside(real: str, root: str) -> bool:
    return real == root or real.startswith(os.path.join(root, ""))


def _outside(path: Path) -> Problem:
    return _problem(path, OUTSIDE, OUTSIDE_HINT)


@dataclass
class _Walk:
    root: str  # real path of the repository: nothing outside it is read
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # real paths of folders and files taken

    def folder(self, folder: Path, ancestors: tuple[str, ...]) -> None:
        real = os.path.realpath(folder)
        if real in ancestors:
            target = display_path(Path(real))
            self.problems.append(
                _problem(
                    folder,
                    f"symlink loop: this link leads back to {target}",
                    "remove the link or point it elsewhere",
                )
            )
            return
        if not is_inside(real, self.root):
            self.problems.append(_outside(folder))
            return
        if real in self.seen:
            return
        self.seen.add(real)
        try:
            names = sorted(os.listdir(folder))
        except OSError as exc:
            self.problems.append(_problem(folder, f"cannot read folder: {exc.strerror}"))
            return
        for name in names:
            if not name.startswith("."):
                self.entry(folder / name, (*ancestors, real))

    def entry(self, path: Path, ancestors: tuple[str, ...]) -> None:
        """One folder entry; `ancestors` ends with the real path of its folder."""
        try:
            mode = os.stat(path).st_mode  # follows links: ELOOP for a link cycle
        except OSError as exc:
            self.unreadable(path, exc)
            return
        if stat.S_ISDIR(mode):
            self.folder(path, ancestors)
        elif path.suffix in SPEC_SUFFIXES:
            self.file(path, ancestors[-1])

    def file(self, path: Path, real_folder: str) -> None:
        # Only a link needs resolving (realpath costs a system call per path component).
        linked = os.path.islink(path)
        real = os.path.realpath(path) if linked else os.path.join(real_folder, path.name)
        if linked and not is_inside(real, self.root):
            self.problems.append(_outside(path))
        elif real not in self.seen:
            self.seen.add(real)
            self.files.append(path)

    def unreadable(self, path: Path, exc: OSError) -> None:
        if exc.errno == errno.ELOOP:
            self.problems.append(
                _problem(
                    path,
                    "symlink loop: this link never reaches a file",
                    "remove the link or point it at a real file",
                )
            )
        elif path.suffix in SPEC_SUFFIXES:
            self.problems.append(
                _problem(
                    path,
                    f"cannot read: {exc.strerror}",
                    "remove the broken link or restore its target",
                )
            )


def find_spec_files(root: Path) -> tuple[tuple[Path, ...], tuple[Problem, ...]]:
    """The spec files under `root` (or `root` itself when it is a file), in name order.

    Raises LoadError when `root` does not exist; problems with links are returned.
    """
    try:
        mode = os.stat(root).st_mode
    except FileNotFoundError:
        raise LoadError(f"{display_path(root)}: no such file or folder") from None
    except OSError as exc:
        raise LoadError(f"{display_path(root)}: cannot read ({exc.strerror})") from None
    inside = repository_root(root)
    if not stat.S_ISDIR(mode):
        if not is_inside(os.path.realpath(root), inside):
            return (), (_outside(root),)
        return (root,), ()
    walk = _Walk(inside)
    walk.folder(root, ())
    return tuple(walk.files), tuple(walk.problems)


def read_spec_bytes(path: Path) -> bytes:
    """A spec file's bytes; InvalidSpecError when it is too large or cannot be read."""
    try:
        # os-level calls, not open(): the io objects cost more than reading a spec file.
        descriptor = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise InvalidSpecError([_problem(path, f"cannot read: {exc.strerror}")]) from None
    try:
        size = os.fstat(descriptor).st_size
        if size > MAX_FILE_BYTES:
            raise InvalidSpecError(
                [
                    _problem(
                        path,
                        f"file is larger than 1 MiB ({size} bytes)",
                        "one interview per file; split it or remove it",
                    )
                ]
            )
        # Sized by the stat (a read may return less: read on until the end or too much).
        chunks = [os.read(descriptor, size + 1)]
        total = len(chunks[0])
        while chunks[-1] and total <= MAX_FILE_BYTES:
            chunks.append(os.read(descriptor, MAX_FILE_BYTES + 1 - total))
            total += len(chunks[-1])
        if len(chunks) == 2 and not chunks[1]:  # the usual case: all of it at once
            return chunks[0]
        return b"".join(chunks)
    except OSError as exc:
        raise InvalidSpecError([_problem(path, f"cannot read: {exc.strerror}")]) from None
    finally:
        os.close(descriptor)
