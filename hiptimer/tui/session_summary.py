"""What a finished (or stopped) workout amounts to, from the engine's step outcomes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from hiptimer.core.plan import Plan

EXERCISE_KINDS = frozenset({"work", "hold", "rep"})


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
              time_taken: float, active: float) -> SessionSummary:
    """``outcomes`` maps a step index to "done" or "skipped" (the engine's record)."""
    statuses: dict[int, list[bool]] = {}
    for index, step in enumerate(plan.steps):
        if step.exercise is not None and step.kind in EXERCISE_KINDS:
            statuses.setdefault(step.exercise, []).append(outcomes.get(index) == "done")
    done, partly, skipped = [], [], []
    for index, exercise in enumerate(plan.routine.exercises):
        steps_done = statuses.get(index, [])
        if steps_done and all(steps_done):
            done.append(exercise.name)
        elif any(steps_done):
            partly.append(exercise.name)
        else:
            skipped.append(exercise.name)
    return SessionSummary(
        routine_name=plan.routine.name, completed=completed,
        time_taken=max(0.0, time_taken), active=max(0.0, active),
        done=tuple(done), partly_done=tuple(partly), skipped=tuple(skipped),
        total_exercises=len(plan.routine.exercises),
    )
