"""The screen stays awake while a workout runs, and only then.

Held from the workout's start; let go when it finishes, when it has been
paused for ``pause_limit`` seconds (someone who walked away should get their
screensaver back), when the app quits, and, through the bus, when the
process dies. Resuming holds it again. Every call to the inhibitor runs on
this part's own worker thread: nothing here waits for the bus but
``shutdown``, as the program ends. One part serves every workout of a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from hiptimer.core.events import Event, Finished, Paused, Resumed
from hiptimer.core.plan import Plan
from hiptimer.desktop.inhibit import Inhibitor
from hiptimer.desktop.worker import Cancel, Job, Later, Worker, start_timer

PAUSE_LIMIT = 5 * 60.0
"""Seconds of pause after which the screen may blank again (GNOME's default idle delay)."""
SHUTDOWN_TIMEOUT = 2.0
"""How long the program's end waits for the release to reach the bus."""


class KeepAwake:
    """A workout listener that holds an idle inhibition while the workout runs."""

    def __init__(self, inhibitor: Inhibitor, *, pause_limit: float = PAUSE_LIMIT,
                 later: Later = start_timer, after: Job | None = None) -> None:
        """``after``: what the worker thread waits for before its first call (see Worker)."""
        self._inhibitor = inhibitor
        self._after = after
        self._pause_limit = pause_limit
        self._later = later
        self._worker: Worker | None = None
        self._pause: object | None = None
        """A token for the pause in progress; the release it scheduled checks it is still current."""
        self._cancel_pause: Cancel | None = None
        self.method: str | None = None
        """What holds the screen awake now; None when nothing does."""

    def begin(self, plan: Plan) -> None:
        if self._worker is None:
            self._worker = Worker("hiptimer-keep-awake", self._after)
        self._worker.submit(self._hold)

    def handle(self, events: Sequence[Event]) -> None:
        if self._worker is None:
            return
        for event in events:
            if isinstance(event, Paused):
                self._start_pause()
            elif isinstance(event, Resumed):
                self._end_pause()
                self._worker.submit(self._hold)
            elif isinstance(event, Finished):
                self._end_pause()
                self._worker.submit(self._release)

    def close(self) -> None:
        """The workout is over (finished, stopped, its screen left): the screen may blank again."""
        self._end_pause()
        if self._worker is not None:
            self._worker.submit(self._release)

    def shutdown(self) -> None:
        """The program ends: release, waiting (at most SHUTDOWN_TIMEOUT) until the bus has heard."""
        self.close()
        worker, self._worker = self._worker, None
        if worker is not None:
            worker.stop(SHUTDOWN_TIMEOUT)

    def _start_pause(self) -> None:
        self._end_pause()
        token = self._pause = object()
        worker = self._worker
        assert worker is not None
        self._cancel_pause = self._later(
            self._pause_limit, lambda: worker.submit(partial(self._release_after, token)))

    def _end_pause(self) -> None:
        self._pause = None
        cancel, self._cancel_pause = self._cancel_pause, None
        if cancel is not None:
            cancel()

    def _release_after(self, pause: object) -> None:
        if self._pause is pause:  # a resume since then has cancelled it
            self._release()

    def _hold(self) -> None:
        self.method = self._inhibitor.hold()

    def _release(self) -> None:
        self.method = None
        self._inhibitor.release()
