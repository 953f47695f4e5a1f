"""Routines derived from routines: one at a level, one made of parts.

Pure: standard library only. Finding the parts' files is the library's job
(``hiptimer.parts``); here they arrive as validated routines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from hiptimer.core.model import LEVELS, Exercise, Level, Part, Routine


def at_level(routine: Routine, level: Level) -> Routine:
    """``routine`` with every exercise at ``level``; one without that level runs as written.

    Takes the routine as loaded (its ``standard`` level), parts and all.
    """
    if routine.level != "standard":
        raise ValueError(f"at_level needs the routine as written, not at {routine.level!r}")
    if level == "standard":
        return routine
    return replace(routine, level=level,
                   exercises=tuple(exercise.at_level(level) for exercise in routine.exercises),
                   parts=tuple(replace(part, routine=at_level(part.routine, level))
                               for part in routine.parts))


def next_level(routine: Routine, level: str) -> Level | None:
    """The level above ``level`` when ``routine`` has it, else None.

    ``routine`` as written, or as it runs at ``level``: above ``easier`` is
    ``standard``, which every routine has, and at ``standard`` the routine is as written.
    """
    if level not in LEVELS or level == LEVELS[-1]:
        return None
    above = LEVELS[LEVELS.index(level) + 1]  # type: ignore[arg-type]
    return above if above in routine.levels else None


def compose(routine: Routine, parts: Sequence[tuple[Routine, str]]) -> Routine:
    """``routine`` (a file's own keys) made of ``parts`` (each a routine and its file), in order.

    Its exercises are the parts' exercises one after the other; its equipment
    adds the parts'. Without a caution of its own it shows the parts' cautions.
    """
    exercises: list[Exercise] = []
    built: list[Part] = []
    for part, source in parts:
        built.append(Part(part.name, part, len(exercises), source))
        exercises.extend(part.exercises)
    equipment = dict.fromkeys(routine.equipment)
    for part, _ in parts:
        equipment.update(dict.fromkeys(part.all_equipment()))
    caution = routine.caution or " ".join(dict.fromkeys(p.caution for p, _ in parts if p.caution))
    return replace(routine, exercises=tuple(exercises), parts=tuple(built),
                   equipment=tuple(equipment), caution=caution)
