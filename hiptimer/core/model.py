"""The routine model: what a routine file means once it has been validated.

Pure data, standard library only. Times are in seconds (floats).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Sides = Literal["none", "each", "alternate"]
Side = Literal["left", "right"]
Shape = Literal["duration", "hold", "reps"]
Level = Literal["easier", "standard", "harder"]

LEVELS: tuple[Level, ...] = ("easier", "standard", "harder")
"""The levels a routine runs at; ``standard`` is the exercises as written."""

CUE_NAMES = ("pip", "go", "tick", "switch", "rest", "halfway", "finish")
"""Every cue: the ones a routine's ``[sound]`` table may replace, one WAV file each in sounds/."""


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
    check: str = ""
    """A yes/no self-test question asked when the exercise's block ends; empty for none."""
    easier: Exercise | None = None
    """The exercise at the ``easier`` level (its table merged over this one), if it has one."""
    harder: Exercise | None = None

    def at_level(self, level: Level) -> Exercise:
        """The exercise as it runs at ``level``: its base when it has no table for it."""
        variant = self.easier if level == "easier" else self.harder if level == "harder" else None
        return variant or self

    @property
    def shape(self) -> Shape:
        if self.duration is not None:
            return "duration"
        if self.reps is not None:
            return "reps"
        return "hold"


@dataclass(frozen=True)
class RoutineSound:
    """A routine's ``[sound]`` table: ``None`` (or no cue) where the settings decide."""

    voice: bool | None = None
    volume: int | None = None
    """0-100."""
    tick: bool | None = None
    """The per-rep tick on or off."""
    cues: dict[str, str] = field(default_factory=dict, hash=False)
    """Cue name (one of CUE_NAMES) -> WAV path, resolved against the routine's folder."""


@dataclass(frozen=True)
class Part:
    """One routine of a routine made of parts, and where its exercises sit in the whole."""

    name: str
    routine: Routine
    """The part as it runs: its own timing, its own parts, at the whole's level."""
    start: int
    """Index of the part's first exercise in the whole routine's ``exercises``."""
    source: str = ""
    """The file the part was read from; empty for a routine built in memory."""

    @property
    def exercises(self) -> range:
        """Indices of the part's exercises in the whole routine's ``exercises``."""
        return range(self.start, self.start + len(self.routine.exercises))


@dataclass(frozen=True)
class Routine:
    name: str
    exercises: tuple[Exercise, ...]
    """Every exercise in run order; for a routine with parts, the parts' exercises in turn."""
    timing: Timing = field(default_factory=Timing)
    description: str = ""
    source: str = ""
    tags: tuple[str, ...] = ()
    equipment: tuple[str, ...] = ()
    caution: str = ""
    """Safety advice shown before the routine starts; empty for none."""
    per_week: int | None = None
    """Sessions a week the routine is meant for (1-14), if it says."""
    sound: RoutineSound = field(default_factory=RoutineSound)
    parts: tuple[Part, ...] = ()
    """The routines this one is made of; empty for a routine of exercises."""
    level: Level = "standard"
    """The level its exercises are at (see ``hiptimer.core.compose.at_level``)."""

    @property
    def levels(self) -> tuple[Level, ...]:
        """The levels that change at least one exercise, with ``standard``, in LEVELS order."""
        present = {"standard"}
        for exercise in self.exercises:
            present.update(level for level in ("easier", "harder") if getattr(exercise, level))
        return tuple(level for level in LEVELS if level in present)

    def part_of(self, exercise: int) -> int:
        """The part (its index) that ``exercises[exercise]`` belongs to; 0 without parts."""
        for number, part in enumerate(self.parts):
            if exercise in part.exercises:
                return number
        return 0

    def all_equipment(self) -> tuple[str, ...]:
        """The routine's equipment followed by any an exercise adds, without repeats."""
        seen = dict.fromkeys(self.equipment)
        for exercise in self.exercises:
            seen.update(dict.fromkeys(exercise.equipment))
        return tuple(seen)
