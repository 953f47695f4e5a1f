"""The routine model: what a routine file means once it has been validated.

Pure data, standard library only. Times are in seconds (floats).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Sides = Literal["none", "each", "alternate"]
Side = Literal["left", "right"]
Shape = Literal["duration", "hold", "reps"]


def other_side(side: Side) -> Side:
    return "right" if side == "left" else "left"


@dataclass(frozen=True)
class Timing:
    """The routine-wide ``[timing]`` table; these defaults are the contract's."""

    prepare: float = 5.0
    rest: float = 15.0
    set_rest: float = 20.0
    switch: float = 5.0
    tempo: float = 3.0
    countdown: float = 3.0


@dataclass(frozen=True)
class Exercise:
    name: str
    reps: int | None = None
    hold: float | None = None
    duration: float | None = None
    tempo: float | None = None
    """Seconds per rep; ``None`` means the routine's ``[timing].tempo``."""
    self_paced: bool = False
    """``tempo = "self"``: the user counts each rep with a key."""
    sets: int = 1
    sides: Sides = "none"
    first: Side = "left"
    rest: float | None = None
    set_rest: float | None = None
    how: tuple[str, ...] = ()
    tip: str = ""
    equipment: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()

    @property
    def shape(self) -> Shape:
        if self.duration is not None:
            return "duration"
        if self.reps is not None:
            return "reps"
        return "hold"


@dataclass(frozen=True)
class Routine:
    name: str
    exercises: tuple[Exercise, ...]
    timing: Timing = field(default_factory=Timing)
    description: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()

    def all_equipment(self) -> tuple[str, ...]:
        """The routine's equipment followed by any an exercise adds, without repeats."""
        seen = dict.fromkeys(self.equipment)
        for exercise in self.exercises:
            seen.update(dict.fromkeys(exercise.equipment))
        return tuple(seen)
