"""The workout engine: walks a plan against a clock it is given.

Pure and standard library only. The engine never reads a clock itself: every
call takes ``now`` (seconds, any monotonic origin) and returns the events that
became true up to ``now``, in order, each stamped with the instant it belongs
to. Deadlines are absolute (a step ends at the instant the previous one ended
plus its planned seconds, plus pauses and extensions), so nothing drifts.

Order of events at one instant: ``StepEnded`` of the step left, ``StepStarted``
of the next (then ``SideSwitched`` for a switch step), then the rest (the left
step's ``RepCounted``, the command's own event such as ``Skipped``, pips due at
the new step's start); ``Finished`` always comes last.

Commands first report what was crossed up to ``now``, then act at ``now``.
They work while paused (the engine stays paused, the new step frozen at full
length) and are no-ops returning ``[]`` once finished and, but for ``stop``,
before ``start``. A ``now`` earlier than one already seen counts as that later
instant, so event instants never go backwards.

Accounting: every step ends up in ``outcomes`` exactly once, "done" or
"skipped". Steps jumped over by a skip never start and get no events of their
own: ``Skipped(index, to)`` covers them. ``back`` ends nothing: the step left
simply starts again later, and the step gone back to loses its outcome until
it ends again.
"""

from __future__ import annotations

import copy
from types import MappingProxyType
from typing import Callable, Literal, Mapping

from hiptimer.core.events import (
    Event, Extended, Finished, Paused, RepCounted, Resumed, SideSwitched, Skipped, StepEnded,
    StepStarted, WentBack,
)
from hiptimer.core.plan import Plan, Step
from hiptimer.core.plan_map import PlanMap
from hiptimer.core.state import EngineState, shown_seconds
from hiptimer.core.step_clock import HALFWAY_MIN_SECONDS, StepClock

__all__ = ["BACK_GRACE_SECONDS", "HALFWAY_MIN_SECONDS", "Engine", "EngineState", "Outcome",
           "shown_seconds"]

BACK_GRACE_SECONDS = 2.0
"""``back`` within this many seconds of a step's start goes to the previous step."""

Outcome = Literal["done", "skipped"]


