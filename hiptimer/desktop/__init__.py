"""The desktop around a workout: the screen kept awake, music that makes way for spoken cues.

Both parts are workout listeners (``begin`` / ``handle`` / ``close``) built by
``desktop_listeners`` from the settings. Where the desktop offers nothing (no
session bus, over ssh, no screensaver, no media player) they do nothing and
say nothing; ``hiptimer doctor`` tells what is there.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from hiptimer.core.events import Event
from hiptimer.core.plan import Plan
from hiptimer.settings import Settings
from hiptimer.sound.player import CueObserver


class WorkoutListener(Protocol):
    def begin(self, plan: Plan) -> None:
        """The workout starts."""

    def handle(self, events: Sequence[Event]) -> None:
        """A batch of engine events."""

    def close(self) -> None:
        """The workout is over: finished, stopped, quit or the app is ending."""


class CueSource(Protocol):
    cue_observers: list[CueObserver]


def desktop_listeners(settings: Settings, cues: CueSource) -> list[WorkoutListener]:
    """The desktop parts the settings ask for; the music part also listens to ``cues``."""
    from hiptimer.desktop.inhibit import default_inhibitor
    from hiptimer.desktop.keep_awake import KeepAwake
    from hiptimer.desktop.music import MusicMakesWay

    listeners: list[WorkoutListener] = []
    if settings.keep_awake:
        listeners.append(KeepAwake(default_inhibitor()))
    if settings.music in ("duck", "pause"):
        music = MusicMakesWay("pause" if settings.music == "pause" else "duck", settings.duck_volume)
        cues.cue_observers.append(music.cue_started)
        listeners.append(music)
    return listeners
