"""What the desktop offers right now, for ``hiptimer doctor``: the session bus, keep-awake, players."""

from __future__ import annotations

import sys

from hiptimer.desktop import session_bus
from hiptimer.desktop.inhibit import default_inhibitor
from hiptimer.desktop.mpris import NAME_PREFIX, MprisBus, NoSessionBus, PlayerGone

__all__ = ["keep_awake_method", "media_players", "session_bus"]


def keep_awake_method() -> str | None:
    """How the screen can be kept awake here, found by holding it for a moment; None if it cannot."""
    inhibitor = default_inhibitor()
    try:
        method = inhibitor.hold()
    except Exception:
        return None
    try:
        inhibitor.release()
    except Exception:
        pass
    return method


def media_players() -> list[tuple[str, str]] | None:
    """Each MPRIS player's short name and playback status; None without a session bus."""
    if sys.platform == "darwin":
        return None
    try:
        bus = MprisBus.open()
    except NoSessionBus:
        return None
    try:
        found = []
        for name in bus.players():
            try:
                status = str(bus.get(name, "PlaybackStatus"))
            except PlayerGone:
                status = "not answering"
            found.append((name.removeprefix(NAME_PREFIX), status))
        return found
    except PlayerGone:
        return []
    finally:
        bus.close()
