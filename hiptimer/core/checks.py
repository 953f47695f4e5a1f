"""Self-test checks: when an exercise's question is asked, and when its answer window closes.

The one rule both shells and the history follow (docs/routines.md, "check"):

- An exercise with ``check`` asks its question once per side (once when it has
  no sides), as the workout leaves that side's last block: the next step runs
  while the question waits. A side skipped whole (no step of it worked) is not
  asked: there is nothing to judge.
- A question waits for its answer until the next exercise ends (the workout
  leaves that exercise's last step). The last exercise's questions wait until
  the session closes, so a routine that ends with a self-test can be answered.
- The first answer counts: an answered question leaves the queue, and a
  question is never asked twice in a session (going back into the block does
  not ask again). Several waiting questions are answered oldest first.
- A workout stopped early asks nothing new. The end of the workout (finished
  or stopped) counts as the end of every exercise left; ``close`` closes the
  rest unanswered.

Pure: fed the engine's events, it returns its own events, which the session
hands to the same listeners. Standard library only.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hiptimer.core.events import Event, Finished, StepEnded, StepStarted
from hiptimer.core.model import Side
from hiptimer.core.plan import Plan
from hiptimer.core.summary import EXERCISE_KINDS, status_of


@dataclass(frozen=True)
class Question:
    exercise: int
    """Index into the routine's ``exercises``."""
    exercise_name: str
    side: Side | None
    text: str


@dataclass(frozen=True)
class CheckAsked(Event):
    question: Question


@dataclass(frozen=True)
class CheckAnswered(Event):
    question: Question
    yes: bool


@dataclass(frozen=True)
class CheckClosed(Event):
    """Nobody answered in time: the answer is none."""

    question: Question


@dataclass
class _Side:
    question: Question
    steps: tuple[int, ...]
    """The plan's steps of this exercise on this side, every set."""
    closes_after: int | None
    """The last step of the next exercise; None for the last exercise (open until close)."""


class CheckRule:
    """Feed it every batch of engine events; ``answer`` and ``close`` end what it asked."""

    def __init__(self, plan: Plan) -> None:
        self._sides = _checked_sides(plan)
        self._done: dict[int, bool] = {}  # step index -> done, as it last ended
        self._ran: dict[int, float] = {}  # step index -> seconds it ran, as it last ended
        self._asked: set[Question] = set()
        self._pending: list[Question] = []
        self._stopped = False

    @property
    def pending(self) -> tuple[Question, ...]:
        """The questions waiting for an answer, oldest first."""
        return tuple(self._pending)

    def feed(self, events: Iterable[Event]) -> list[Event]:
        found: list[Event] = []
        for event in events:
            if isinstance(event, StepEnded):
                self._done[event.index] = event.done
                self._ran[event.index] = event.actual
            elif isinstance(event, StepStarted):
                found += self._crossed(event.at, past=event.index - 1)
            elif isinstance(event, Finished):
                self._stopped = not event.completed
                found += self._crossed(event.at, past=None)
        return found

    def answer(self, at: float, yes: bool) -> list[Event]:
        """The oldest waiting question answered; nothing when none waits."""
        if not self._pending:
            return []
        return [CheckAnswered(at, self._pending.pop(0), yes)]

    def close(self, at: float) -> list[Event]:
        """The session is over: every waiting question closes unanswered."""
        closed: list[Event] = [CheckClosed(at, question) for question in self._pending]
        self._pending.clear()
        return closed

    def _crossed(self, at: float, past: int | None) -> list[Event]:
        """Events for the workout having left every step up to ``past`` (None: all of them)."""
        behind = (lambda step: True) if past is None else (lambda step: step <= past)
        found: list[Event] = []
        for side in self._sides:
            question = side.question
            if question in self._pending and side.closes_after is not None and behind(
                    side.closes_after):
                self._pending.remove(question)
                found.append(CheckClosed(at, question))
        for side in self._sides:
            question = side.question
            if (question not in self._asked and not self._stopped and behind(side.steps[-1])
                    and self._worked(side.steps)):
                self._asked.add(question)
                self._pending.append(question)
                found.append(CheckAsked(at, question))
        return found


    def _worked(self, steps: Sequence[int]) -> bool:
        """At least part of these steps was worked (the summary's and the history's rule)."""
        return status_of((self._done.get(step, False) for step in steps),
                         sum(self._ran.get(step, 0.0) for step in steps)) != "skipped"


def _checked_sides(plan: Plan) -> Sequence[_Side]:
    """One entry per side of every exercise with a check, in the order they end."""
    steps_of: dict[tuple[int, Side | None], list[int]] = {}
    last_step: dict[int, int] = {}
    for index, step in enumerate(plan.steps):
        if step.exercise is None or step.kind not in EXERCISE_KINDS:
            continue
        last_step[step.exercise] = index
        if plan.routine.exercises[step.exercise].check:
            steps_of.setdefault((step.exercise, step.side), []).append(index)
    order = sorted(last_step, key=last_step.__getitem__)
    following = {exercise: order[number + 1] for number, exercise in enumerate(order[:-1])}
    sides = []
    for (exercise, side), steps in steps_of.items():
        routine_exercise = plan.routine.exercises[exercise]
        question = Question(exercise, routine_exercise.name, side, routine_exercise.check)
        after = following.get(exercise)
        sides.append(_Side(question, tuple(steps), None if after is None else last_step[after]))
    return sorted(sides, key=lambda side: side.steps[-1])
