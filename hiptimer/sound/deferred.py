"""The TUI's player, built once the first frame is out: simpleaudio, libasound and the
decoded cues (6 ms of start-up, measured) are nothing that frame shows.

``DeferredPlayer`` stands in for the real player from the start (a listener of
the workout, muted or not as asked) and builds it in ``prepare``, which the
workout screen runs on a worker thread, after waiting for the first frame. A
cue that comes before that (a routine with no get-ready step sounds ``go`` at
once) builds it there and then: late by the build, never lost.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from hiptimer.core.events import Event
from hiptimer.core.plan import Plan
from hiptimer.ports import Player
from hiptimer.sound import SIMPLEAUDIO_LEAD
from hiptimer.sound.cues import pick_cue


class DeferredPlayer:
    """A ``Player`` whose real one is made by ``build`` on first need (see the module)."""

    def __init__(self, build: Callable[[], Player], *, mute: bool,
                 after: Callable[[], None]) -> None:
        self._build = build
        self._after = after
        self._player: Player | None = None
        self._lock = threading.Lock()
        self._muted = mute
        self._plan: Plan | None = None
        self._shut = False
        self.cue_observers: list[Callable[[float], None]] = []
        """Shared with the real player once it is built (the desktop's music listens)."""

    @property
    def muted(self) -> bool:
        return self._muted if self._player is None else self._player.muted

    @muted.setter
    def muted(self, value: bool) -> None:
        self._muted = value
        if self._player is not None:
            self._player.muted = value

    @property
    def notice(self) -> str | None:  # type: ignore[override]
        return None if self._player is None else self._player.notice

    @property
    def lead(self) -> float:  # type: ignore[override]
        """The real player's; before it is built, the lead it will most likely have: the
        workout screen schedules the first cue's head start at once, and a player that
        turns out silent only rings its bell that much early."""
        return SIMPLEAUDIO_LEAD if self._player is None else self._player.lead

    def prepare(self, plan: Plan) -> None:
        self._after()
        self._ready().prepare(plan)

    def begin(self, plan: Plan) -> None:
        self._plan = plan
        if self._player is not None:
            self._player.begin(plan)

    def handle(self, events: Sequence[Event]) -> None:
        if self._player is None and pick_cue(events, self._plan) is None:
            return  # nothing to sound, nothing to build for
        self._ready().handle(events)

    def play_ahead(self, events: Sequence[Event]) -> None:
        self._ready().play_ahead(events)

    def close(self) -> None:
        if self._player is not None:
            self._player.close()

    def wait(self, timeout: float = 3.0) -> None:
        if self._player is not None:
            self._player.wait(timeout)

    def shutdown(self) -> None:
        with self._lock:
            self._shut = True
            if self._player is not None:
                self._player.shutdown()

    def _ready(self) -> Player:
        with self._lock:
            if self._player is None:
                player = self._build()
                player.muted = self._muted
                player.cue_observers = self.cue_observers  # type: ignore[attr-defined]
                if self._plan is not None:
                    player.begin(self._plan)
                if self._shut:
                    player.shutdown()
                self._player = player
            return self._player
