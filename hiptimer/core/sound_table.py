"""A routine's ``[sound]`` table: voice, volume, the per-rep tick and cue sounds of its own.

Standard library only: cue paths are resolved as text, never looked at on disk.
"""

from __future__ import annotations

import os
from pathlib import PurePath
from typing import Any

from hiptimer.core import values
from hiptimer.core.keys import SOUND
from hiptimer.core.model import CUE_NAMES, RoutineSound
from hiptimer.core.text import show_value
from hiptimer.core.values import Scope, check_table


def check_sound(scope: Scope, table: dict[str, Any], folder: PurePath) -> RoutineSound:
    """The table's values; a cue's relative path is taken from ``folder``, the routine's."""
    switches = {"voice": values.boolean, "volume": values.volume}
    if isinstance(table.get("tick"), bool):
        switches["tick"] = values.boolean
    clean = check_table(scope, table, switches, SOUND)
    cues: dict[str, str] = {}
    for cue in CUE_NAMES:
        if cue in table and cue not in switches:
            path = _cue_path(scope, cue, table[cue], folder)
            if path is not None:
                cues[cue] = path
    return RoutineSound(cues=cues, **clean)


def _cue_path(scope: Scope, cue: str, value: object, folder: PurePath) -> str | None:
    if not isinstance(value, str) or not value.strip():
        either = " (or true or false)" if cue == "tick" else ""
        scope.problem(f"{scope.label(cue)} must be the path of a WAV file in quotes{either}, "
                      f"got {show_value(value)}", cue)
        return None
    path = PurePath(os.path.expanduser(value.strip()))  # as the settings' [sounds] do
    return str(path if path.is_absolute() else folder / path)