class Engine:
    """Commands return the events they cause, after the ones crossed up to ``now``."""

    def __init__(self, plan: Plan, *, first: int = 0,
                 earlier: Mapping[int, Outcome] | None = None) -> None:
        """``first``: the step to start at (a resumed workout), the steps before it
        already ended with ``earlier`` outcomes (default: all done)."""
        self._plan = plan
        self._steps = plan.steps
        self._map = PlanMap(plan)
        self._countdown = plan.routine.timing.countdown
        self._started = self._finished = self._paused = False
        self._now = float("-inf")  # the latest instant seen
        self._start_at = self._end_at = 0.0
        self._paused_before = 0.0  # pause time in the steps already left
        self._first = first = min(max(first, 0), len(self._steps))
        self._outcomes: dict[int, Outcome] = {
            index: (earlier or {}).get(index, "done") for index in range(first)}
        self._clock = StepClock(self._steps[first], first, 0.0) if first < len(self._steps) else None

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def started(self) -> bool:
        return self._started

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def index(self) -> int:
        """The current step (len(plan.steps) once finished)."""
        return len(self._steps) if self._finished or self._clock is None else self._clock.index

    @property
    def outcomes(self) -> Mapping[int, Outcome]:
        """Step index -> "done" or "skipped" for every step left behind."""
        return MappingProxyType(self._outcomes)

    def state(self, now: float) -> EngineState:
        """What is true at ``now``; changes nothing (a late ``now`` is clamped at the deadline)."""
        now = max(now, self._now)
        workout = self._workout_elapsed(now) if self._started else 0.0
        clock = self._clock
        if self._finished or clock is None:
            return EngineState(self.index, None, 0.0, 0.0, False, self._finished, False, None,
                               None, None, None, 0.0, 1.0 if self._finished else 0.0, workout)
        step, index, length = clock.step, clock.index, clock.length
        elapsed = clock.elapsed(now) if self._started else 0.0
        shown = None
        if length is None:
            remaining = None  # a self-paced rep: its estimate stands in for time left
            left_here = max(step.estimate - elapsed, 0.0)
            progress = min(elapsed, step.estimate)
        else:
            elapsed = min(elapsed, length)
            remaining = left_here = length - elapsed
            shown = shown_seconds(remaining)
            progress = step.estimate * elapsed / length if length > 0 else step.estimate
        total, after = self._map.total, self._map.estimated_after(index)
        done_time = total - after - step.estimate + progress
        return EngineState(
            index=index, step=step, remaining=remaining, elapsed=elapsed, paused=self._paused,
            finished=False, waiting=length is None,
            rep=(step.rep, step.reps) if step.rep is not None and step.reps is not None else None,
            set=self._map.sets(step),
            next_step=self._steps[index + 1] if index + 1 < len(self._steps) else None,
            next_exercise=self._map.next_exercise(index),
            time_left=left_here + after,
            fraction_done=min(max(done_time / total, 0.0), 1.0) if total > 0 else 0.0,
            workout_elapsed=workout, shown_seconds=shown,
            final_seconds=self._started and clock.in_final_seconds(self._countdown, now),
        )

    # -- the clock -----------------------------------------------------------

    def start(self, now: float) -> list[Event]:
        if self._started:
            return []
        self._started = True
        self._now = self._start_at = now
        if self._first >= len(self._steps):
            return [self._finish(now, completed=True)]
        return self._begin(self._first, now) + self.advance(now)

    def advance(self, now: float) -> list[Event]:
        """Everything that became true up to ``now`` (may cross several steps)."""
        if not self._running():
            return []
        self._now = now = max(now, self._now)
        events: list[Event] = []
        while self._clock is not None and not self._finished and not self._paused:
            clock = self._clock
            if clock.length is None:
                break  # a self-paced rep waits for the user
            deadline = clock.origin + clock.length
            events += clock.due_cues(self._countdown, min(now, deadline))
            if now < deadline:
                break
            events += self._leave(deadline, done=True)
        return _finished_last(events)

    def next_due(self) -> float | None:
        """The instant ``advance`` next has something to report (a cue or a deadline).

        None when nothing will happen on its own: not started, paused, waiting
        for a self-paced rep, or finished. Shells sleep until then.
        """
        if not self._running() or self._paused:
            return None
        return self._current().next_instant(self._countdown)

    def upcoming(self) -> list[Event]:
        """What ``advance(next_due())`` will report, if no command comes first; changes nothing.

        A listener that needs a head start (a sound that takes a moment to
        reach the speaker) can begin before the instant itself.
        """
        due = self.next_due()
        return [] if due is None else self.rehearse(due)[1]

    def rehearse(self, now: float) -> tuple[Engine, list[Event]]:
        """A copy of this engine advanced to ``now``, and the events it reported: what
        will be true then if no command comes first. This engine is unchanged."""
        ahead = copy.copy(self)  # the plan is shared; what advancing changes is copied
        ahead._outcomes = dict(self._outcomes)
        ahead._clock = copy.copy(self._clock)
        return ahead, ahead.advance(now)

    # -- commands ------------------------------------------------------------

    def pause(self, now: float) -> list[Event]:
        events = self.advance(now)
        if not self._running() or self._paused:
            return events
        self._paused = True
        self._current().pause(self._now)
        return events + [Paused(self._now)]

    def resume(self, now: float) -> list[Event]:
        events = self.advance(now)
        if not self._running() or not self._paused:
            return events
        self._paused = False
        self._current().resume(self._now)
        return events + [Resumed(self._now)] + self.advance(now)

    def toggle_pause(self, now: float) -> list[Event]:
        return self.resume(now) if self._paused else self.pause(now)

    def skip_step(self, now: float) -> list[Event]:
        return self._skip_to(now, lambda index: index + 1)

    def skip_exercise(self, now: float) -> list[Event]:
        """Skip the rest of the current exercise (its switch and set rests too).

        From an exercise, lands on the step after it (the rest between
        exercises, if any, so the user still gets it); from a prepare or rest
        step, lands on the first step of the next exercise.
        """
        return self._skip_to(now, self._map.end_of_exercise)

    def finish_set(self, now: float) -> list[Event]:
        """Self-paced: this block of reps is done; the reps not counted are skipped."""
        return self._skip_to(now, self._map.end_of_block, self_paced_only=True)

    def back(self, now: float) -> list[Event]:
        """Restart the current step; early in a step, go to the previous one instead."""
        events = self.advance(now)
        if not self._running():
            return events
        clock = self._current()
        index = target = clock.index
        if clock.elapsed(self._now) < BACK_GRACE_SECONDS and index > 0:
            target = index - 1
            del self._outcomes[target]  # it will end again, once, with its new outcome
        self._paused_before += clock.paused_total(self._now)
        events += self._begin(target, self._now)
        events.append(WentBack(self._now, index, target))
        return events + self.advance(now)

    def extend(self, now: float, seconds: float = 10.0) -> list[Event]:
        events = self.advance(now)
        if not self._running() or seconds <= 0 or self._current().length is None:
            return events
        self._current().extended += seconds
        return events + [Extended(self._now, self._current().index, seconds)]

    def count_rep(self, now: float) -> list[Event]:
        """Self-paced: the current rep is done, the next starts; a no-op on timed steps."""
        events = self.advance(now)
        if not self._running() or self._current().length is not None:
            return events
        events += self._leave(self._now, done=True)
        return _finished_last(events + self.advance(now))

    def stop(self, now: float) -> list[Event]:
        """End the workout now: the current step and all after it are skipped."""
        events = self.advance(now)
        if self._finished:
            return events
        if not self._started:  # stopped before it began: nothing ran
            self._started, self._now, self._start_at = True, now, now
        elif self._clock is not None:
            clock = self._clock
            events.append(StepEnded(self._now, clock.index, clock.step, False,
                                    clock.elapsed(self._now), 0 if clock.length is None else None))
            self._paused_before += clock.paused_total(self._now)
        for index in range(self.index, len(self._steps)):
            self._outcomes[index] = "skipped"
        return events + [self._finish(self._now, completed=False)]

    # -- transitions ---------------------------------------------------------

    def _running(self) -> bool:
        return self._started and not self._finished

    def _current(self) -> StepClock:
        assert self._clock is not None, "a running engine always has a current step"
        return self._clock

    def _skip_to(self, now: float, target_of: Callable[[int], int],
                 self_paced_only: bool = False) -> list[Event]:
        events = self.advance(now)
        if not self._running() or (self_paced_only and self._current().length is not None):
            return events
        index = self._current().index
        target = target_of(index)
        events += self._leave(self._now, done=False, to=target)
        events.append(Skipped(self._now, index, target))
        return _finished_last(events + self.advance(now))

    def _leave(self, at: float, done: bool, to: int | None = None) -> list[Event]:
        """End the current step at ``at`` and begin step ``to`` (default: the next)."""
        clock = self._current()
        index, step, length = clock.index, clock.step, clock.length
        target = index + 1 if to is None else to
        actual = length if done and length is not None else clock.elapsed(at)
        reps = None if length is not None else (1 if done else 0)
        events: list[Event] = [StepEnded(at, index, step, done, actual, reps)]
        self._outcomes[index] = "done" if done else "skipped"
        for skipped in range(index + 1, target):  # never started: no events of their own
            self._outcomes[skipped] = "skipped"
        self._paused_before += clock.paused_total(at)
        finish = None
        if target < len(self._steps):
            events += self._begin(target, at)
        else:
            finish = self._finish(at, completed=True)
        if done and step.kind == "rep" and step.rep is not None and step.reps is not None:
            events.append(RepCounted(at, index, step.rep, step.reps, step.side))
        return events + ([finish] if finish else [])

    def _begin(self, index: int, at: float) -> list[Event]:
        step = self._steps[index]
        # A step begun while paused waits, frozen at full length, for resume.
        self._clock = StepClock(step, index, at, paused_at=at if self._paused else None)
        events: list[Event] = [StepStarted(at, index, step)]
        if step.kind == "switch" and step.side is not None:
            events.append(SideSwitched(at, index, step.side))
        return events

    def _finish(self, at: float, completed: bool) -> Finished:
        self._finished, self._paused, self._end_at = True, False, at
        done = sum(1 for outcome in self._outcomes.values() if outcome == "done")
        return Finished(at, completed, done, len(self._outcomes) - done)

    def _workout_elapsed(self, now: float) -> float:
        """Seconds of workout since start, pauses excluded."""
        if self._finished:
            return self._end_at - self._start_at - self._paused_before
        paused_here = self._clock.paused_total(now) if self._clock is not None else 0.0
        return now - self._start_at - self._paused_before - paused_here


def _finished_last(events: list[Event]) -> list[Event]:
    return sorted(events, key=lambda event: isinstance(event, Finished))
