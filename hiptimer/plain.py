"""The plain runner: a workout as one line per event on stdout, no TUI.

For screen readers, scripts and pipes. It imports no Textual, so it starts
fast. It drives a ``WorkoutSession`` like the TUI does: sleeps until the
session's next wake, turns input lines into commands and prints the events.
"""

from __future__ import annotations

import dataclasses
import select
import time
from collections.abc import Callable, Sequence
from typing import Protocol, TextIO

from hiptimer.core.events import (Countdown, Event, Finished, Halfway, Paused, RepCounted,
                                  Resumed, StepStarted)
from hiptimer.core.plan import Plan
from hiptimer.core.text import printable
from hiptimer.format import clock, routine_title, seconds_text, total_text
from hiptimer.interruptions import EXIT_INTERRUPTED, EXIT_OK, Interrupted, Signals
from hiptimer.plain_checks import ANSWER_HINT, ANSWERS, check_line
from hiptimer.session import Listener, WorkoutSession

RESUME_HINT = "paused: press Enter to go on"


class OutputFailed(Exception):
    """Standard output cannot be written any more (a full disk, a closed pipe)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


def paced(plan: Plan) -> Plan:
    """The plan with every self-paced rep timed at its estimate (nobody can press Enter)."""
    steps = tuple(dataclasses.replace(step, seconds=step.estimate) if step.self_paced else step
                  for step in plan.steps)
    return dataclasses.replace(plan, steps=steps)


def step_line(index: int, plan: Plan) -> str:
    routine, step = plan.routine, plan.steps[index]
    if step.kind == "prepare":
        coming = coming_exercise(plan, index)
        name = routine.exercises[coming].name if coming is not None else routine.name
        return f"prepare, {seconds_text(step.estimate)}: get ready for {name}"
    if step.kind == "rest":
        return f"rest, {seconds_text(step.estimate)}"
    if step.kind == "switch":
        return f"switch sides to {step.side}, {seconds_text(step.estimate)}"
    if step.kind == "set_rest":
        return f"rest between sets, {seconds_text(step.estimate)}: {step.exercise_name}"
    assert step.exercise is not None
    exercise = routine.exercises[step.exercise]
    parts = [step.kind, step.exercise_name or ""]
    if step.side:
        parts.append(f"{step.side} side")
    if step.rep is not None:
        parts.append(f"rep {step.rep} of {step.reps}")
    if exercise.sets > 1:
        parts.append(f"set {step.set} of {exercise.sets}")
    parts.append("self-paced, press Enter" if step.self_paced else seconds_text(step.estimate))
    return ", ".join(parts)


def event_line(event: Event, plan: Plan) -> str | None:
    if isinstance(event, StepStarted):
        return step_line(event.index, plan)
    if isinstance(event, Countdown):
        return f"countdown {event.remaining}"
    if isinstance(event, Halfway):
        return "halfway"
    if isinstance(event, RepCounted) and plan.steps[event.index].self_paced:
        return f"counted rep {event.rep} of {event.of}"
    if isinstance(event, Paused):
        return "paused"
    if isinstance(event, Resumed):
        return "resumed"
    if isinstance(event, Finished):
        verb = "finished" if event.completed else "stopped"
        return f"{verb}: {event.done} steps done, {event.skipped} skipped"
    return None


def coming_exercise(plan: Plan, index: int) -> int | None:
    """The exercise a step starts or gets the person ready for (a prepare or rest: the next)."""
    step = plan.steps[index]
    if step.exercise is not None or step.kind not in ("prepare", "rest"):
        return step.exercise
    following = plan.steps[index + 1] if index + 1 < len(plan.steps) else None
    return following.exercise if following is not None else None


def guidance_lines(plan: Plan, exercise_index: int) -> list[str]:
    """What the screen shows beside the timer, for a screen reader: the how-to steps and the tip."""
    exercise = plan.routine.exercises[exercise_index]
    lines = [f"how: {step}" for step in exercise.how]
    if exercise.tip:
        lines.append(f"tip: {exercise.tip}")
    return lines


class LineSource(Protocol):
    """Where the person's lines come from (a terminal; a script on a fake clock in tests)."""

    def wait_line(self, timeout: float | None) -> str | None:
        """The next line ("" once input ended), or None when none came within ``timeout``."""


