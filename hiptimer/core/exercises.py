"""One ``[[exercise]]`` table and its levels to a validated ``Exercise``, every problem reported.

Standard library only.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from hiptimer.core import values
from hiptimer.core.keys import EXERCISE, LEVEL
from hiptimer.core.model import Exercise
from hiptimer.core.text import show_value
from hiptimer.core.values import Checker, Scope, check_table

LEVEL_NAMES = ("easier", "harder")

EXERCISE_CHECKS: dict[str, Checker] = {
    "name": values.name, "reps": values.whole, "hold": values.positive_time,
    "duration": values.positive_time, "tempo": values.tempo, "sets": values.whole,
    "sides": values.choice("none", "each", "alternate"), "first": values.choice("left", "right"),
    "rest": values.time, "set_rest": values.time, "how": values.how, "tip": values.text,
    "equipment": values.texts, "targets": values.texts, "check": values.name,
}


def merge_level(base: dict[str, Any], level: dict[str, Any]) -> dict[str, Any]:
    """A level's keys over the exercise's, key by key, so that a level can change the kind
    of work: its ``duration`` drops the base's ``reps`` and ``hold``, its ``reps`` or
    ``hold`` drops the base's ``duration``."""
    dropped = set(LEVEL_NAMES)
    if "duration" in level:
        dropped |= {"reps", "hold"}
    if "reps" in level or "hold" in level:
        dropped.add("duration")
    merged = {key: value for key, value in base.items() if key not in dropped}
    merged.update(level)
    return merged


def _rules(keys: Collection[str], clean: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The rules over a whole exercise: ``keys`` are those written, ``clean`` their good values."""
    broken: list[tuple[str, str | None]] = []
    if "name" not in keys:
        broken.append(("missing required key 'name'", None))
    shapes = [key for key in ("reps", "hold", "duration") if key in keys]
    if not shapes:
        broken.append(("needs one of reps, hold or duration", None))
    elif "duration" in shapes and len(shapes) > 1:
        others = " and ".join(shape for shape in shapes if shape != "duration")
        broken.append((f"duration cannot be combined with {others}: "
                       "use duration alone for timed work", "duration"))
    if clean.get("sides") == "alternate" and "reps" not in keys:
        broken.append(('sides = "alternate" needs reps', "sides"))
    if clean.get("tempo") == "self" and "reps" not in keys:
        broken.append(('tempo = "self" needs reps', "tempo"))
    return broken


def _exercise(clean: dict[str, Any], **levels: Exercise | None) -> Exercise:
    fields = dict(clean)
    if fields.get("tempo") == "self":
        fields["tempo"], fields["self_paced"] = None, True
    return Exercise(**fields, **levels)


def check_exercise(scope: Scope, table: dict[str, Any]) -> Exercise | None:
    """The exercise with its levels, or None once every problem in them is reported."""
    clean = check_table(scope, table, EXERCISE_CHECKS, EXERCISE)
    broken = _rules(table.keys(), clean)
    for message, key in broken:
        scope.problem(message, key)
    levels: dict[str, Exercise | None] = {}
    for level in LEVEL_NAMES:
        if level in table:
            levels[level] = _check_level(scope, level, table, clean, {m for m, _ in broken})
    if scope.failed or None in levels.values():
        return None
    return _exercise(clean, **levels)


def _check_level(scope: Scope, level: str, table: dict[str, Any], base: dict[str, Any],
                 base_broken: set[str]) -> Exercise | None:
    """The exercise at ``level``: every rule holds for the merge, reported as ``(level)``.

    A rule the base already breaks is not reported again for the level.
    """
    raw = table[level]
    if not isinstance(raw, dict):
        scope.problem(f"{level} must be a table of the keys that change, like "
                      f"[exercise.{level}] with reps = 8 under it, got {show_value(raw)}", level)
        return None
    level_scope = Scope(scope.report, scope.where + (level,), "", scope.exercise,
                        scope.exercise_name, level)
    own = check_table(level_scope, raw, EXERCISE_CHECKS, LEVEL)
    for message, key in _rules(merge_level(table, raw).keys(), merge_level(base, own)):
        if message not in base_broken:
            level_scope.problem(message, key)
    if level_scope.failed or scope.failed:
        return None
    return _exercise(merge_level(base, own))
