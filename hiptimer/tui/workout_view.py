"""What the workout screen shows, computed from the engine's state alone.

Pure: no widgets, no clock. The screen applies a ``WorkoutView`` to its
widgets, so every figure on screen comes from one ``EngineState``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hiptimer.core.engine import EngineState
from hiptimer.core.model import Exercise
from hiptimer.core.plan import Plan, Step
from hiptimer.core.text import printable
from hiptimer.format import clock, seconds_text, total_text
from hiptimer.tui.formatting import shape_text

PHASE_NAMES = {
    "prepare": "GET READY",
    "work": "WORK",
    "hold": "HOLD",
    "rep": "REPS",
    "switch": "SWITCH SIDES",
    "set_rest": "REST",
    "rest": "REST",
}
PHASE_CLASSES = {
    "prepare": "-prepare",
    "work": "-work",
    "hold": "-work",
    "rep": "-work",
    "switch": "-switch",
    "set_rest": "-rest",
    "rest": "-rest",
}
REP_KEYS_HINT = "Press space, r or Enter after each rep"


@dataclass(frozen=True)
class WorkoutView:
    phase: str
    phase_class: str
    """One of ``-prepare``, ``-work``, ``-rest``, ``-switch``, ``-done``."""
    digits: str
    """The big number: seconds left (``m:ss`` from a minute); in a rep step, the rep's number."""
    beat: str
    """Under the number in a paced rep: ``of 10`` and the rep's tempo, one block a second."""
    side: str
    """``LEFT``, ``RIGHT`` or empty."""
    exercise: str
    counters: str
    instruction: str
    how: str
    next: str
    time_left: str
    fraction: float
    paused: bool
    waiting: bool
    final_seconds: bool
    """The countdown pips are due (the engine's rule): the screen turns to a strong colour."""
    flash: bool
    """Alternates every second of the final seconds, so the change shows from afar."""
    title: str
    """The terminal window's title: ``0:42 HOLD · LEFT · Hamstring stretch``."""


def build_view(plan: Plan, state: EngineState) -> WorkoutView:
    step = state.step
    if step is None:
        return _finished_view(plan, state)
    exercise = _exercise_for(plan, state, step)
    final = state.final_seconds
    digits = _digits(state)
    title = _title(step, exercise)
    return WorkoutView(
        phase=_phase(step, state.paused),
        phase_class=PHASE_CLASSES[step.kind],
        digits=digits,
        beat=_beat(state, step),
        side=(step.side or "").upper(),
        exercise=title,
        counters=_counters(plan, state, step),
        instruction=_instruction(state, step, plan.routine.caution),
        how=_how(exercise),
        next=_next(plan, state, step),
        time_left=total_text(state.time_left, plan.estimated) + " left",
        fraction=min(1.0, max(0.0, state.fraction_done)),
        paused=state.paused,
        waiting=state.waiting,
        final_seconds=final,
        flash=final and (state.shown_seconds or 0) % 2 == 1,
        title=_window_title(state, step, title),
    )


def _phase(step: Step, paused: bool) -> str:
    """``HOLD · LEFT``: the side in plain words too, for screen readers and scripts."""
    text = ("PAUSED · " if paused else "") + PHASE_NAMES[step.kind]
    if step.side and step.kind != "set_rest":
        text += (" → " if step.kind == "switch" else " · ") + step.side.upper()
    return text


def _finished_view(plan: Plan, state: EngineState) -> WorkoutView:
    return WorkoutView(
        phase="DONE", phase_class="-done", digits="0", beat="", side="", exercise=plan.routine.name,
        counters="", instruction="", how="", next="", time_left="0:00 left", fraction=1.0,
        paused=False, waiting=False, final_seconds=False, flash=False,
        title=f"DONE · {plan.routine.name}",
    )


def _exercise_for(plan: Plan, state: EngineState, step: Step) -> Exercise | None:
    """The exercise being done, or during a prepare or rest step the one coming next."""
    index = step.exercise if step.exercise is not None else state.next_exercise
    if index is None or not 0 <= index < len(plan.routine.exercises):
        return None
    return plan.routine.exercises[index]


def _digits(state: EngineState) -> str:
    if state.rep is not None and (state.step is None or state.step.kind == "rep"):
        return str(state.rep[0])  # the count a person wants to know, not the rep's 3 seconds
    if state.shown_seconds is None:
        return "0"
    whole = state.shown_seconds
    return clock(whole) if whole >= 60 else str(whole)


