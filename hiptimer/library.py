"""The routine library: built-in routines plus the user's, reading them, and finding one by name."""

from __future__ import annotations

import difflib
import importlib.resources
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path

from hiptimer.core.loader import Loaded, Problem, parse_routine
from hiptimer.core.model import Routine
from hiptimer.core.plan import Plan, build_plan
from hiptimer.core.text import printable
from hiptimer.files import MAX_TEXT_BYTES, FileRefused, decode_text, read_small_file
from hiptimer.parts import Find, PartsJoiner
from hiptimer.paths import Paths

ROUTINE_SUFFIX = ".toml"
MAX_ROUTINE_BYTES = MAX_TEXT_BYTES
SHOWN_MATCHES = 8
"""How many routines an ambiguous or unknown name lists: a hint, not the library."""


def load_routine(path: Path | str) -> Loaded:
    """Read a routine file (an ordinary UTF-8 file of at most 1 MiB, not empty) and parse it."""
    shown = str(path)
    try:
        data = read_small_file(path, MAX_ROUTINE_BYTES, "routine file")
        if not data.removeprefix(b"\xef\xbb\xbf").strip():
            raise FileRefused("file is empty: a routine needs a name and at least one "
                              "[[exercise]]")
        text = decode_text(data)
    except FileRefused as refused:
        return Loaded(None, (Problem(shown, str(refused)),))
    return parse_routine(text, shown)


@dataclass(frozen=True)
class Entry:
    path: Path
    builtin: bool
    loaded: Loaded

    @property
    def stem(self) -> str:
        """The file name without ``.toml``, as on disk (to match against, not to show)."""
        return self.path.stem

    @property
    def routine(self) -> Routine | None:
        return self.loaded.routine if self.loaded.ok else None

    @property
    def name(self) -> str:
        """The routine's name, or its file's stem when it has none: safe to show."""
        return self.routine.name if self.routine else printable(self.stem)

    @property
    def shown_path(self) -> str:
        return printable(str(self.path))

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
        # Not only ordinary files: a FIFO or a device named *.toml is listed with its
        # error (load_routine refuses it unread) rather than hidden.
        return sorted(p for p in folder.iterdir()
                      if p.suffix == ROUTINE_SUFFIX and not p.is_dir())
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


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _matches_words(query: list[str], entry: Entry) -> bool:
    """Every word of the query starts a word of the routine's name or file stem."""
    words = _words(entry.name) + _words(entry.stem)
    return bool(query) and all(any(word.startswith(part) for word in words) for part in query)


def _listed(entries: Sequence[Entry]) -> str:
    shown = ", ".join(f'"{entry.name}" ({entry.shown_path})' for entry in entries[:SHOWN_MATCHES])
    more = len(entries) - SHOWN_MATCHES
    return shown + (f" and {more} more" if more > 0 else "")


def lookup(query: str, entries: Sequence[Entry]) -> Entry:
    """The entry whose file stem, else whose name, is ``query`` (case-insensitive), else the
    only one whose name starts with it, or holds its words.

    Raises LookupError with a one-line message when none (or more than one)
    matches; it lists a few close matches, never the whole library.
    """
    wanted = query.casefold()
    shown = f"'{printable(query)}'"
    for matching in (lambda e: e.stem.casefold() == wanted,
                     lambda e: e.name.casefold() == wanted,
                     lambda e: e.name.casefold().startswith(wanted),
                     lambda e: _matches_words(_words(query), e)):
        matches = [entry for entry in entries if matching(entry)]
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise LookupError(f"{shown} names {len(matches)} routines: {_listed(matches)}; "
                              "give more of the name, or the file")
    raise LookupError(f"no routine called {shown} ({_close_hint(wanted, entries)})")


def _close_hint(wanted: str, entries: Sequence[Entry]) -> str:
    """``did you mean 'strong'?``: the stems of the few routines whose stem or name is
    near ``wanted`` (a stem is what can be typed back)."""
    by_key = {entry.stem.casefold(): entry for entry in entries}
    by_key.update({entry.name.casefold(): entry for entry in entries})
    close = difflib.get_close_matches(wanted, list(by_key), n=SHOWN_MATCHES, cutoff=0.75)
    stems = list(dict.fromkeys(f"'{printable(by_key[key].stem)}'" for key in close))
    if not stems:
        return "`hiptimer list` shows them all" if entries else "there are no routines yet"
    listed = stems[0] if len(stems) == 1 else ", ".join(stems[:-1]) + " or " + stems[-1]
    return f"did you mean {listed}?"


def _finder(entries: Callable[[], Sequence[Entry]]) -> Find:
    """Parts named as on the command line; a path is taken from the naming file's folder."""
    def find(query: str, naming_file: Path) -> tuple[Path, Loaded]:
        if _names_a_file(query):
            path = naming_file.parent / Path(query).expanduser()
            if not path.is_file():  # a folder, a pipe or a device named by a file is no part
                raise LookupError(f"no routine file at {printable(str(path))}")
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


def _library_files(paths: Paths) -> dict[str, tuple[Path, bool]]:
    """Stem -> (file, built-in?): a user file shadows a built-in one of the same stem."""
    files: dict[str, tuple[Path, bool]] = {}
    for path in _routine_files(builtin_folder()):
        files[path.stem] = (path, True)
    for path in _routine_files(paths.routines):
        files[path.stem] = (path, False)
    return files


def _read_library(paths: Paths) -> list[Entry]:
    """Every routine file as read, parts not yet in place."""
    return [Entry(path, builtin, load_routine(path))
            for path, builtin in _library_files(paths).values()]


def resolve(query: str, paths: Paths) -> Entry:
    """A routine named by path, file stem, ``name`` (case-insensitive), or a prefix or a
    few words of its name when only one routine has them.

    Raises LookupError with a one-line message when nothing (or more than one
    routine) matches; it lists a few close matches, never the whole library.
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
