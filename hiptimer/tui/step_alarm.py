"""The workout screen's alarm: each instant's frame drawn ahead and held, its cue started
ahead by the player's lead, and on the instant the frame released and the session told."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from functools import partial
from typing import Any, Literal

from hiptimer.ports import Player
from hiptimer.session import WorkoutSession

APPROACH = 0.003
"""Wake this long before a stage, then sleep the rest: a long sleep ends up to
1 ms late (the kernel lets a timer slip by 0.1% of its length), a short one does not."""

LAST_STRETCH = 0.001
"""The end of the wait is slept, the event loop held: the loop's own alarm wakes on a
whole millisecond (epoll's unit), up to 1 ms after the instant."""

FRAMES_REMEMBERED = 5
"""How many recent frames of a kind the draw lead follows."""

FrameKind = Literal["second", "step", "screen"]
"""A new second of the same step, a new step, or a new screen (the workout's first, the
summary): each costs more than the one before, so each has its own lead."""

DRAW_LEAD_FACTOR = 1.5
"""A frame is drawn this many times its kind's longest recent drawing time ahead. Held
until the instant, a frame drawn early is not seen early; one drawn late is late."""

DRAW_LEAD_MAX = 0.06
"""A frame that took longer (the machine busy for a moment) moves no drawing further ahead."""

DRAW_MARGIN = 0.0005
"""The drawing ends this long before the cue starts: the cue's thread then finds the
interpreter free, as its lead was measured."""

KINDS: tuple[FrameKind, ...] = ("second", "step", "screen")

CallLater = Callable[[float, Callable[[], None]], Any]


class StepAlarm:
    """Calls ``on_draw(instant)`` ahead of the instant by its frame's drawing time, starts
    its cue (if any) the player's lead ahead, then calls ``on_due`` on the instant of the
    session's clock.

    The event loop's own alarm: a Textual Timer goes through a task and a
    message, which made cues several milliseconds late. The drawing time is what
    the screen reports through ``drawn``; the screen holds the frame drawn ahead
    (see ``terminal_output``) and releases it on the instant, so that it reaches the
    terminal then instead of a frame late.
    """

    def __init__(self, session: WorkoutSession, player: Player, *,
                 on_draw: Callable[[float], None], on_due: Callable[[], None],
                 call_later: CallLater | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        """``call_later`` and ``sleep``: the event loop's and the process's by default."""
        self._session = session
        self._player = player
        self._on_draw = on_draw
        self._on_due = on_due
        self._call_later = call_later
        self._sleep = sleep
        self._frames: dict[FrameKind, deque[float]] = {}
        self._stages: deque[tuple[float, Callable[[], None]]] = deque()
        self._planned: tuple[float, FrameKind, int] | None = None
        """The instant set, its frame's kind, and how many stages it had."""
        self._handle: Any = None

    def draw_lead(self, kind: FrameKind) -> float:
        """How long ahead of its instant a frame of ``kind`` is drawn: from the last few of
        that kind, else of the next kind measured, dearer first (0 until one is)."""
        at = KINDS.index(kind)
        for known in KINDS[at:] + KINDS[:at][::-1]:
            if self._frames.get(known):
                return min(DRAW_LEAD_FACTOR * max(self._frames[known]), DRAW_LEAD_MAX)
        return 0.0

    def drawn(self, seconds: float, kind: FrameKind) -> None:
        """A frame of ``kind`` took ``seconds`` to draw, until it was written (or held)."""
        self._frames.setdefault(kind, deque(maxlen=FRAMES_REMEMBERED)).append(seconds)
        planned = self._planned
        if planned is not None and len(self._stages) == planned[2]:  # nothing done yet
            self.set(planned[0], planned[1])  # measured in time to draw this one ahead

    def set(self, wake: float, kind: FrameKind = "second") -> None:
        """Wake for ``wake`` instead of any instant set before; its frame is of ``kind``."""
        self.cancel()
        sound, lead = self._player.lead, self.draw_lead(kind)
        stages: deque[tuple[float, Callable[[], None]]] = deque()
        if lead > 0:
            stages.append((wake - sound - DRAW_MARGIN - lead, partial(self._on_draw, wake)))
        if sound > 0:
            stages.append((wake - sound, partial(self._sound_ahead, wake)))
        stages.append((wake, self._on_due))
        self._stages, self._planned = stages, (wake, kind, len(stages))
        self._approach()

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self._stages, self._planned = deque(), None

    def _approach(self) -> None:
        # Measured from the clock again: rendering took time since the session looked.
        delay = self._stages[0][0] - self._session.clock()
        if delay > APPROACH:
            self._handle = self._later(delay - APPROACH, self._near)
        else:
            self._near()

    def _near(self) -> None:
        delay = self._stages[0][0] - self._session.clock()
        if delay > LAST_STRETCH:
            self._handle = self._later(delay - LAST_STRETCH, self._arrive)
        else:
            self._arrive()

    def _arrive(self) -> None:
        stages = self._stages
        at, stage = stages.popleft()
        self._sleep(max(at - self._session.clock(), 0.0))
        self._handle = None
        stage()
        if stages and stages is self._stages:  # else the stage set another instant
            self._approach()

    def _later(self, delay: float, callback: Callable[[], None]) -> Any:
        call_later = self._call_later or asyncio.get_running_loop().call_later
        return call_later(delay, callback)

    def _sound_ahead(self, wake: float) -> None:
        """Start the cue due at ``wake`` now, the player's lead early, while nothing is drawn:
        the player's thread then reaches the device before a frame takes the interpreter."""
        events = self._session.upcoming()
        if events and abs(events[0].at - wake) < 1e-6:  # a cue is due, not just a new second
            self._player.play_ahead(events)
