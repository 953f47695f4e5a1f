"""Plain-text descriptions of routines and exercises for the screens (times: hiptimer.format)."""

from __future__ import annotations

from hiptimer.core.model import Exercise, Routine
from hiptimer.format import seconds_text


def shape_text(exercise: Exercise) -> str:
    """What one block of the exercise asks for: ``10 reps x 5 s hold``, ``hold 60 s``, ``30 s``."""
    if exercise.duration is not None:
        return f"{seconds_text(exercise.duration)} non-stop"
    if exercise.reps is not None:
        text = f"{exercise.reps} reps"
        if exercise.hold:
            text += f" x {seconds_text(exercise.hold)} hold"
        if exercise.self_paced:
            text += ", your pace"
        return text
    assert exercise.hold is not None
    return f"hold {seconds_text(exercise.hold)}"


def sides_text(exercise: Exercise) -> str:
    if exercise.sides == "each":
        return f"each side, {exercise.first} first"
    if exercise.sides == "alternate":
        return f"alternating, {exercise.first} first"
    return ""


def sets_text(exercise: Exercise) -> str:
    return f"{exercise.sets} sets" if exercise.sets > 1 else "1 set"


def equipment_text(routine: Routine) -> str:
    equipment = routine.all_equipment()
    return ", ".join(equipment) if equipment else "none"


def matches(query: str, *fields: str) -> bool:
    """True when every word of ``query`` appears in one of ``fields`` (case-insensitive)."""
    haystack = " ".join(fields).casefold()
    return all(word in haystack for word in query.casefold().split())
