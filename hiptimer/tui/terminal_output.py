"""The app's way to the terminal: Textual's Linux driver with its output held back for a
moment on request, and sequences of our own written in order with its frames.

A workout's frame is drawn ahead of its instant (the alarm knows every instant in
advance) and held here; released on the instant, it reaches the terminal then,
however long it took to draw. A frame's drawing time varies by several milliseconds
(a new second, a new step, a new screen); the release does not.
"""

from __future__ import annotations

import sys
import termios
import time

from textual.app import App
from textual.drivers.linux_driver import LinuxDriver

HOLD_AT_MOST = 0.1
"""Output is never held longer, whatever was asked: a release that never came (a bug)
costs one frame's delay, not a frozen screen."""


class HeldDriver(LinuxDriver):
    """Writes go out at once, except between ``hold`` and ``release``."""

    _held: list[str] | None = None
    _hold_until = 0.0

    def hold(self) -> None:
        """Keep what is written from now on until ``release`` (see ``HOLD_AT_MOST``)."""
        if self._held is None:
            self._held, self._hold_until = [], time.monotonic() + HOLD_AT_MOST

    def release(self) -> None:
        """Write out what was held, in order, and stop holding."""
        held, self._held = self._held, None
        if held:
            super().write("".join(held))

    def write(self, data: str) -> None:
        if self._held is None:
            super().write(data)
        elif time.monotonic() > self._hold_until:
            self.release()
            super().write(data)
        else:
            self._held.append(data)

    def stop_application_mode(self) -> None:
        self.release()  # before the terminal is given back
        super().stop_application_mode()


def hold_output(app: App[object]) -> None:
    """Keep ``app``'s frames off the terminal until ``release_output`` (a held driver's)."""
    # Textual has no public way to reach an app's driver.
    if isinstance(app._driver, HeldDriver):
        app._driver.hold()


def release_output(app: App[object]) -> None:
    if isinstance(app._driver, HeldDriver):
        app._driver.release()


def write_to_terminal(app: App[object], data: str) -> None:
    """Write ``data`` (a terminal sequence) in order with ``app``'s frames, if the
    terminal is still there."""
    # Textual has no public way to write to the terminal; its own bell() and
    # copy_to_clipboard() go through the driver like this, in order with its
    # frames (a print from here would race the driver's writer thread).
    # Never to a terminal that hung up: the driver's writer thread dies on it,
    # its queue fills, and one write too many would wait forever (and with it
    # the app's exit, which saves the session).
    driver = app._driver
    if driver is not None and _terminal_alive():
        driver.write(data)


def _terminal_alive() -> bool:
    """Textual draws on standard error; after a hang-up its terminal answers no more."""
    try:
        termios.tcgetattr(sys.__stderr__.fileno())
    except (termios.error, OSError, ValueError, AttributeError):
        return False
    return True
