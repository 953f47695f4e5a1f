"""What waits for the first frame: start-up does only what the first screen (or line) needs.

A workout's start is measured from the command to its first frame (the bench:
at most 1.15x a minimal Textual app's). Until the shell calls ``FirstFrame.shown``
the cyclic collector is off: start-up leaves some 85,000 objects tracked, nearly
all of them (Textual, Rich, our modules, the first screen) living as long as the
process, and the collections they triggered cost 11-14 ms of the first frame
(measured: about 3,000 garbage objects are among them; a full collection to
find them takes 33 ms, so they are frozen with the rest instead).

Background parts that the first frame does not need (the history file opened,
the desktop bus asked to keep the screen awake) wait in their own threads for
``wait``, so they do not take the interpreter from the first frame; what they
are given meanwhile is queued, never lost.
"""

from __future__ import annotations

import gc
import threading

PATIENCE_SECONDS = 2.0
"""The longest a background part waits: a shell that never draws must not keep it waiting."""


class FirstFrame:
    """Opened once, by the shell, when its first frame (or first line) is out."""

    def __init__(self, patience: float = PATIENCE_SECONDS) -> None:
        self._shown = threading.Event()
        self._patience = patience

    def __enter__(self) -> FirstFrame:
        """Start-up begins: no collection until ``shown``."""
        if not self._shown.is_set():
            gc.disable()
        return self

    def __exit__(self, *exc: object) -> None:
        """The command is over: the collector as it was before (``main`` runs many times in
        one test process)."""
        self.shown()
        gc.unfreeze()

    def shown(self) -> None:
        """The first frame is out: what start-up loaded is kept out of the collector's sight
        (``gc.freeze``: it would otherwise be scanned by every full collection), the collector
        runs again, and the waiting parts start."""
        if self._shown.is_set():
            return
        gc.freeze()
        gc.enable()
        self._shown.set()

    def wait(self) -> None:
        """Block (a background thread) until the first frame is out, or ``patience`` passed."""
        self._shown.wait(self._patience)


def no_wait() -> None:
    """The ``wait`` of a part that has nothing to wait for (tests, commands without a screen)."""
