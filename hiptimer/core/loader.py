"""Routine files: TOML text to a validated ``Routine`` or every located problem.

Pure: standard library only. Never raises on bad input: every problem in a
file is returned as a ``Problem``. A routine made of ``parts`` comes back with
the names of its parts, found and joined outside the core (``hiptimer.parts``).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Callable

from hiptimer.core import values
from hiptimer.core.exercises import check_exercise
from hiptimer.core.keys import EXERCISE_KEYS, TIMING, TIMING_KEYS, TOP, TOP_KEYS
from hiptimer.core.model import Exercise, Routine, RoutineSound, Timing
from hiptimer.core.sound_table import check_sound
from hiptimer.core.text import printable, printable_fields, show_value
from hiptimer.core.times import parse_time
from hiptimer.core.toml_positions import KeyPath, locate_array_items, locate_keys
from hiptimer.core.values import Checker, Scope, check_table

__all__ = ["EXERCISE_KEYS", "TIMING_KEYS", "TOP_KEYS", "Loaded", "PartRef", "Problem",
           "parse_routine", "parse_time"]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    """1-based line, when known (always for TOML syntax errors)."""
    col: int | None = None
    exercise: int | None = None
    """1-based exercise number, for a rule broken inside an ``[[exercise]]``."""
    exercise_name: str | None = None
    level: str | None = None
    """``easier`` or ``harder``, for a rule the exercise breaks at that level."""

    def __post_init__(self) -> None:
        # Safe to show wherever a problem is made: its texts come from the file.
        for name in ("path", "message", "exercise_name"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, printable(value))

    def __str__(self) -> str:
        """``PATH: exercise 3 "Clamshell": message`` for a rule broken in an exercise (with
        ``(harder)`` after the name inside a level), else ``PATH:LINE:COL: message`` when the
        position is known, else ``PATH: message``."""
        if self.exercise is not None:
            return f"{self.path}: {self._exercise_label()}: {self.message}"
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"
        return f"{self.path}: {self.message}"

    def in_file(self) -> str:
        """The problem beside its own file (the editor): ``line 5: message``,
        ``exercise 3 "Clamshell" (line 5): message``."""
        where = f"line {self.line}" if self.line is not None else ""
        if self.exercise is not None:
            where = f"{self._exercise_label()} ({where})" if where else self._exercise_label()
        return f"{where}: {self.message}" if where else self.message

    def _exercise_label(self) -> str:
        label = f"exercise {self.exercise}"
        if self.exercise_name:
            label += f' "{printable(self.exercise_name)}"'
        return label + (f" ({self.level})" if self.level else "")


@dataclass(frozen=True)
class PartRef:
    """One entry of a routine's ``parts``: the name as written and where."""

    name: str
    line: int | None = None
    col: int | None = None


@dataclass(frozen=True)
class Loaded:
    routine: Routine | None
    problems: tuple[Problem, ...]
    parts: tuple[PartRef, ...] = ()
    """The ``parts`` entries of a routine made of parts; its ``exercises`` come from them."""

    @property
    def ok(self) -> bool:
        return self.routine is not None and not self.problems


# ---------------------------------------------------------------- checking a routine

_TOP_CHECKS: dict[str, Checker] = {
    "name": values.name, "description": values.text, "source": values.text,
    "tags": values.texts, "equipment": values.texts, "caution": values.text,
    "per_week": values.per_week, "parts": values.part_names,
}
_TIMING_CHECKS: dict[str, Checker] = {
    "prepare": values.time, "rest": values.time, "set_rest": values.time,
    "switch": values.time, "tempo": values.tempo, "countdown": values.time,
}


def _timing(top: Scope, raw: object) -> Timing | None:
    if not isinstance(raw, dict):
        top.problem(f"timing must be a [timing] table, got {show_value(raw)}", "timing")
        return None
    scope = Scope(top.report, ("timing",), "timing.")
    clean = check_table(scope, raw, _TIMING_CHECKS, TIMING)
    return None if scope.failed else Timing(**clean)


def _sound(top: Scope, raw: object, folder: PurePath) -> RoutineSound | None:
    if not isinstance(raw, dict):
        top.problem(f"sound must be a [sound] table, got {show_value(raw)}", "sound")
        return None
    scope = Scope(top.report, ("sound",), "sound.")
    sound = check_sound(scope, raw, folder)
    return None if scope.failed else sound


def _exercise_tables(scope: Scope, raw: object) -> list[object]:
    """The ``[[exercise]]`` items, after reporting a wrong overall shape."""
    if isinstance(raw, dict):
        scope.problem("exercises must be written [[exercise]], with double brackets, "
                      "one per exercise", "exercise")
        return [raw]
    if isinstance(raw, list) and raw:
        return raw
    if raw is None or isinstance(raw, list):
        scope.problem("no exercises: add at least one [[exercise]] table (or parts = [...] "
                      "to run other routines)", None if raw is None else "exercise")
    else:
        scope.problem(f"exercise must be [[exercise]] tables, got {show_value(raw)}", "exercise")
    return []


