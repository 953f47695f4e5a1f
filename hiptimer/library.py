"""The routine library: built-in routines plus the user's, and finding one by name."""

from __future__ import annotations

import difflib
import importlib.resources
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

from hiptimer.core.loader import Loaded, load_routine
from hiptimer.core.model import Routine
from hiptimer.core.plan import Plan, build_plan
from hiptimer.parts import Find, PartsJoiner
from hiptimer.paths import Paths

ROUTINE_SUFFIX = ".toml"


@dataclass(frozen=True)
class Entry:
    path: Path
    builtin: bool
    loaded: Loaded

    @property
    def stem(self) -> str:
        return self.path.stem

    @property
    def routine(self) -> Routine | None:
        return self.loaded.routine if self.loaded.ok else None

    @property
    def name(self) -> str:
        return self.routine.name if self.routine else self.stem

    @cached_property
    def plan(self) -> Plan | None:
        return build_plan(self.routine) if self.routine else None

    @property
    def error(self) -> str | None:
        return str(self.loaded.problems[0]) if self.loaded.problems else None

    @property
    def origin(self) -> str:
        return "built-in" if self.builtin else "user"


def builtin_folder() -> Path:
    return Path(str(importlib.resources.files("hiptimer.routines")))


def _routine_files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.suffix == ROUTINE_SUFFIX and p.is_file())
    except OSError:  # missing or unreadable folder: nothing to list
        return []


def discover(paths: Paths) -> list[Entry]:
    """Every routine, a user file shadowing a built-in one of the same stem, sorted by name.

    A routine made of parts comes with them in place (or with their problems).
    """
    read = _read_library(paths)
    joiner = PartsJoiner(_finder(lambda: read))
    entries = [replace(entry, loaded=joiner.join(entry.path, entry.loaded)) for entry in read]
    return sorted(entries, key=lambda entry: (entry.name.casefold(), entry.stem))


def _names_a_file(query: str) -> bool:
    """A name ending in .toml or holding a folder is a path; anything else a stem or name."""
    candidate = Path(query).expanduser()
    return candidate.suffix == ROUTINE_SUFFIX or candidate.parent != Path(".")


def lookup(query: str, entries: Sequence[Entry]) -> Entry:
    """The entry whose file stem, else whose name, is ``query`` (case-insensitive).

    Raises LookupError with a one-line message when none (or more than one) matches.
    """
    wanted = query.casefold()
    for key in (lambda e: e.stem.casefold(), lambda e: e.name.casefold()):
        matches = [entry for entry in entries if key(entry) == wanted]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            files = ", ".join(str(entry.path) for entry in matches)
            raise LookupError(f"{query!r} names several routines: {files}")
    stems = [entry.stem for entry in entries]
    close = difflib.get_close_matches(query, stems, n=1)
    hint = (f"did you mean {close[0]!r}?" if close
            else f"try a path, or one of: {', '.join(stems) or 'none'}")
    raise LookupError(f"no routine called {query!r} ({hint})")


def _finder(entries: Callable[[], Sequence[Entry]]) -> Find:
    """Parts named as on the command line; a path is taken from the naming file's folder."""
    def find(query: str, naming_file: Path) -> tuple[Path, Loaded]:
        if _names_a_file(query):
            path = naming_file.parent / Path(query).expanduser()
            if not path.is_file():  # a folder, a pipe or a device named by a file is no part
                raise LookupError(f"no routine file at {path}")
            return path, load_routine(path)
        entry = lookup(query, entries())
        return entry.path, entry.loaded
    return find


def load_with_parts(path: Path, paths: Paths) -> Loaded:
    """A routine file, with its parts in place when it has some (found in the library)."""
    loaded = load_routine(path)
    if not loaded.parts:
        return loaded
    # The library is read only when a part is named by stem or name, and then once.
    library = cache(lambda: _read_library(paths))
    return PartsJoiner(_finder(library)).join(path, loaded)


def _read_library(paths: Paths) -> list[Entry]:
    """Every routine file as read, parts not yet in place; a user file shadows a built-in."""
    files: dict[str, tuple[Path, bool]] = {}
    for path in _routine_files(builtin_folder()):
        files[path.stem] = (path, True)
    for path in _routine_files(paths.routines):
        files[path.stem] = (path, False)
    return [Entry(path, builtin, load_routine(path)) for path, builtin in files.values()]


def resolve(query: str, paths: Paths) -> Entry:
    """A routine named by path, file stem or ``name`` (case-insensitive).

    Raises LookupError with a one-line message when nothing (or more than one
    routine) matches.
    """
    candidate = Path(query).expanduser()
    if _names_a_file(query) and (candidate.exists() or candidate.suffix == ROUTINE_SUFFIX):
        builtin = candidate.resolve().parent == builtin_folder().resolve()
        return Entry(candidate, builtin, load_with_parts(candidate, paths))
    return lookup(query, discover(paths))


class Library:
    """The library of one set of folders, as the TUI uses it (see ``hiptimer.ports``)."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    @property
    def user_folder(self) -> Path:
        return self.paths.routines

    def entries(self) -> list[Entry]:
        return discover(self.paths)
