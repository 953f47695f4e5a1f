"""The terminal window's title during a workout, put back as it was afterwards.

xterm's title stack: ``CSI 22;0 t`` saves the title the terminal had, ``OSC 2``
sets a new one, ``CSI 23;0 t`` brings the saved one back. Terminals without
the stack ignore the two CSI sequences.
"""

from __future__ import annotations

from typing import Callable

from hiptimer.core.text import printable

SAVE_TITLE = "\x1b[22;0t"
RESTORE_TITLE = "\x1b[23;0t"
MAX_TITLE = 200
"""Characters; a title is read at a glance, and routine names can be long."""


def title_sequence(text: str) -> str:
    """OSC 2 setting the title to ``text``, which can never end the sequence early."""
    return f"\x1b]2;{printable(text)[:MAX_TITLE]}\x07"


class WindowTitle:
    """Sets the title through ``write`` (the terminal's one writer), saving the old one first."""

    def __init__(self, write: Callable[[str], None], *, enabled: bool = True) -> None:
        self._write = write
        self.enabled = enabled
        self._shown: str | None = None

    def show(self, text: str) -> None:
        if not self.enabled or text == self._shown:
            return
        if self._shown is None:
            self._write(SAVE_TITLE)
        self._shown = text
        self._write(title_sequence(text))

    def restore(self) -> None:
        """The title from before the first ``show``; nothing if none was shown."""
        if self._shown is not None:
            self._shown = None
            self._write(RESTORE_TITLE)
