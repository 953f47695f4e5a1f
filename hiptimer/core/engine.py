"""The workout engine: walks a plan against a clock it is given.

Pure and standard library only. The engine never reads a clock itself: every
call takes ``now`` (seconds, any monotonic origin) and returns the events that
became true up to ``now``, in order, each stamped with the instant it belongs
to. Deadlines are absolute (a step ends at the instant the previous one ended
plus its planned seconds, plus pauses and extensions), so nothing drifts.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.events import Event
from hiptimer.core.plan import Plan, Step


@dataclass(frozen=True)
class EngineState:
    """Everything a UI renders, true at one instant."""

    index: int
    """Index of the current step in ``plan.steps`` (len(steps) once finished)."""
    step: Step | None
    """The current step; None once finished."""
    remaining: float | None
    """Seconds left in the current step; None for a self-paced rep."""
    elapsed: float
    """Seconds spent in the current step (pauses excluded)."""
    paused: bool
    finished: bool
    waiting: bool
    """A self-paced rep waiting for the user to count it."""
    rep: tuple[int, int] | None
    """(rep, reps) on the current side, for rep steps."""
    set: tuple[int, int] | None
    """(set, sets) of the current exercise."""
    next_step: Step | None
    """The step after the current one, None at the end."""
    next_exercise: int | None
    """Index of the next exercise to come (for rests: the one after the rest)."""
    time_left: float
    """Seconds left in the whole routine (estimates for self-paced reps)."""
    fraction_done: float
    """0.0 to 1.0 of the routine's total time."""


class Engine:
    """Commands return the events they cause, after the ones crossed up to ``now``."""

    def __init__(self, plan: Plan) -> None:
        raise NotImplementedError

    def start(self, now: float) -> list[Event]:
        raise NotImplementedError

    def advance(self, now: float) -> list[Event]:
        """Everything that became true up to ``now`` (may cross several steps)."""
        raise NotImplementedError

    def state(self, now: float) -> EngineState:
        raise NotImplementedError

    def pause(self, now: float) -> list[Event]: ...
    def resume(self, now: float) -> list[Event]: ...
    def toggle_pause(self, now: float) -> list[Event]: ...
    def skip_step(self, now: float) -> list[Event]: ...
    def skip_exercise(self, now: float) -> list[Event]: ...
    def back(self, now: float) -> list[Event]: ...
    def extend(self, now: float, seconds: float = 10.0) -> list[Event]: ...
    def count_rep(self, now: float) -> list[Event]: ...
    def finish_set(self, now: float) -> list[Event]: ...
    def stop(self, now: float) -> list[Event]: ...

    @property
    def plan(self) -> Plan: ...
    @property
    def finished(self) -> bool: ...
    @property
    def paused(self) -> bool: ...
