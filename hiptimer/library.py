"""The routine library: built-in routines plus the user's, and finding one by name."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hiptimer.core.loader import Loaded, load_routine
from hiptimer.core.model import Routine
from hiptimer.core.plan import Plan, build_plan
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
    """Every routine, a user file shadowing a built-in one of the same stem, sorted by name."""
    files: dict[str, tuple[Path, bool]] = {}
    for path in _routine_files(builtin_folder()):
        files[path.stem] = (path, True)
    for path in _routine_files(paths.routines):
        files[path.stem] = (path, False)
    entries = [Entry(path, builtin, load_routine(path)) for path, builtin in files.values()]
    return sorted(entries, key=lambda entry: (entry.name.casefold(), entry.stem))


def resolve(query: str, paths: Paths) -> Entry:
    """A routine named by path, file stem or ``name`` (case-insensitive).

    Raises LookupError with a one-line message when nothing (or more than one
    routine) matches.
    """
    candidate = Path(query).expanduser()
    if candidate.suffix == ROUTINE_SUFFIX or candidate.parent != Path("."):
        if candidate.exists() or candidate.suffix == ROUTINE_SUFFIX:
            builtin = candidate.resolve().parent == builtin_folder().resolve()
            return Entry(candidate, builtin, load_routine(candidate))
    entries = discover(paths)
    wanted = query.casefold()
    for key in (lambda e: e.stem.casefold(), lambda e: e.name.casefold()):
        matches = [entry for entry in entries if key(entry) == wanted]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            files = ", ".join(str(entry.path) for entry in matches)
            raise LookupError(f"{query!r} names several routines: {files}")
    names = ", ".join(entry.stem for entry in entries) or "none"
    raise LookupError(f"no routine called {query!r} (try a path, or one of: {names})")


class Library:
    """The library of one set of folders, as the TUI uses it (see ``hiptimer.ports``)."""

    def __init__(self, paths: Paths) -> None:
        self.paths = paths

    @property
    def user_folder(self) -> Path:
        return self.paths.routines

    def entries(self) -> list[Entry]:
        return discover(self.paths)
