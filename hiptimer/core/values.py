"""The checks of single values in a routine file, and the scope a problem is reported in.

Standard library only. A check returns the clean value, or reports a problem
through its scope and returns None.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable

from hiptimer.core.keys import HOMES, unknown_key
from hiptimer.core.text import did_you_mean, show_value
from hiptimer.core.times import TIME_FORMS, parse_time
from hiptimer.core.toml_positions import KeyPath

MAX_SECONDS = 3600.0
MAX_COUNT = 1000
MAX_PER_WEEK = 14


@dataclass
class Scope:
    """Where values are being checked: the top level, a table, one exercise or one of its levels."""

    report: Callable[[str, KeyPath, "Scope"], None]
    where: KeyPath = ()
    label_prefix: str = ""
    exercise: int | None = None
    exercise_name: str | None = None
    level: str | None = None
    failed: bool = False

    def problem(self, message: str, key: str | None = None) -> None:
        self.failed = True
        self.report(message, self.where + ((key,) if key else ()), self)

    def label(self, key: str) -> str:
        return self.label_prefix + key


Checker = Callable[[Scope, str, object], Any]


def check_table(scope: Scope, table: dict[str, Any], checks: dict[str, Checker],
                where: str) -> dict[str, Any]:
    """Every key of ``table`` checked in the order written; the clean values by key.

    A key allowed ``where`` but without a check here is left to the caller.
    """
    allowed = HOMES[where]
    clean: dict[str, Any] = {}
    for key, value in table.items():
        check = checks.get(key)
        if key not in allowed:
            scope.problem(unknown_key(key, where), key)
        elif check is not None:
            value = check(scope, key, value)
            if value is not None:
                clean[key] = value
    return clean


def time(scope: Scope, key: str, value: object, positive: bool = False) -> float | None:
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


def positive_time(scope: Scope, key: str, value: object) -> float | None:
    return time(scope, key, value, positive=True)


def _is_self(value: object) -> bool:
    return isinstance(value, str) and value.strip().lower() == "self"


def tempo(scope: Scope, key: str, value: object) -> float | str | None:
    if _is_self(value):
        if scope.exercise is None:
            scope.problem(f'{scope.label(key)} can be "self" only inside an [[exercise]]', key)
            return None
        return "self"
    return positive_time(scope, key, value)


def _whole_number(value: object, low: int, high: int) -> int | None:
    """``value`` as a whole number from ``low`` to ``high`` (``2.0`` counts), else None."""
    if (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and value == int(value) and low <= value <= high):
        return int(value)
    return None


def count_from_1_to(high: int) -> Checker:
    def check(scope: Scope, key: str, value: object) -> int | None:
        number = _whole_number(value, 1, high)
        if number is None:
            scope.problem(f"{scope.label(key)} must be a whole number from 1 to {high}, "
                          f"got {show_value(value)}", key)
        return number
    return check


whole = count_from_1_to(MAX_COUNT)
per_week = count_from_1_to(MAX_PER_WEEK)


def volume(scope: Scope, key: str, value: object) -> int | None:
    if (isinstance(value, (int, float)) and not isinstance(value, bool)
            and math.isfinite(value) and 0 <= value <= 100):
        return int(round(value))
    scope.problem(f"{scope.label(key)} must be a number from 0 to 100, got {show_value(value)}",
                  key)
    return None


def boolean(scope: Scope, key: str, value: object) -> bool | None:
    if isinstance(value, bool):
        return value
    scope.problem(f"{scope.label(key)} must be true or false, got {show_value(value)}", key)
    return None


def text(scope: Scope, key: str, value: object) -> str | None:
    if isinstance(value, str):
        return value
    scope.problem(f'{scope.label(key)} must be text in quotes, got {show_value(value)}', key)
    return None


def name(scope: Scope, key: str, value: object) -> str | None:
    written = text(scope, key, value)
    if written is not None and not written.strip():
        scope.problem(f"{scope.label(key)} must not be empty", key)
        return None
    return written.strip() if written is not None else None


def texts(scope: Scope, key: str, value: object, example: str = '["mat"]'
          ) -> tuple[str, ...] | None:
    example = example if key != "how" else '["Step one.", "Step two."]'
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


def how(scope: Scope, key: str, value: object) -> tuple[str, ...] | None:
    if isinstance(value, str):
        return (value,) if value.strip() else ()
    return texts(scope, key, value)


def part_names(scope: Scope, key: str, value: object) -> tuple[str, ...] | None:
    example = '["mobility-warmup", "strength-6"]'
    names = texts(scope, key, value, example)
    if names is None:
        return None
    if not names:
        scope.problem(f"{scope.label(key)} must name at least one routine, like {example}", key)
        return None
    for position, item in enumerate(names, start=1):
        if not item.strip():
            scope.problem(f"{scope.label(key)}: item {position} is empty; name a routine", key)
            return None
    return tuple(item.strip() for item in names)


def choice(*allowed: str) -> Checker:
    def check(scope: Scope, key: str, value: object) -> str | None:
        if isinstance(value, str) and value.strip().lower() in allowed:
            return value.strip().lower()
        options = ", ".join(f'"{option}"' for option in allowed[:-1]) + f' or "{allowed[-1]}"'
        message = f"{scope.label(key)} must be {options}, got {show_value(value)}"
        if isinstance(value, str):
            message += did_you_mean(value.strip().lower(), allowed, quote='"')
        scope.problem(message, key)
        return None
    return check
