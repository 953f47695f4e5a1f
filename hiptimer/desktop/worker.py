"""One background thread per desktop part: bus calls run there, never on the event loop.

A D-Bus call can take a while (a busy or hung service answers within its
timeout, not at once), and the workout's clock and cues must not wait for it.
Jobs run in the order they were given, one at a time, so a part's state is
only ever touched by its own thread. A job that fails is dropped: the desktop
is a courtesy, and the workout goes on whatever it does.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

Job = Callable[[], None]
Cancel = Callable[[], None]
Later = Callable[[float, Job], Cancel]
"""``later(seconds, callback)`` calls ``callback`` (on any thread) after ``seconds``; returns a cancel."""


def start_timer(seconds: float, callback: Job) -> Cancel:
    """The real ``Later``: a daemon timer thread, so a pending timer never holds up an exit."""
    timer = threading.Timer(seconds, callback)
    timer.daemon = True
    timer.start()
    return timer.cancel


class Worker:
    """Runs jobs in order on one daemon thread; ``stop`` lets the queued ones finish first.

    The thread runs its first job once ``after`` returns (the app's first frame:
    ``hiptimer.startup``); jobs given before then wait in the queue."""

    def __init__(self, name: str, after: Job | None = None) -> None:
        self._after = after
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def submit(self, job: Job) -> None:
        self._jobs.put(job)

    def flush(self, timeout: float) -> bool:
        """Wait until every job submitted so far has run; False if that took over ``timeout``."""
        done = threading.Event()
        self.submit(done.set)
        return done.wait(timeout)

    def stop(self, timeout: float) -> None:
        """Run what is queued (for at most ``timeout`` seconds), then end the thread."""
        self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        if self._after is not None:
            self._after()
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception:  # a failing bus call must not end the thread that runs the next one
                pass