class TerminalLines:
    """Lines typed at a terminal, waited for with ``select`` so the timer never waits on them."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def wait_line(self, timeout: float | None) -> str | None:
        if not select.select([self._stream], [], [], timeout)[0]:
            return None
        return self._stream.readline()


class PlainRunner:
    """One workout on a stream of lines; input lines count reps, resume a pause and answer
    self-test questions."""

    def __init__(self, session: WorkoutSession, *, out: TextIO, lines: LineSource | None,
                 sleep_fn: Callable[[float], None]) -> None:
        """``lines``: None when nobody can type (input is not a terminal)."""
        self.session = session
        self.plan = session.plan
        self._out = out
        self._lines = lines
        self._interactive = lines is not None
        self._sleep = sleep_fn
        self._guided: set[int] = set()

    def say(self, line: str) -> None:
        try:
            self._out.write(printable(line) + "\n")
            self._out.flush()
        except (OSError, ValueError) as error:  # ValueError: the stream was closed
            raise OutputFailed(error if isinstance(error, OSError) else OSError(str(error)))

    def run(self, signals: Signals) -> int:
        """The whole workout; the exit status (0 finished, 130 stopped, 129/143 by a signal)."""
        try:
            self._emit(self.session.start())
            while not self.session.finished:
                self._step(signals)
        except KeyboardInterrupt:
            self._stop_quietly()
            return EXIT_INTERRUPTED
        except Interrupted as interrupted:
            self._stop_quietly()
            return interrupted.status
        except OutputFailed:
            self.session.stop()  # nobody reads the lines; the history keeps the session
            raise
        if self.session.completed:
            self._last_answers()
        return EXIT_OK if self.session.completed else EXIT_INTERRUPTED

    def _last_answers(self) -> None:
        """The workout is over: the last exercise's questions wait for the person, who
        answers, presses Enter to leave them, or Ctrl+C (the workout stays finished)."""
        if not (self._interactive and self.session.pending_checks):
            return
        self.say(ANSWER_HINT)
        try:
            while self._interactive and self.session.pending_checks:
                if not self._read_line(None):
                    return
        except KeyboardInterrupt:
            pass

    def _step(self, signals: Signals) -> None:
        self._wait()
        # Checked after the wait, before advancing: a stop (Ctrl+Z, SIGSTOP) during
        # the wait must not count as time worked.
        stopped_at = signals.take_suspension()
        if stopped_at is None:
            self._emit(self.session.advance())
            return
        self._emit(self.session.suspended(stopped_at))
        if self._interactive:
            self.say(RESUME_HINT)
        else:
            self._emit(self.session.resume())  # nobody could press Enter to go on

    def _wait(self) -> None:
        """Until the session's next wake, or a line from the person when one is awaited."""
        state = self.session.state()
        wake = self.session.next_wake()
        if self._interactive and (state.waiting or state.paused or self.session.pending_checks):
            self._read_line(None if wake is None else max(wake - self._now(), 0.0))
        elif wake is None:
            # Paused or waiting with nobody at a terminal (the input ended): go on, never hang.
            self._emit(self.session.resume() if state.paused else self.session.finish_set())
        else:
            self._sleep(max(wake - self._now(), 0.0))

    def _read_line(self, timeout: float | None) -> bool:
        """A line from the person, acted on; False when there was none or it was empty."""
        assert self._lines is not None
        line = self._lines.wait_line(timeout)
        if line is None:
            return False
        state = self.session.state()
        answer = ANSWERS.get(line.strip().lower())
        if line == "":  # end of input: nobody is left to count, go on or answer
            self._interactive = False
            if not self.session.finished:
                self._emit(self.session.resume() if state.paused else self.session.finish_set())
        elif answer is not None and self.session.pending_checks:
            self._emit(self.session.answer(answer))
        elif state.paused:
            self._emit(self.session.resume())
        elif state.waiting:
            self._emit(self.session.count_rep())
        return bool(line.strip())

    def _now(self) -> float:
        return self.session.clock()

    def _elapsed(self, at: float) -> str:
        return clock(round(at - (self.session.started_at or at)))

    def _stop_quietly(self) -> None:
        try:
            self._emit(self.session.stop())
        except OutputFailed:
            pass  # the terminal is gone (a hang-up): the history has the session all the same

    def _emit(self, events: Sequence[Event]) -> None:
        for event in events:
            line = event_line(event, self.plan) or check_line(event, self._interactive)
            if line:
                self.say(f"{self._elapsed(event.at)} {line}")
            if isinstance(event, StepStarted):
                self._guide(event.index)

    def _guide(self, index: int) -> None:
        exercise = coming_exercise(self.plan, index)
        if exercise is not None and exercise not in self._guided:
            self._guided.add(exercise)
            for line in guidance_lines(self.plan, exercise):
                self.say(line)


def run_plain(plan: Plan, *, out: TextIO, stdin: TextIO | None,
              listeners: Sequence[Listener] = (),
              clock_fn: Callable[[], float] = time.monotonic,
              sleep_fn: Callable[[float], None] = time.sleep,
              notices: Sequence[str] = (), first: int = 0,
              lines: LineSource | None = None) -> int:
    """Run ``plan`` (from step ``first``: a resumed workout) as lines on ``out``.

    The person's lines come from ``lines``, or else from ``stdin`` when it is a terminal.
    Raises OutputFailed when ``out`` cannot be written.
    """
    routine = plan.routine
    if lines is None and stdin is not None and stdin.isatty():
        lines = TerminalLines(stdin)
    interactive = lines is not None
    # The caution first: a person must see it before anything starts.
    header = [f"caution: {routine.caution}"] if routine.caution else []
    header.append(f"{routine_title(routine)}: {len(plan.steps)} steps, "
                  f"{total_text(plan.total_seconds, plan.estimated)}")
    header += [f"note: {notice}" for notice in notices]
    if plan.estimated and not interactive:
        plan = paced(plan)
        header.append("note: input is not a terminal, so self-paced reps are timed at their estimate")
    if not interactive and any(exercise.check for exercise in routine.exercises):
        header.append("note: input is not a terminal, so self-test questions are left unanswered")
    session = WorkoutSession(plan, clock=clock_fn, listeners=listeners, first=first)
    runner = PlainRunner(session, out=out, lines=lines, sleep_fn=sleep_fn)
    with Signals(clock_fn) as signals:
        try:
            for line in header:
                runner.say(line)
            return runner.run(signals)
        finally:
            session.close()
