"""What a workout amounts to: done, partly done or skipped, for the summary and the history.

Standard library only. ``status_of`` is the one rule both use: a group of
steps (an exercise for the summary, a block for the history) is done when
every step was done, skipped when nothing of it was worked, and partly done
in between (a skipped rep, a hold cut short by a stop or a skip).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from hiptimer.core.plan import Plan

Status = Literal["done", "partial", "skipped"]
EXERCISE_KINDS = frozenset({"work", "hold", "rep"})
"""The steps that are an exercise's work (not rests, switches or get-ready)."""


MIN_WORKED_SECONDS = 1.0
"""Less than this of a step cut short is no work (a skip pressed as the step began)."""


def status_of(steps_done: Iterable[bool], worked_seconds: float = 0.0) -> Status:
    """``steps_done``: each step's outcome; ``worked_seconds``: the time all of them ran."""
    flags = list(steps_done)
    if flags and all(flags):
        return "done"
    return "partial" if any(flags) or worked_seconds >= MIN_WORKED_SECONDS else "skipped"


@dataclass(frozen=True)
class SessionSummary:
    routine_name: str
    completed: bool
    time_taken: float
    """From the start to the end, pauses included."""
    active: float
    """Seconds of workout, pauses excluded."""
    done: tuple[str, ...]
    partly_done: tuple[str, ...]
    skipped: tuple[str, ...]
    """Exercises with no step done: skipped or never reached."""
    total_exercises: int


def summarize(plan: Plan, outcomes: Mapping[int, str], *, completed: bool,
              time_taken: float, active: float,
              worked: Mapping[int, float] | None = None) -> SessionSummary:
    """``outcomes`` maps a step index to "done" or "skipped" (the engine's record);
    ``worked`` a step index to the seconds it ran (from its ``StepEnded``)."""
    steps_done: dict[int, list[bool]] = {}
    seconds: dict[int, float] = {}
    for index, step in enumerate(plan.steps):
        if step.exercise is not None and step.kind in EXERCISE_KINDS:
            steps_done.setdefault(step.exercise, []).append(outcomes.get(index) == "done")
            seconds[step.exercise] = seconds.get(step.exercise, 0.0) + (worked or {}).get(index, 0.0)
    by_status: dict[Status, list[str]] = {"done": [], "partial": [], "skipped": []}
    for index, exercise in enumerate(plan.routine.exercises):
        status = status_of(steps_done.get(index, []), seconds.get(index, 0.0))
        by_status[status].append(exercise.name)
    return SessionSummary(
        routine_name=plan.routine.name, completed=completed,
        time_taken=max(0.0, time_taken), active=max(0.0, active),
        done=tuple(by_status["done"]), partly_done=tuple(by_status["partial"]),
        skipped=tuple(by_status["skipped"]), total_exercises=len(plan.routine.exercises),
    )
