"""Ways to keep the screen from blanking: wakepy's D-Bus inhibitors, or macOS's caffeinate.

On Linux, wakepy's ``keep.presenting`` mode asks the session bus for an idle
inhibition (``org.freedesktop.ScreenSaver.Inhibit``, or GNOME's
``org.gnome.SessionManager.Inhibit``) and keeps that bus connection open while
it holds: if the process dies, the bus drops the connection and the
screensaver, watching its callers, lets the inhibition go. On macOS wakepy's
``caffeinate -d`` would outlive a killed process, so caffeinate is started
here with ``-w PID``: it ends when this process does, however it ends.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Protocol

from hiptimer.desktop import session_bus

if TYPE_CHECKING:
    import subprocess

CAFFEINATE_STOP_TIMEOUT = 2.0


class Inhibitor(Protocol):
    def hold(self) -> str | None:
        """Keep the screen awake; the name of the means used, or None when nothing could."""

    def release(self) -> None:
        """Let the screen blank again (nothing happens when nothing is held)."""


class WakepyInhibitor:
    """wakepy's ``keep.presenting``; hold and release must run on one thread (wakepy checks)."""

    def __init__(self) -> None:
        self._mode: Any = None

    def hold(self) -> str | None:
        if self._mode is not None:
            return str(self._mode.active_method.name)
        if sys.platform != "win32" and session_bus() is None:
            # Every way wakepy has here asks the session bus, and there is none (ssh, a
            # bare console): it is not loaded at all (1.5 MiB and a 10 ms import, measured).
            return None
        import logging  # with wakepy, on the worker thread

        # wakepy logs through ``logging``; with no handler configured, Python
        # would print its warnings on stderr, over the TUI.
        logging.getLogger("wakepy").addHandler(logging.NullHandler())
        from wakepy import keep

        mode = keep.presenting(on_fail="pass")
        mode.__enter__()
        if not mode.active:
            mode.__exit__(None, None, None)
            return None
        self._mode = mode
        return str(mode.active_method.name)

    def release(self) -> None:
        mode, self._mode = self._mode, None
        if mode is not None:
            mode.__exit__(None, None, None)


class CaffeinateInhibitor:
    """macOS: ``caffeinate -d -w PID`` holds a display assertion for as long as this process lives."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[bytes] | None = None

    def hold(self) -> str | None:
        import shutil
        import subprocess

        if self._process is not None:
            return "caffeinate"
        executable = shutil.which("caffeinate")
        if executable is None:
            return None
        self._process = subprocess.Popen(
            [executable, "-d", "-w", str(os.getpid())], stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return "caffeinate"

    def release(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            process.wait(CAFFEINATE_STOP_TIMEOUT)


def default_inhibitor(platform: str = sys.platform) -> Inhibitor:
    return CaffeinateInhibitor() if platform == "darwin" else WakepyInhibitor()
