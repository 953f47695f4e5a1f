"""One workout, whichever shell shows it: the engine, its listeners, and when to look again.

A ``WorkoutSession`` owns the engine and the workout's listeners (sound,
history, the desktop) and their lifecycle: ``begin`` as the workout starts,
``handle`` with every batch of events, ``close`` once when it is over. A shell
turns input into the session's commands, sleeps until ``next_wake`` and
renders ``state()``; it computes no timing, rounding or outcome of its own.
Nothing here touches a terminal, a file or a thread.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Protocol

from hiptimer.core.checks import CheckAsked, CheckRule, Question
from hiptimer.core.engine import Engine, EngineState, Outcome
from hiptimer.core.events import Event, Finished, StepEnded
from hiptimer.core.plan import Plan
from hiptimer.core.summary import SessionSummary, summarize

Clock = Callable[[], float]


class Listener(Protocol):
    """Something that follows a workout: told when it begins, every event, and the end."""

    def begin(self, plan: Plan) -> None: ...

    def handle(self, events: Sequence[Event]) -> None: ...

    def close(self) -> None: ...


class WorkoutSession:
    """Commands read the clock once, report what was crossed up to then, and act."""

    def __init__(self, plan: Plan, *, clock: Clock, listeners: Sequence[Listener] = (),
                 first: int = 0) -> None:
        """``first``: the step to start at, every step before it done (a resumed workout)."""
        self.plan = plan
        self._engine = Engine(plan, first=first)
        self.clock = clock
        self._listeners = tuple(listeners)
        self._seen = float("-inf")  # the latest instant the session looked at
        self._started_at: float | None = None
        self._finished: Finished | None = None
        self._closed = False
        self._worked: dict[int, float] = {}  # step index -> seconds it ran, as it last ended
        self._checks = CheckRule(plan)

    # -- what is true --------------------------------------------------------

    @property
    def started(self) -> bool:
        return self._started_at is not None

    @property
    def started_at(self) -> float | None:
        return self._started_at

    @property
    def finished(self) -> bool:
        return self._finished is not None

    @property
    def completed(self) -> bool:
        """The workout ran to its end (False while running, or when stopped early)."""
        return self._finished is not None and self._finished.completed

    @property
    def outcomes(self) -> Mapping[int, Outcome]:
        """Step index -> "done" or "skipped", for every step left behind."""
        return self._engine.outcomes

    @property
    def pending_checks(self) -> tuple[Question, ...]:
        """Self-test questions waiting for an answer, oldest first (``answer`` takes the first)."""
        return self._checks.pending

    def state(self) -> EngineState:
        """What is true at the instant last looked at (by a command or ``advance``)."""
        return self._engine.state(self._seen)

    def next_wake(self, now: float | None = None) -> float | None:
        """The earlier of the engine's next due instant and the next change of the shown seconds.

        ``now`` defaults to the instant last looked at.
        None when nothing changes on its own: paused, waiting for a self-paced
        rep, finished, or not started.
        """
        due = self._engine.next_due()
        if due is None:
            return None
        at = self._seen if now is None else max(now, self._seen)
        state = self._engine.state(at)
        if state.remaining is None or state.shown_seconds is None:
            return due
        # 4.3 s left shows 5 until 4.0 s are left, 0.3 s from now.
        return min(due, at + state.remaining - (state.shown_seconds - 1))

    def upcoming(self) -> list[Event]:
        """The events the next due instant (``next_wake``'s cue) will bring, if no command
        comes first. Nothing changes and no listener is told: a shell passes them to a
        listener that must begin ahead, as a sound does."""
        if self._closed or not self.started:
            return []
        return self._engine.upcoming()

    def foresee(self, at: float) -> EngineState:
        """What ``state()`` will say at ``at`` if no command comes first. Nothing changes
        and no listener is told: a shell whose frame takes a moment to reach the screen
        draws it that moment early."""
        at = max(at, self._seen)
        due = self._engine.next_due()
        if self._closed or due is None or at < due:
            return self._engine.state(at)
        return self._engine.rehearse(at)[0].state(at)

    def foresee_summary(self, at: float) -> SessionSummary | None:
        """The summary the workout will have if it ends by ``at``, no command coming first
        and no self-test question left waiting; None if it will not. Changes nothing."""
        if self._closed or not self.started or self.finished:
            return None
        engine, events = self._engine.rehearse(max(at, self._seen))
        finished = next((event for event in events if isinstance(event, Finished)), None)
        if finished is None or self._checks.pending or any(
                isinstance(event, CheckAsked) for event in copy.deepcopy(self._checks).feed(events)):
            return None
        worked = dict(self._worked)
        worked.update((event.index, event.actual) for event in events if isinstance(event, StepEnded))
        return self._summary_of(engine, finished, worked)

    def summary(self) -> SessionSummary:
        """The finished workout in figures; ``stop`` first if it is still running."""
        finished = self._finished
        assert finished is not None and self._started_at is not None, "summary of an unfinished session"
        return self._summary_of(self._engine, finished, self._worked)

    # -- commands ------------------------------------------------------------

    def start(self) -> list[Event]:
        if self.started or self._closed:
            return []
        return self._dispatch(self._engine.start(self._begin()))

    def advance(self) -> list[Event]:
        """Everything that became true up to now."""
        return self._run(self._engine.advance)

    def toggle_pause(self) -> list[Event]:
        return self._run(self._engine.toggle_pause)

    def pause(self) -> list[Event]:
        return self._run(self._engine.pause)

    def resume(self) -> list[Event]:
        return self._run(self._engine.resume)

    def skip_step(self) -> list[Event]:
        return self._run(self._engine.skip_step)

    def skip_exercise(self) -> list[Event]:
        return self._run(self._engine.skip_exercise)

    def finish_set(self) -> list[Event]:
        return self._run(self._engine.finish_set)

    def back(self) -> list[Event]:
        return self._run(self._engine.back)

    def extend(self) -> list[Event]:
        return self._run(self._engine.extend)

    def count_rep(self) -> list[Event]:
        return self._run(self._engine.count_rep)

    def stop(self) -> list[Event]:
        return self._run(self._engine.stop)

    def answer(self, yes: bool) -> list[Event]:
        """Answer the oldest waiting self-test question; the timer goes on regardless.

        Whatever became true up to now comes first, so a question whose window
        closed a moment ago is not answered late. After the workout finished,
        answers are still taken until ``close``.
        """
        if self._closed or not self.started:
            return []
        events = self.advance()
        return events + self._dispatch(self._checks.answer(self._look(), yes))

    def suspended(self, at: float | None = None) -> list[Event]:
        """The process was stopped (Ctrl+Z, SIGSTOP) and is running again: pause.

        The pause begins at ``at`` (when the stop is known) or else at the last
        instant the session looked, so none of the time the process spent
        stopped counts as worked, and no step that would have ended meanwhile
        ends done or skipped.
        """
        if self._closed or not self.started:
            return []
        moment = self._seen if at is None else max(at, self._seen)
        self._seen = moment
        return self._dispatch(self._engine.pause(moment))

    def close(self) -> None:
        """The workout is over for good: stopped now if it still runs (or never started),
        listeners closed once."""
        if self._closed:
            return
        if not self.started:  # closed as it opened: kept all the same, as stopped
            self._begin()
        if not self.finished:
            self.stop()
        self._dispatch(self._checks.close(self._look()))
        self._closed = True
        for listener in self._listeners:
            _guarded(listener.close)

    # -- inside --------------------------------------------------------------

    def _begin(self) -> float:
        for listener in self._listeners:
            _guarded(listener.begin, self.plan)
        self._started_at = self._look()
        return self._started_at

    def _summary_of(self, engine: Engine, finished: Finished,
                    worked: Mapping[int, float]) -> SessionSummary:
        assert self._started_at is not None
        return summarize(self.plan, engine.outcomes, completed=finished.completed,
                         time_taken=finished.at - self._started_at,
                         active=engine.state(finished.at).workout_elapsed, worked=worked)

    def _look(self) -> float:
        self._seen = max(self.clock(), self._seen)
        return self._seen

    def _run(self, command: Callable[[float], list[Event]]) -> list[Event]:
        if self._closed or not self.started:
            return []
        return self._dispatch(command(self._look()))

    def _dispatch(self, events: list[Event]) -> list[Event]:
        events = events + self._checks.feed(events)
        if events:
            for listener in self._listeners:
                _guarded(listener.handle, events)
            for event in events:
                if isinstance(event, StepEnded):
                    self._worked[event.index] = event.actual
                elif isinstance(event, Finished):
                    self._finished = event
        return events


def _guarded(call: Callable[..., None], *args: object) -> None:
    # A listener in trouble (a sound device gone, a bus that hangs up) must
    # never stop the workout; each one says what went wrong through its own notice.
    try:
        call(*args)
    except Exception:
        pass