def _beat(state: EngineState, step: Step) -> str:
    """``of 10  ██░``: one block per second of a paced rep, filled as the rep goes."""
    if step.kind != "rep" or state.rep is None:
        return ""
    total = f"of {state.rep[1]}"
    if step.seconds is None or state.shown_seconds is None:
        return total
    beats = max(1, math.ceil(step.seconds))
    filled = min(beats, max(0, beats - state.shown_seconds + 1))
    return f"{total}  {'█' * filled}{'░' * (beats - filled)}"


def _window_title(state: EngineState, step: Step, exercise: str) -> str:
    """Like termdown's: what a glance at the taskbar needs, most urgent first."""
    if step.kind == "rep" and state.rep is not None:
        lead = f"{state.rep[0]}/{state.rep[1]}"
    else:
        lead = clock(state.shown_seconds or 0)
    parts = [f"{lead} {PHASE_NAMES[step.kind]}"]
    if step.side and step.kind != "set_rest":
        parts.append(step.side.upper())
    if exercise:
        parts.append(exercise)
    return ("PAUSED · " if state.paused else "") + " · ".join(parts)


def _title(step: Step, exercise: Exercise | None) -> str:
    if step.kind in ("prepare", "rest"):
        return f"Next up: {exercise.name}" if exercise else ""
    if step.kind == "switch":
        return f"{step.exercise_name}: change to the {step.side} side"
    return step.exercise_name or ""


def _counters(plan: Plan, state: EngineState, step: Step) -> str:
    parts = []
    if step.exercise is not None:
        parts.append(f"Exercise {step.exercise + 1}/{len(plan.routine.exercises)}")
    if state.set is not None and state.set[1] > 1:
        parts.append(f"Set {state.set[0]}/{state.set[1]}")
    if state.rep is not None and step.kind == "rep":
        parts.append(f"Rep {state.rep[0]}/{state.rep[1]}")
    routine = plan.routine
    if routine.level != "standard" or len(routine.levels) > 1:  # a routine with levels says which
        parts.append(f"{routine.level.capitalize()} level")
    return "   ".join(parts)


def _instruction(state: EngineState, step: Step, caution: str = "") -> str:
    if state.paused:
        return "Paused: press space to go on"
    if state.waiting:
        return REP_KEYS_HINT
    if step.kind == "switch":
        return f"Switch to your {step.side} side"
    if step.kind == "prepare" and caution:
        return f"Caution: {printable(caution)}"
    if step.kind == "set_rest" and state.set is not None:
        return f"Rest, then set {min(state.set[0] + 1, state.set[1])} of {state.set[1]}"
    return ""


def _how(exercise: Exercise | None) -> str:
    if exercise is None:
        return ""
    lines = [f"{number}. {text}" for number, text in enumerate(exercise.how, start=1)]
    if exercise.tip:
        lines.append(f"Tip: {exercise.tip}")
    return "\n".join(lines)


def _next(plan: Plan, state: EngineState, step: Step) -> str:
    if step.kind in ("prepare", "rest") and state.next_exercise is not None:
        return "Next: " + _exercise_intro(plan.routine.exercises[state.next_exercise])
    following = state.next_step
    if following is None:
        return "Next: the finish"
    if following.kind == "rest":
        return f"Next: rest {seconds_text(following.estimate)}"
    if following.kind == "set_rest":
        return f"Next: rest {seconds_text(following.estimate)} before the next set"
    if following.kind == "switch":
        return f"Next: switch to the {following.side} side"
    if following.exercise is not None and following.exercise != step.exercise:
        return "Next: " + _exercise_intro(plan.routine.exercises[following.exercise])
    if following.kind == "rep" and following.rep is not None:
        side = f" ({following.side})" if following.side else ""
        return f"Next: rep {following.rep}/{following.reps}{side}"
    if following.side:
        return f"Next: {following.side} side"
    if following.set is not None:
        return f"Next: set {following.set}"
    return f"Next: {PHASE_NAMES[following.kind].lower()}"


def _exercise_intro(exercise: Exercise) -> str:
    text = f"{exercise.name}, {shape_text(exercise)}"
    if exercise.sides != "none":
        text += f", {exercise.first.upper()} side first"
    return text
