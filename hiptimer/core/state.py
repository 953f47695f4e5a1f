"""What is true of a workout at one instant: the state every shell renders.

Standard library only. The engine makes it; the shells show it as it is,
computing no timing or rounding of their own.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hiptimer.core.plan import Step


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
    workout_elapsed: float = 0.0
    """Seconds since ``start`` with pauses excluded; never decreases."""
    shown_seconds: int | None = None
    """``remaining`` as a countdown shows it: whole seconds, rounded up (4.3 s left shows 5)."""
    final_seconds: bool = False
    """The countdown pips are due in this step: from its first pip to its end, never paused."""



def shown_seconds(remaining: float) -> int:
    """Seconds left as a countdown reads them: rounded up, so 0 shows only at the end."""
    return max(0, math.ceil(remaining - 1e-9))
