"""Which cue an engine event sounds: a pure mapping, no audio here (see docs/sounds.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hiptimer.core.events import Countdown, Event, Finished, Halfway, SideSwitched, StepStarted
# Every cue, one WAV file each in sounds/ (``go`` -> ``go.wav``); named once, in the core.
from hiptimer.core.model import CUE_NAMES as CUE_NAMES
from hiptimer.core.plan import Plan, Step

PRIORITY = {"pip": 0, "tick": 1, "halfway": 2, "rest": 3, "go": 4, "switch": 5, "finish": 6}
"""When one batch of events holds several cues, the highest wins (then the latest)."""

SWITCH_PHRASE = "switch sides"
REST_PHRASE = "rest"
HALFWAY_PHRASE = "halfway"
FINISH_PHRASE = "done"
SIDE_PHRASES = {"left": "left side", "right": "right side"}


@dataclass(frozen=True)
class Cue:
    sound: str
    """One of CUE_NAMES."""
    phrases: tuple[str, ...] = ()
    """Spoken after the sound when voice is on, in order."""


def cue_for(event: Event, plan: Plan | None = None) -> Cue | None:
    """The cue ``event`` sounds, or None for a silent event.

    Without ``plan`` the mapping is a little coarser: no exercise name is
    spoken, and in an alternating exercise the first rep on each side sounds ``go``.
    """
    if isinstance(event, StepStarted):
        return _step_cue(event.index, event.step, plan)
    if isinstance(event, SideSwitched):
        return Cue("switch", (SWITCH_PHRASE,))
    if isinstance(event, Countdown):
        return Cue("pip")  # the engine sounds none in a rep, which has its own tick
    if isinstance(event, Halfway):
        return Cue("halfway", (HALFWAY_PHRASE,))
    if isinstance(event, Finished):
        return Cue("finish", (FINISH_PHRASE,)) if event.completed else None
    # Paused, Resumed, Skipped, WentBack, Extended, RepCounted, StepEnded: the
    # step they lead to sounds through its own StepStarted.
    return None


def pick_cue(events: Iterable[Event], plan: Plan | None = None) -> Cue | None:
    """The one cue to play for a batch of events: the most important, the latest among equals.

    A late tick can cross several moments at once; playing them all would be a
    burst of noise, so only the one that matters now is played.
    """
    chosen: Cue | None = None
    for event in events:
        cue = cue_for(event, plan)
        if cue is not None and (chosen is None or PRIORITY[cue.sound] >= PRIORITY[chosen.sound]):
            chosen = cue
    return chosen


def plan_phrases(plan: Plan) -> list[str]:
    """Every phrase a spoken run of ``plan`` can need, each once, in order of first use."""
    phrases: dict[str, None] = {}
    for index, step in enumerate(plan.steps):
        cue = _step_cue(index, step, plan)
        if cue is not None:
            phrases.update(dict.fromkeys(cue.phrases))
    for fixed in (SWITCH_PHRASE, REST_PHRASE, HALFWAY_PHRASE, FINISH_PHRASE):
        phrases.setdefault(fixed)
    return list(phrases)


def _step(plan: Plan | None, index: int) -> Step | None:
    if plan is None or not 0 <= index < len(plan.steps):
        return None
    return plan.steps[index]


def _step_cue(index: int, step: Step, plan: Plan | None) -> Cue | None:
    if step.kind == "prepare":
        return None  # the countdown pips that end it say enough
    if step.kind in ("rest", "set_rest"):
        return Cue("rest", (REST_PHRASE,))
    if step.kind == "switch":
        return Cue("switch", (SWITCH_PHRASE,))
    previous = _step(plan, index - 1) if plan is not None else None
    if step.kind == "rep" and not _starts_block(step, previous, plan):
        return Cue("tick")
    return Cue("go", _go_phrases(step, previous, plan))


def _starts_block(step: Step, previous: Step | None, plan: Plan | None) -> bool:
    """True for the first rep of a block: after a switch, a rest, another set or exercise.

    A zero-second switch or set rest leaves no step between two blocks; the
    rep numbers starting over still tell (an alternating exercise counts per
    side, so there the side flips but the rep number does not restart).
    """
    if plan is None:
        return step.rep == 1
    return (previous is None or previous.kind != "rep" or previous.exercise != step.exercise
            or previous.set != step.set or (step.rep == 1 and previous.rep == previous.reps))


def _go_phrases(step: Step, previous: Step | None, plan: Plan | None) -> tuple[str, ...]:
    side = (SIDE_PHRASES[step.side],) if step.side in SIDE_PHRASES else ()
    starts_exercise = plan is not None and (previous is None or previous.exercise != step.exercise)
    if starts_exercise and step.exercise_name:
        return (step.exercise_name, *side)
    return side

