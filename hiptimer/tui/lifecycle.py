"""What a screen needs to know about the app's life."""

from __future__ import annotations

from textual.screen import Screen


def app_exiting(screen: Screen) -> bool:
    """The app is on its way out.

    Textual still sends Mount to a screen pushed just before the exit, but with
    none of its widgets mounted: its ``on_mount`` has nothing to set up, and a
    query there would raise (a traceback on the user's way out).
    """
    return screen.app.return_code is not None
