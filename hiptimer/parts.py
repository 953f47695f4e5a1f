"""Routines made of other routines: each ``parts`` entry found and the whole put together.

The core reads a ``parts`` file but cannot look for other files; this module
does, through a ``Find`` the library gives it. A part that is missing,
invalid, or leads back to a routine already being put together is a problem
of the file that names it, at that entry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from hiptimer.core.compose import compose
from hiptimer.core.loader import Loaded, PartRef, Problem
from hiptimer.core.model import Routine
from hiptimer.core.text import printable
from hiptimer.format import plural

Find = Callable[[str, Path], tuple[Path, Loaded]]
"""A part's name as written and the file naming it -> the part's file and what it loads
to; LookupError (its message one line) when no routine has that name."""

MAX_EXERCISES = 1000
"""A routine of parts of parts could otherwise repeat a file into millions of exercises."""


class PartsJoiner:
    """Puts routines with parts together; each file is joined once, however often it is named."""

    def __init__(self, find: Find) -> None:
        self._find = find
        self._joined: dict[Path, Loaded] = {}

    def join(self, path: Path, loaded: Loaded) -> Loaded:
        """``loaded`` (read from ``path``) with its parts in place, or its problems with them."""
        return self._join(path, loaded, ())

    def _join(self, path: Path, loaded: Loaded, chain: tuple[Path, ...]) -> Loaded:
        if loaded.routine is None or not loaded.parts:
            return loaded
        key = _identity(path)
        if key in self._joined:
            return self._joined[key]
        chain += (key,)
        problems: list[Problem] = []
        parts: list[tuple[Routine, str]] = []
        for ref in loaded.parts:
            found = self._part(path, ref, chain, problems)
            if found is not None:
                parts.append(found)
        if not problems and sum(len(part.exercises) for part, _ in parts) > MAX_EXERCISES:
            ref = loaded.parts[0]
            problems.append(Problem(str(path), f"parts: together the parts have more than "
                                               f"{MAX_EXERCISES} exercises", ref.line, ref.col))
        joined = (Loaded(None, tuple(problems), loaded.parts) if problems
                  else Loaded(compose(loaded.routine, parts), (), loaded.parts))
        self._joined[key] = joined
        return joined

    def _part(self, path: Path, ref: PartRef, chain: tuple[Path, ...],
              problems: list[Problem]) -> tuple[Routine, str] | None:
        """The part ``ref`` names, or None with its problem added to ``problems``."""
        def problem(message: str) -> None:
            problems.append(Problem(str(path), f'part "{printable(ref.name)}": {message}',
                                    ref.line, ref.col))

        try:
            part_path, part_loaded = self._find(ref.name, path)
        except LookupError as error:
            problem(str(error))
            return None
        if _identity(part_path) in chain:
            loop = chain[chain.index(_identity(part_path)):] + (_identity(part_path),)
            problem("makes a loop: " + " -> ".join(printable(step.name) for step in loop))
            return None
        joined = self._join(part_path, part_loaded, chain)
        if joined.routine is None or joined.problems:
            first = joined.problems[0] if joined.problems else f"{part_path}: cannot be used"
            more = len(joined.problems) - 1
            problem(f"is not a valid routine: {first}"
                    + (f" (and {plural(more, 'more problem')})" if more > 0 else ""))
            return None
        return joined.routine, str(part_path)


def _identity(path: Path) -> Path:
    """One key per file, however it was named (relative, through a link)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()
