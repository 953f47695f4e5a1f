"""Routine files: TOML text to a validated ``Routine`` or every located problem.

Pure: standard library only. Never raises on bad input: every problem in a
file is returned as a ``Problem``.
"""

from __future__ import annotations

import difflib
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.text import printable, show_value
from hiptimer.core.times import TIME_FORMS, parse_time
from hiptimer.core.toml_positions import KeyPath, locate_keys

MAX_FILE_BYTES = 1024 * 1024
MAX_SECONDS = 3600.0
MAX_COUNT = 1000

TOP_KEYS = ("name", "description", "source", "tags", "equipment", "timing", "exercise")
TIMING_KEYS = ("prepare", "rest", "set_rest", "switch", "tempo", "countdown")
EXERCISE_KEYS = ("name", "reps", "hold", "duration", "tempo", "sets", "sides", "first",
                 "rest", "set_rest", "how", "tip", "equipment", "targets")


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

    def __str__(self) -> str:
        """``PATH: exercise 3 "Clamshell": message`` for a rule broken in an exercise,
        else ``PATH:LINE:COL: message`` when the position is known, else ``PATH: message``."""
        if self.exercise is not None:
            label = f"exercise {self.exercise}"
            if self.exercise_name:
                label += f' "{printable(self.exercise_name)}"'
            return f"{self.path}: {label}: {self.message}"
        if self.line is not None:
            return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Loaded:
    routine: Routine | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.routine is not None and not self.problems


# ---------------------------------------------------------------- checking values



@dataclass
class _Scope:
    """Where values are being checked: the top level, ``[timing]`` or one exercise."""

    report: Callable[[str, KeyPath, "_Scope"], None]
    where: KeyPath = ()
    label_prefix: str = ""
    exercise: int | None = None
    exercise_name: str | None = None
    failed: bool = False

    def problem(self, message: str, key: str | None = None) -> None:
        self.failed = True
        self.report(message, self.where + ((key,) if key else ()), self)

    def label(self, key: str) -> str:
        return self.label_prefix + key


def _time(scope: _Scope, key: str, value: object, positive: bool = False) -> float | None:
    label = scope.label(key)
    try:
        seconds = parse_time(value)
    except ValueError:
        scope.problem(f"{label} must be {TIME_FORMS}, got {show_value(value)}", key)
        return None
    if positive and seconds <= 0:
        scope.problem(f"{label} must be more than 0 s, got {show_value(value)}", key)
    elif seconds < 0:
        scope.problem(f"{label} must be 0 s or more, got {show_value(value)}", key)
    elif seconds > MAX_SECONDS:
        scope.problem(f"{label} must be at most 1 hour (3600 s), got {show_value(value)}", key)
    else:
        return seconds
    return None


def _positive_time(scope: _Scope, key: str, value: object) -> float | None:
    return _time(scope, key, value, positive=True)


