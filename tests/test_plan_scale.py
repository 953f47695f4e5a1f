"""A long plan costs work in proportion to its steps: counted, not timed.

A plan of 60,000 steps once took 26 s to start (each step rescanned the steps
after it). These tests count every read of a step's fields while the lookups
are built and while the engine answers, so quadratic work fails them on any
machine, however fast.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from hiptimer.core.engine import Engine
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, Step, build_plan
from hiptimer.core.plan_map import PlanMap

FIELDS = frozenset(field.name for field in dataclasses.fields(Step))


class Reads:
    count = 0


@dataclasses.dataclass(frozen=True)
class CountedStep(Step):
    """A step that counts every read of its fields."""

    def __getattribute__(self, name: str) -> Any:
        if name in FIELDS:
            Reads.count += 1
        return super().__getattribute__(name)


def counted_plan(exercises: tuple[Exercise, ...]) -> Plan:
    plan = build_plan(Routine("Long", exercises, Timing(prepare=1, rest=1, countdown=0)))
    steps = tuple(CountedStep(**{name: getattr(step, name) for name in FIELDS})
                  for step in plan.steps)
    return Plan(plan.routine, steps)


# One exercise of many steps (where a rescan costs most), and many short exercises.
SHAPES = {
    "one long exercise": (Exercise("Reps", reps=500, sets=3, sides="each", tempo=0.5),),
    "many exercises": tuple(Exercise(f"Hold {number}", hold=1, sides="each")
                            for number in range(1000)),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_the_lookups_of_a_plan_read_each_step_a_few_times(shape: str) -> None:
    plan = counted_plan(SHAPES[shape])
    steps = len(plan.steps)
    assert steps > 2000
    Reads.count = 0
    PlanMap(plan)
    assert Reads.count <= 5 * steps  # a rescan per step would be about steps² / 2


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_the_engine_answers_without_walking_the_plan(shape: str) -> None:
    plan = counted_plan(SHAPES[shape])
    engine = Engine(plan)
    engine.start(0.0)
    Reads.count = 0
    for second in range(200):
        engine.state(second * 0.25)
    assert Reads.count <= 200 * 20


def test_a_plans_total_and_estimate_are_computed_once() -> None:
    plan = counted_plan(SHAPES["one long exercise"])
    first = (plan.total_seconds, plan.estimated)
    Reads.count = 0
    for _ in range(100):  # the screens ask on every frame
        assert (plan.total_seconds, plan.estimated) == first
    assert Reads.count == 0
