"""The workout screen's alarm: on time to the millisecond, the instant's cue started ahead."""

from __future__ import annotations

import asyncio
import time
from functools import partial
from typing import Callable

from hiptimer.ports import Player
from hiptimer.session import WorkoutSession

APPROACH = 0.003
"""Wake this long before the instant, then sleep the rest: a long sleep ends up to
1 ms late (the kernel lets a timer slip by 0.1% of its length), a short one does not."""

LAST_STRETCH = 0.001
"""The end of the wait is slept, the event loop held: the loop's own alarm wakes on a
whole millisecond (epoll's unit), up to 1 ms after the instant."""


class StepAlarm:
    """Calls ``on_due`` at an instant of the session's clock, one at a time.

    The event loop's own alarm: a Textual Timer goes through a task and a
    message, which made cues several milliseconds late.
    """

    def __init__(self, session: WorkoutSession, player: Player,
                 on_due: Callable[[], None]) -> None:
        self._session = session
        self._player = player
        self._on_due = on_due
        self._handle: asyncio.TimerHandle | None = None

    def set(self, wake: float) -> None:
        """Wake at ``wake`` instead of any instant set before."""
        self.cancel()
        self._approach(wake)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _approach(self, wake: float, *, sounded: bool = False) -> None:
        # Measured from the clock again: rendering took time since the session looked.
        delay = max(wake - self._session.clock(), 0.0)
        loop = asyncio.get_running_loop()
        lead = self._player.lead
        if delay > APPROACH:
            self._handle = loop.call_later(delay - APPROACH, self._approach, wake)
        elif lead > 0 and not sounded:
            self._handle = loop.call_later(max(delay - lead, 0.0), self._sound_ahead, wake)
        elif delay > LAST_STRETCH:
            self._handle = loop.call_later(delay - LAST_STRETCH,
                                           partial(self._approach, wake, sounded=True))
        else:
            time.sleep(delay)
            self._handle = None
            self._on_due()

    def _sound_ahead(self, wake: float) -> None:
        """Start the cue due at ``wake`` now, the player's lead early, while nothing is drawn:
        the player's thread then reaches the device before the frame takes the interpreter."""
        events = self._session.upcoming()
        if events and abs(events[0].at - wake) < 1e-6:  # a cue is due, not just a new second
            self._player.play_ahead(events)
        self._approach(wake, sounded=True)