def _is_self(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() == "self"


def _tempo(scope: _Scope, key: str, value: object) -> float | str | None:
    if _is_self(value):
        if scope.exercise is None:
            scope.problem(f'{scope.label(key)} can be "self" only inside an [[exercise]]', key)
            return None
        return "self"
    return _positive_time(scope, key, value)


def _whole(scope: _Scope, key: str, value: object) -> int | None:
    if (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and value == int(value) and 1 <= value <= MAX_COUNT):
        return int(value)
    scope.problem(f"{scope.label(key)} must be a whole number from 1 to {MAX_COUNT}, "
                  f"got {show_value(value)}", key)
    return None


def _text(scope: _Scope, key: str, value: object) -> str | None:
    if isinstance(value, str):
        return value
    scope.problem(f'{scope.label(key)} must be text in quotes, got {show_value(value)}', key)
    return None


def _name(scope: _Scope, key: str, value: object) -> str | None:
    text = _text(scope, key, value)
    if text is not None and not text.strip():
        scope.problem(f"{scope.label(key)} must not be empty", key)
        return None
    return text.strip() if text is not None else None


def _texts(scope: _Scope, key: str, value: object) -> tuple[str, ...] | None:
    example = '["mat"]' if key != "how" else '["Step one.", "Step two."]'
    if isinstance(value, list):
        for position, item in enumerate(value, start=1):
            if not isinstance(item, str):
                scope.problem(f"{scope.label(key)} must be a list of text, like {example}; "
                              f"item {position} is {show_value(item)}", key)
                return None
        return tuple(value)
    scope.problem(f"{scope.label(key)} must be a list of text, like {example}, "
                  f"got {show_value(value)}", key)
    return None


def _how(scope: _Scope, key: str, value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return _texts(scope, key, value)


def _choice(*allowed: str) -> Callable[[_Scope, str, object], str | None]:
    def check(scope: _Scope, key: str, value: object) -> str | None:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        options = ", ".join(f'"{option}"' for option in allowed[:-1]) + f' or "{allowed[-1]}"'
        message = f"{scope.label(key)} must be {options}, got {show_value(value)}"
        if isinstance(value, str):
            close = difflib.get_close_matches(value.strip().lower(), allowed, n=1)
            if close:
                message += f' (did you mean "{close[0]}"?)'
        scope.problem(message, key)
        return None
    return check


Checker = Callable[[_Scope, str, object], Any]
_TOP_CHECKS: dict[str, Checker] = {
    "name": _name, "description": _text, "source": _text, "tags": _texts, "equipment": _texts,
}
_TIMING_CHECKS: dict[str, Checker] = {
    "prepare": _time, "rest": _time, "set_rest": _time, "switch": _time, "tempo": _tempo,
    "countdown": _time,
}
_EXERCISE_CHECKS: dict[str, Checker] = {
    "name": _name, "reps": _whole, "hold": _positive_time, "duration": _positive_time,
    "tempo": _tempo, "sets": _whole, "sides": _choice("none", "each", "alternate"),
    "first": _choice("left", "right"), "rest": _time, "set_rest": _time, "how": _how,
    "tip": _text, "equipment": _texts, "targets": _texts,
}
_HOMES = {"at the top level": TOP_KEYS, "in [timing]": TIMING_KEYS, "in an [[exercise]]": EXERCISE_KEYS}


def _unknown_key(key: str, allowed: tuple[str, ...], where: str) -> str:
    message = f"unknown key '{printable(key)}'" + (f" {where}" if where == "in [timing]" else "")
    homes = [home for home, keys in _HOMES.items() if home != where and key.lower() in keys]
    close = difflib.get_close_matches(key.lower(), allowed, n=1)
    if homes and key.lower() not in allowed:
        return message + f" (it belongs {' or '.join(homes)})"
    if close:
        return message + f" (did you mean '{close[0]}'?)"
    return message + f" (allowed keys: {', '.join(allowed)})"


def _check_table(scope: _Scope, table: dict[str, Any], checks: dict[str, Checker],
                 where: str) -> dict[str, Any]:
    """Every key of ``table`` checked in the order written; the clean values by key."""
    allowed = _HOMES[where]
    clean: dict[str, Any] = {}
    for key, value in table.items():
        check = checks.get(key)
        if key not in allowed:
            scope.problem(_unknown_key(key, allowed, where), key)
        elif check is not None:
            clean[key] = check(scope, key, value)
    return clean


def _check_exercise(scope: _Scope, table: dict[str, Any]) -> Exercise | None:
    clean = _check_table(scope, table, _EXERCISE_CHECKS, "in an [[exercise]]")
    if "name" not in table:
        scope.problem("missing required key 'name'")
    shapes = [key for key in ("reps", "hold", "duration") if key in table]
    if not shapes:
        scope.problem("needs one of reps, hold or duration")
    elif "duration" in shapes and len(shapes) > 1:
        others = " and ".join(shape for shape in shapes if shape != "duration")
        scope.problem(f"duration cannot be combined with {others}: "
                      "use duration alone for timed work", "duration")
    if clean.get("sides") == "alternate" and "reps" not in table:
        scope.problem('sides = "alternate" needs reps', "sides")
    if clean.get("tempo") == "self":
        clean["tempo"], clean["self_paced"] = None, True
        if "reps" not in table:
            scope.problem('tempo = "self" needs reps', "tempo")
    return None if scope.failed else Exercise(**clean)


def _exercise_tables(scope: _Scope, raw: object) -> list[object]:
    """The ``[[exercise]]`` items, after reporting a wrong overall shape."""
    if isinstance(raw, dict):
        scope.problem("exercises must be written [[exercise]], with double brackets, "
                      "one per exercise", "exercise")
        return [raw]
    if isinstance(raw, list) and raw:
        return raw
    if raw is None or isinstance(raw, list):
        scope.problem("no exercises: add at least one [[exercise]] table",
                      None if raw is None else "exercise")
    else:
        scope.problem(f"exercise must be [[exercise]] tables, got {show_value(raw)}", "exercise")
    return []


def _check_routine(doc: dict[str, Any], report: Callable[[str, KeyPath, _Scope], None]
                   ) -> Routine | None:
    top = _Scope(report)
    clean = _check_table(top, doc, _TOP_CHECKS, "at the top level")
    if "name" not in doc:
        top.problem("missing required key 'name'")
    timing, timing_scope_failed = Timing(), False
    raw_timing = doc.get("timing", {})
    if isinstance(raw_timing, dict):
        timing_scope = _Scope(report, ("timing",), "timing.")
        timing_values = _check_table(timing_scope, raw_timing, _TIMING_CHECKS, "in [timing]")
        timing_scope_failed = timing_scope.failed
        if not timing_scope_failed:
            timing = Timing(**timing_values)
    else:
        top.problem(f"timing must be a [timing] table, got {show_value(raw_timing)}", "timing")
    exercises: list[Exercise | None] = []
    for index, table in enumerate(_exercise_tables(top, doc.get("exercise"))):
        name = table.get("name") if isinstance(table, dict) else None
        valid_name = name.strip() if isinstance(name, str) and name.strip() else None
        scope = _Scope(report, ("exercise", index), "", index + 1, valid_name)
        if isinstance(table, dict):
            exercises.append(_check_exercise(scope, table))
        else:
            scope.problem(f"must be an [[exercise]] table, got {show_value(table)}")
            exercises.append(None)
    if top.failed or timing_scope_failed or None in exercises:
        return None
    return Routine(exercises=tuple(e for e in exercises if e), timing=timing, **clean)


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
    """Validate routine TOML; every problem of the file, or the routine."""
    text = text.removeprefix("\ufeff")
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Loaded(None, (_syntax_problem(error, text, path),))
    except (ValueError, RecursionError):  # integers past Python's digit limit, deep nesting
        return Loaded(None, (Problem(path, "TOML syntax: a value is too long or too deeply nested"),))
    problems: list[Problem] = []
    positions = locate_keys(text)

    def report(message: str, key_path: KeyPath, scope: _Scope) -> None:
        position = None
        while key_path and position is None:
            position = positions.get(key_path)
            key_path = key_path[:-1]
        line, col = position if position else (None, None)
        problems.append(Problem(path, message, line, col, scope.exercise, scope.exercise_name))

    try:
        routine = _check_routine(doc, report)
    except Exception as error:  # a bug here must still reach the user as one plain line
        problems.append(Problem(path, f"internal error while checking this file: {error!r}"))
    if problems:
        return Loaded(None, tuple(problems))
    return Loaded(routine, ())


def load_routine(path: Path | str) -> Loaded:
    """Read a file (refusing empty, non-UTF-8 and over 1 MiB) and parse it."""
    shown = str(path)
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return _refused(shown, "no such file")
    except IsADirectoryError:
        return _refused(shown, "this is a folder, not a routine file")
    except PermissionError:
        return _refused(shown, "permission denied: cannot read this file")
    except (OSError, ValueError) as error:
        return _refused(shown, f"cannot read this file ({getattr(error, 'strerror', None) or error})")
    if len(data) > MAX_FILE_BYTES:
        return _refused(shown, "file is over 1 MiB: a routine file is a small text file")
    data = data.removeprefix(b"\xef\xbb\xbf")
    if not data.strip():
        return _refused(shown, "file is empty: a routine needs a name and at least one [[exercise]]")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        return _refused(shown, f"not a UTF-8 text file (byte 0x{data[error.start]:02x} "
                               f"on line {line} is not UTF-8); save it as UTF-8")
    return parse_routine(text, shown)


def _refused(path: str, message: str) -> Loaded:
    return Loaded(None, (Problem(path, message),))
