"""Exit statuses, and the signals that interrupt a workout in the plain runner.

The statuses are the command line's, defined here once: 0 a workout that
finished (or a command that succeeded), 1 invalid input, 2 a usage error,
130 stopped early (``q``, Ctrl+C), 128 + N after signal N (129 a hang-up,
143 SIGTERM), each after the session was saved as stopped.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable
from types import FrameType, TracebackType

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def signal_status(signum: int) -> int:
    """The shell's convention for a process ended by signal ``signum``."""
    return 128 + signum


class Interrupted(Exception):
    """A hang-up or SIGTERM arrived: the workout stops, saved, with ``status``."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.status = signal_status(signum)


UNKNOWN_INSTANT = float("-inf")
"""A suspension whose start is not known (SIGSTOP): the session pauses where it last looked."""


class Signals:
    """While a plain workout runs: SIGHUP and SIGTERM raise ``Interrupted``; a suspension
    (Ctrl+Z, or SIGSTOP then SIGCONT) is noted for the loop to pause at.

    Outside the main thread (where Python allows no handlers) it changes nothing.
    """

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self._suspended_at: float | None = None
        self._previous: dict[int, object] = {}

    def __enter__(self) -> Signals:
        if threading.current_thread() is not threading.main_thread():
            return self
        handlers = {signum: self._end for signum in ENDING_SIGNALS}
        handlers[signal.SIGTSTP] = self._stop_now
        handlers[signal.SIGCONT] = self._continued
        for signum, handler in handlers.items():
            self._previous[signum] = signal.signal(signum, handler)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]
        self._previous.clear()

    def take_suspension(self) -> float | None:
        """The instant the process was stopped, once, if it was stopped since the last call."""
        moment, self._suspended_at = self._suspended_at, None
        return moment

    def _end(self, signum: int, frame: FrameType | None) -> None:
        raise Interrupted(signum)

    def _stop_now(self, signum: int, frame: FrameType | None) -> None:
        # Ctrl+Z: note the instant, then stop for real as the terminal asked.
        self._suspended_at = self._clock()
        signal.signal(signal.SIGTSTP, signal.SIG_DFL)
        try:
            os.kill(os.getpid(), signal.SIGTSTP)
        finally:
            signal.signal(signal.SIGTSTP, self._stop_now)

    def _continued(self, signum: int, frame: FrameType | None) -> None:
        if self._suspended_at is None:  # stopped by SIGSTOP: when is not known
            self._suspended_at = UNKNOWN_INSTANT
