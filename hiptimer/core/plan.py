"""The plan: a routine compiled to the flat list of timed steps.

This module is the single source of a routine's total time. The rules are
the format's timing rules, as docs/routines.md ("The plan") states them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any, Iterator, Literal

from hiptimer.core.model import Exercise, Routine, Side, other_side

StepKind = Literal["prepare", "work", "hold", "rep", "switch", "set_rest", "rest"]


@dataclass(frozen=True)
class Step:
    kind: StepKind
    seconds: float | None
    """Planned length; ``None`` for a self-paced rep (the user ends it)."""
    estimate: float
    """``seconds``, or for a self-paced rep its estimated length."""
    exercise: int | None = None
    """Index into ``Routine.exercises``; ``None`` for ``prepare`` and ``rest``."""
    exercise_name: str | None = None
    side: Side | None = None
    """The side worked; for a ``switch`` step, the side being switched to."""
    set: int | None = None
    rep: int | None = None
    """Rep number on this side, from 1 (for ``alternate``, per side)."""
    reps: int | None = None
    """The rep target of this block, for ``rep`` steps."""
    part: int = 0
    """Index into ``Routine.parts`` (0 without parts); a step between parts, or the
    prepare step, counts as the part it leads into."""

    @property
    def self_paced(self) -> bool:
        return self.seconds is None

    def to_json(self) -> dict[str, Any]:
        """The step as the contract's ``show --json`` object."""
        return {
            "kind": self.kind,
            "exercise": self.exercise_name,
            "side": self.side,
            "set": self.set,
            "rep": self.rep,
            "seconds": self.seconds,
            "part": self.part,
        }


@dataclass(frozen=True)
class Plan:
    routine: Routine
    steps: tuple[Step, ...]

    # Cached: the shells ask on every frame, and a plan can have 200,000 steps.
    @cached_property
    def total_seconds(self) -> float:
        return sum(step.estimate for step in self.steps)

    @cached_property
    def estimated(self) -> bool:
        return any(step.self_paced for step in self.steps)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.routine.name,
            "total_seconds": float(self.total_seconds),
            "estimated": self.estimated,
            "steps": [step.to_json() for step in self.steps],
        }


def build_plan(routine: Routine) -> Plan:
    steps = tuple(step for step in _steps(routine) if step.self_paced or step.estimate > 0)
    return Plan(routine, steps)


def _steps(routine: Routine) -> Iterator[Step]:
    timing = routine.timing
    yield Step("prepare", float(timing.prepare), float(timing.prepare))
    yield from _body(routine, 0)


def _body(routine: Routine, offset: int) -> Iterator[Step]:
    """Every step but the prepare; exercise indices start at ``offset``.

    A part runs with its own timing, without its prepare step, and one rest of
    this routine's ``[timing].rest`` between two parts.
    """
    if routine.parts:
        for number, part in enumerate(routine.parts):
            if number:
                yield Step("rest", float(routine.timing.rest), float(routine.timing.rest),
                           part=number)
            for step in _body(part.routine, offset + part.start):
                yield replace(step, part=number)
        return
    last = len(routine.exercises) - 1
    for index, exercise in enumerate(routine.exercises):
        yield from _exercise_steps(routine, offset + index, exercise)
        if index < last:
            rest = exercise.rest if exercise.rest is not None else routine.timing.rest
            yield Step("rest", float(rest), float(rest))


def _exercise_steps(routine: Routine, index: int, exercise: Exercise) -> Iterator[Step]:
    timing = routine.timing
    name = exercise.name
    set_rest = exercise.set_rest if exercise.set_rest is not None else timing.set_rest
    for set_number in range(1, exercise.sets + 1):
        if set_number > 1:
            yield Step("set_rest", float(set_rest), float(set_rest), index, name,
                       set=set_number - 1)
        if exercise.sides == "none":
            yield from _block(routine, index, exercise, set_number, None)
        elif exercise.sides == "each":
            first = exercise.first
            yield from _block(routine, index, exercise, set_number, first)
            second = other_side(first)
            yield Step("switch", float(timing.switch), float(timing.switch), index, name,
                       side=second, set=set_number)
            yield from _block(routine, index, exercise, set_number, second)
        else:  # alternate: left, right, left, right ... reps per side
            assert exercise.reps is not None
            side = exercise.first
            for rep in range(1, exercise.reps + 1):
                for _ in range(2):
                    yield _rep_step(routine, index, exercise, set_number, side, rep)
                    side = other_side(side)


def _block(routine: Routine, index: int, exercise: Exercise, set_number: int,
           side: Side | None) -> Iterator[Step]:
    name = exercise.name
    if exercise.duration is not None:
        yield Step("work", float(exercise.duration), float(exercise.duration), index, name,
                   side=side, set=set_number)
    elif exercise.reps is not None:
        for rep in range(1, exercise.reps + 1):
            yield _rep_step(routine, index, exercise, set_number, side, rep)
    else:
        assert exercise.hold is not None
        yield Step("hold", float(exercise.hold), float(exercise.hold), index, name,
                   side=side, set=set_number)


def _rep_step(routine: Routine, index: int, exercise: Exercise, set_number: int,
              side: Side | None, rep: int) -> Step:
    hold = exercise.hold or 0.0
    if exercise.self_paced:
        seconds = None
        estimate = float(routine.timing.tempo + hold)
    else:
        tempo = exercise.tempo if exercise.tempo is not None else routine.timing.tempo
        seconds = estimate = float(tempo + hold)
    return Step("rep", seconds, estimate, index, exercise.name, side=side, set=set_number,
                rep=rep, reps=exercise.reps)
