"""Music makes way for the cues: playing media players are lowered, or paused, while a cue speaks.

The sound player tells ``cue_started(seconds)`` when a spoken cue or the
finish cue starts; from then until it ends, every MPRIS player that is
playing has its volume lowered to ``duck_volume`` % of what it was (or is
paused), then gets exactly its own volume back (or plays again). A second
cue while the music is down keeps it down until that cue ends too, and never
takes the lowered volume for the player's own. Players that were not playing
are never touched; one that vanishes in between is simply forgotten.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Literal

from hiptimer.core.events import Event
from hiptimer.core.plan import Plan
from hiptimer.desktop import session_bus
from hiptimer.desktop.worker import Cancel, Job, Later, Worker, start_timer

if TYPE_CHECKING:  # jeepney loads on the worker thread, when the bus is first asked
    from hiptimer.desktop.mpris import MprisBus

SHUTDOWN_TIMEOUT = 2.0
"""How long the program's end waits for the music to be given back."""


class MusicMakesWay:
    """A workout listener and a cue observer: lowers or pauses playing music during cues."""

    def __init__(self, mode: Literal["duck", "pause"], duck_volume: int = 30, *,
                 later: Later = start_timer, after: Job | None = None) -> None:
        """``after``: what the worker thread waits for before its first call (see Worker)."""
        self._after = after
        self._mode = mode
        self._factor = duck_volume / 100
        self._later = later
        self._worker: Worker | None = None
        self._bus: MprisBus | None = None
        self._no_bus = False
        self._made_way: dict[str, float] = {}
        """Player -> its own volume (duck) or 0.0 (pause), for every player lowered now."""
        self._cue: object | None = None
        """A token for the latest cue: only its end gives the music back."""
        self._cancel_end: Cancel | None = None

    def begin(self, plan: Plan) -> None:
        if self._worker is None:
            self._worker = Worker("hiptimer-music", self._after)
        self._worker.submit(self._connect)  # so the first cue does not wait for it

    def handle(self, events: Sequence[Event]) -> None:
        """Nothing to do on events: the cues themselves say when to make way."""

    def cue_started(self, seconds: float) -> None:
        """A spoken or finish cue has started and lasts ``seconds``; returns at once."""
        worker = self._worker
        if worker is None:
            return
        token = self._cue = object()
        if self._cancel_end is not None:
            self._cancel_end()
        worker.submit(self._make_way)
        self._cancel_end = self._later(seconds, lambda: worker.submit(partial(self._give_back, token)))

    def close(self) -> None:
        """The workout is over; the music comes back as its last cue ends, as always."""

    def shutdown(self) -> None:
        """The program ends: the music back now, waiting (at most SHUTDOWN_TIMEOUT) for the players."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        self._cue = None
        if self._cancel_end is not None:
            self._cancel_end()
        worker.submit(self._give_back_all)
        worker.submit(self._disconnect)
        worker.stop(SHUTDOWN_TIMEOUT)

    def _connect(self) -> None:
        if self._bus is not None or self._no_bus:
            return
        if session_bus() is None:  # nothing to steer, and no jeepney to load for it
            self._no_bus = True
            return
        from hiptimer.desktop.mpris import MprisBus, NoSessionBus

        try:
            self._bus = MprisBus.open()
        except NoSessionBus:
            self._no_bus = True  # no bus, no music to steer: stay quiet

    def _disconnect(self) -> None:
        bus, self._bus = self._bus, None
        if bus is not None:
            bus.close()

    def _make_way(self) -> None:
        self._connect()
        if self._bus is None:
            return
        from hiptimer.desktop.mpris import PlayerGone

        for player in self._bus.players():
            if player in self._made_way:
                continue  # already lowered: what it says now is not its own volume
            try:
                if self._bus.get(player, "PlaybackStatus") != "Playing":
                    continue
                if self._mode == "duck":
                    volume = float(self._bus.get(player, "Volume"))
                    self._bus.set(player, "Volume", "d", volume * self._factor)
                    self._made_way[player] = volume
                else:
                    self._bus.command(player, "Pause")
                    self._made_way[player] = 0.0
            except PlayerGone:
                continue  # gone, or no writable Volume: left alone

    def _give_back(self, cue: object) -> None:
        if self._cue is cue:  # a later cue is still speaking otherwise
            self._give_back_all()

    def _give_back_all(self) -> None:
        made_way, self._made_way = self._made_way, {}
        if self._bus is None:
            return
        from hiptimer.desktop.mpris import PlayerGone

        for player, volume in made_way.items():
            try:
                if self._mode == "duck":
                    self._bus.set(player, "Volume", "d", volume)
                else:
                    self._bus.command(player, "Play")
            except PlayerGone:
                pass  # the player has gone since: nothing to give back
