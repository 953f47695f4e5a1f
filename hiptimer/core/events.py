"""What the engine tells its listeners (UI, sounds, history, plain runner).

Every event is a frozen dataclass carrying ``at``: the clock instant the event
belongs to (its scheduled instant, not the moment a late tick noticed it).
Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.model import Side
from hiptimer.core.plan import Step


@dataclass(frozen=True)
class Event:
    at: float


@dataclass(frozen=True)
class StepStarted(Event):
    index: int
    step: Step


@dataclass(frozen=True)
class StepEnded(Event):
    """A step left behind: ``done`` when completed, ``False`` when skipped."""

    index: int
    step: Step
    done: bool
    actual: float
    """Seconds the step actually ran (pauses excluded)."""
    reps_counted: int | None = None
    """For a self-paced rep: 1 when the user counted it, 0 when skipped; else None."""


@dataclass(frozen=True)
class Countdown(Event):
    """A pip in the last seconds of a timed step: ``remaining`` is 3, 2, 1."""

    index: int
    remaining: int


@dataclass(frozen=True)
class RepCounted(Event):
    index: int
    rep: int
    of: int
    side: Side | None


@dataclass(frozen=True)
class SideSwitched(Event):
    """The switch step started: change to ``side``."""

    index: int
    side: Side


@dataclass(frozen=True)
class Halfway(Event):
    """Half of a long hold or timed work is done."""

    index: int


@dataclass(frozen=True)
class Paused(Event):
    pass


@dataclass(frozen=True)
class Resumed(Event):
    pass


@dataclass(frozen=True)
class Skipped(Event):
    """The user skipped from step ``index`` onwards to ``to`` (exercise or step).

    Steps ``index + 1`` to ``to - 1`` never started and get no events of their
    own: they are skipped. ``to`` is ``len(steps)`` when the skip ended the workout.
    """

    index: int
    to: int


@dataclass(frozen=True)
class Extended(Event):
    index: int
    seconds: float


@dataclass(frozen=True)
class WentBack(Event):
    """Back from step ``index`` to ``to`` (the same step: it restarts at full length)."""

    index: int
    to: int


@dataclass(frozen=True)
class Finished(Event):
    """The workout ended: ``completed`` False when stopped by the user."""

    completed: bool
    done: int
    skipped: int
