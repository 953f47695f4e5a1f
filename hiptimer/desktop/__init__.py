"""The desktop around a workout: the screen kept awake, music that makes way for spoken cues.

Both parts are workout listeners (``begin`` / ``handle`` / ``close``, see
``hiptimer.session``) that serve every workout of a run of the program, and
``shutdown`` once as it ends. ``desktop_parts`` builds them from the settings.
Where the desktop offers nothing (no session bus, over ssh, no screensaver,
no media player) they do nothing and say nothing; ``hiptimer doctor`` tells
what is there.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Protocol

from hiptimer.session import Listener

if TYPE_CHECKING:
    from collections.abc import Callable

    from hiptimer.settings import Settings
    from hiptimer.sound.player import CueObserver


def session_bus() -> str | None:
    """The session bus's address, or None when there is none (over ssh, in a bare console):
    then no desktop library is even loaded, for nothing on Linux could answer."""
    return os.environ.get("DBUS_SESSION_BUS_ADDRESS") or None


class DesktopPart(Listener, Protocol):
    def shutdown(self) -> None:
        """The program ends: undo what is still done, waiting a bounded time for the bus."""


class CueSource(Protocol):
    cue_observers: list[CueObserver]


def desktop_parts(settings: Settings, cues: CueSource,
                  after: Callable[[], None] | None = None) -> list[DesktopPart]:
    """The desktop parts the settings ask for; the music part also listens to ``cues``.
    ``after``: what their threads wait for before they first call the bus (the first frame)."""
    from hiptimer.desktop.inhibit import default_inhibitor
    from hiptimer.desktop.keep_awake import KeepAwake
    from hiptimer.desktop.music import MusicMakesWay

    parts: list[DesktopPart] = []
    if settings.keep_awake:
        parts.append(KeepAwake(default_inhibitor(), after=after))
    if settings.music in ("duck", "pause"):
        music = MusicMakesWay("pause" if settings.music == "pause" else "duck", settings.duck_volume,
                              after=after)
        cues.cue_observers.append(music.cue_started)
        parts.append(music)
    return parts