def _exercises(top: Scope, raw: object) -> list[Exercise | None]:
    exercises: list[Exercise | None] = []
    for index, table in enumerate(_exercise_tables(top, raw)):
        name = table.get("name") if isinstance(table, dict) else None
        valid_name = name.strip() if isinstance(name, str) and name.strip() else None
        scope = Scope(top.report, ("exercise", index), "", index + 1, valid_name)
        if isinstance(table, dict):
            exercises.append(check_exercise(scope, table))
        else:
            scope.problem(f"must be an [[exercise]] table, got {show_value(table)}")
            exercises.append(None)
    return exercises


def _check_routine(doc: dict[str, Any], report: Callable[[str, KeyPath, Scope], None],
                   folder: PurePath) -> tuple[Routine | None, tuple[str, ...]]:
    """The routine (None once every problem is reported) and the names in its ``parts``;
    a routine of parts has no exercises yet."""
    top = Scope(report)
    clean = check_table(top, doc, _TOP_CHECKS, TOP)
    if "name" not in doc:
        top.problem("missing required key 'name'")
    part_names: tuple[str, ...] = clean.pop("parts", ())
    timing = _timing(top, doc["timing"]) if "timing" in doc else Timing()
    sound = _sound(top, doc["sound"], folder) if "sound" in doc else RoutineSound()
    if "parts" in doc and "exercise" in doc:
        top.problem("a routine has either [[exercise]] tables or parts, not both: "
                    "make the exercises a routine of their own and name it in parts", "parts")
    with_exercises = "exercise" in doc or "parts" not in doc
    exercises = _exercises(top, doc.get("exercise")) if with_exercises else []
    if top.failed or timing is None or sound is None or None in exercises:
        return None, ()
    routine = Routine(exercises=tuple(e for e in exercises if e), timing=timing, sound=sound,
                      **clean)
    return routine, part_names


# ---------------------------------------------------------------- entry points

_SYNTAX_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_SYNTAX_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _syntax_problem(error: tomllib.TOMLDecodeError, text: str, path: str) -> Problem:
    message = str(error)
    found = _SYNTAX_POSITION.search(message)
    if found:
        line, col, where = int(found.group(1)), int(found.group(2)), ""
        message = message[:found.start()]
    else:
        lines = text.splitlines() or [""]
        line, col, where = len(lines), len(lines[-1]) + 1, " at the end of the file"
        message = _SYNTAX_AT_END.sub("", message)
    hints = _SYNTAX_HINTS if not where else {}  # at the end, "Invalid value" is a missing one
    hint = next((hint for start, hint in hints.items() if message.startswith(start)), "")
    return Problem(path, f"TOML syntax: {message}{where}{hint}", line, col)


_SYNTAX_HINTS = {
    "Invalid value": ' (text must be in quotes, like "Glute bridge")',
    "Cannot overwrite a value": " (is a key set twice?)",
}


def parse_routine(text: str, path: str) -> Loaded:
    """Validate routine TOML; every problem of the file, or the routine.

    Reading the file is the caller's (``hiptimer.library.load_routine``). What
    comes out is safe to show: every text of the routine, and of each problem
    (see ``Problem``), went through ``printable``.
    """
    text = text.removeprefix("\ufeff")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Loaded(None, (_syntax_problem(error, text, path),))
    except (ValueError, RecursionError):  # integers past Python's digit limit, deep nesting
        return Loaded(None, (Problem(path, "TOML syntax: a value is too long or too deeply nested"),))
    problems: list[Problem] = []
    positions = locate_keys(text)

    def report(message: str, key_path: KeyPath, scope: Scope) -> None:
        position = None
        while key_path and position is None:
            position = positions.get(key_path)
            key_path = key_path[:-1]
        line, col = position if position else (None, None)
        problems.append(Problem(path, message, line, col, scope.exercise, scope.exercise_name,
                                scope.level))

    try:
        routine, part_names = _check_routine(doc, report, PurePath(path).parent)
    except Exception as error:  # a bug here must still reach the user as one plain line
        problems.append(Problem(path, f"internal error while checking this file: {error!r}"))
    if problems:
        return Loaded(None, tuple(problems))
    return Loaded(printable_fields(routine), (), _part_refs(part_names, text, positions))


def _part_refs(names: tuple[str, ...], text: str,
               positions: dict[KeyPath, tuple[int, int]]) -> tuple[PartRef, ...]:
    """The ``parts`` entries, each where it is written (else where ``parts`` is)."""
    key = positions.get(("parts",))
    items = locate_array_items(text, *key) if key else []
    if len(items) != len(names):  # written in a way the scan does not follow
        items = [key or (None, None)] * len(names)
    return tuple(PartRef(name, line, col) for name, (line, col) in zip(names, items))
