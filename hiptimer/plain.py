"""The plain runner: a workout as one line per event on stdout, no TUI.

For screen readers, scripts and pipes. It imports no Textual, so it starts
fast. All timing comes from the engine; this loop only sleeps until the next
instant the engine says something can happen, and prints what it reports.
"""

from __future__ import annotations

import dataclasses
import select
import time
from collections.abc import Callable, Sequence
from typing import Protocol, TextIO

from hiptimer.core.engine import Engine
from hiptimer.core.events import (Countdown, Event, Finished, Halfway, Paused, RepCounted,
                                  Resumed, StepStarted)
from hiptimer.core.model import Routine
from hiptimer.core.plan import Plan, Step, build_plan
from hiptimer.core.text import printable
from hiptimer.format import clock, seconds_text, total_text

EXIT_OK, EXIT_INTERRUPTED = 0, 130


class Listener(Protocol):
    def handle(self, events: Sequence[Event]) -> None: ...


def paced(plan: Plan) -> Plan:
    """The plan with every self-paced rep timed at its estimate (nobody can press Enter)."""
    steps = tuple(dataclasses.replace(step, seconds=step.estimate) if step.self_paced else step
                  for step in plan.steps)
    return dataclasses.replace(plan, steps=steps)


def step_line(step: Step, plan: Plan) -> str:
    routine = plan.routine
    if step.kind == "prepare":
        first = routine.exercises[0].name
        return f"prepare, {seconds_text(step.estimate)}: get ready for {first}"
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
        return step_line(event.step, plan)
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


def run_plain(routine: Routine, *, out: TextIO, stdin: TextIO | None,
              listeners: Sequence[Listener] = (),
              clock_fn: Callable[[], float] = time.monotonic,
              sleep_fn: Callable[[float], None] = time.sleep,
              notices: Sequence[str] = ()) -> int:
    plan = build_plan(routine)
    interactive = stdin is not None and stdin.isatty()

    def say(line: str) -> None:
        out.write(printable(line) + "\n")
        out.flush()

    say(f"{routine.name}: {len(plan.steps)} steps, "
        f"{total_text(plan.total_seconds, plan.estimated)}")
    for notice in notices:
        say(f"note: {notice}")
    if plan.estimated and not interactive:
        plan = paced(plan)
        say("note: input is not a terminal, so self-paced reps are timed at their estimate")
    engine = Engine(plan)
    start = clock_fn()

    def emit(events: Sequence[Event]) -> None:
        for listener in listeners:
            listener.handle(events)
        for event in events:
            line = event_line(event, plan)
            if line:
                say(f"{clock(round(event.at - start))} {line}")

    try:
        emit(engine.start(start))
        while not engine.finished:
            state = engine.state(clock_fn())
            if state.waiting and interactive:
                assert stdin is not None
                if select.select([stdin], [], [], None)[0]:
                    if stdin.readline() == "":  # end of input: nobody left to count
                        emit(engine.finish_set(clock_fn()))
                    else:
                        emit(engine.count_rep(clock_fn()))
                continue
            due = engine.next_due()
            if due is not None:
                sleep_fn(max(due - clock_fn(), 0.0))
            emit(engine.advance(clock_fn()))
    except KeyboardInterrupt:
        emit(engine.stop(clock_fn()))
        return EXIT_INTERRUPTED
    return EXIT_OK
