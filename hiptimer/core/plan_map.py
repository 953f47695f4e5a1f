"""Lookups over a plan that the engine needs on every tick, computed once.

Standard library only.
"""

from __future__ import annotations

from hiptimer.core.plan import Plan, Step


class PlanMap:
    """Where exercises and blocks end, what comes next, and the time planned after a step."""

    def __init__(self, plan: Plan) -> None:
        self.steps = plan.steps
        self._sets = [exercise.sets for exercise in plan.routine.exercises]
        count = len(self.steps)
        self._after = [0.0] * (count + 1)
        for index in range(count - 1, -1, -1):
            self._after[index] = self._after[index + 1] + self.steps[index].estimate
        self._next_exercise = self._next_exercises()

    @property
    def total(self) -> float:
        return self._after[0]

    def estimated_after(self, index: int) -> float:
        """Planned (or estimated) seconds of the steps after step ``index``."""
        return self._after[min(index + 1, len(self.steps))]

    def next_exercise(self, index: int) -> int | None:
        """The next exercise to come after step ``index`` (the one after a rest)."""
        return self._next_exercise[index]

    def sets(self, step: Step) -> tuple[int, int] | None:
        if step.set is None or step.exercise is None:
            return None
        return (step.set, self._sets[step.exercise])

    def end_of_exercise(self, index: int) -> int:
        """The first step after ``index`` outside its exercise.

        For a prepare or rest step (no exercise), the first step of the next exercise.
        """
        exercise = self.steps[index].exercise
        end = index + 1
        while end < len(self.steps) and self.steps[end].exercise == exercise:
            end += 1
        return end

    def end_of_block(self, index: int) -> int:
        """The first step after the run of self-paced reps of this exercise and set.

        For ``sides = "each"`` the run stops at the switch step: one side is a block.
        """
        first = self.steps[index]
        end = index + 1
        while end < len(self.steps):
            step = self.steps[end]
            if not (step.self_paced and step.exercise == first.exercise and step.set == first.set):
                break
            end += 1
        return end

    def _next_exercises(self) -> list[int | None]:
        """For every step, the next exercise after its own: one pass from the end."""
        found: list[int | None] = [None] * len(self.steps)
        later: int | None = None  # the exercise of the nearest step after, if any
        beyond: int | None = None  # the first exercise after ``later``'s
        for index in range(len(self.steps) - 1, -1, -1):
            current = self.steps[index].exercise
            found[index] = beyond if later is not None and later == current else later
            if current is not None and current != later:
                later, beyond = current, later
        return found
