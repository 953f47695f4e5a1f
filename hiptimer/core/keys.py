"""Which keys a routine file may use where, and the message for any other key.

Standard library only.
"""

from __future__ import annotations


from hiptimer.core.model import CUE_NAMES
from hiptimer.core.text import did_you_mean, printable

TOP_KEYS = ("name", "description", "source", "tags", "equipment", "caution", "per_week",
            "timing", "sound", "exercise", "parts")
TIMING_KEYS = ("prepare", "rest", "set_rest", "switch", "tempo", "countdown")
EXERCISE_KEYS = ("name", "reps", "hold", "duration", "tempo", "sets", "sides", "first",
                 "rest", "set_rest", "how", "tip", "equipment", "targets", "check",
                 "easier", "harder")
LEVEL_KEYS = tuple(key for key in EXERCISE_KEYS if key not in ("easier", "harder", "check"))
"""What ``[exercise.easier]`` and ``[exercise.harder]`` may change."""
SOUND_KEYS = ("voice", "volume", *CUE_NAMES)
"""``tick`` is both: true or false turns the per-rep tick on or off, a path replaces it."""

TOP, TIMING, EXERCISE, LEVEL, SOUND = ("at the top level", "in [timing]", "in an [[exercise]]",
                                       "in a level", "in [sound]")
HOMES = {TOP: TOP_KEYS, TIMING: TIMING_KEYS, EXERCISE: EXERCISE_KEYS, LEVEL: LEVEL_KEYS,
         SOUND: SOUND_KEYS}
_NAMED = (TIMING, SOUND)
"""Tables whose name the message repeats: the others are in the problem's label or position."""


def unknown_key(key: str, where: str) -> str:
    """``unknown key 'hodl' (did you mean 'hold'?)``, or where it belongs, or what is allowed."""
    allowed = HOMES[where]
    message = f"unknown key '{printable(key)}'" + (f" {where}" if where in _NAMED else "")
    if where == LEVEL and key.lower() in ("easier", "harder"):
        return message + ": levels do not nest; a level changes the exercise's own keys"
    if where == LEVEL and key.lower() == "check":
        return message + ": a level keeps the exercise's check; write it in the exercise"
    homes = [home for home, keys in HOMES.items()
             if home not in (where, LEVEL) and key.lower() in keys]
    if homes and key.lower() not in allowed:
        return message + f" (it belongs {' or '.join(homes)})"
    return message + (did_you_mean(key.lower(), allowed)
                      or f" (allowed keys: {', '.join(allowed)})")
