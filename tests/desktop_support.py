"""Helpers for the desktop listeners' tests: timers fired by hand, a plan, events, a speaking player's parts."""

from __future__ import annotations

from typing import Any

from hiptimer.core.events import Finished, Paused, Resumed
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, build_plan
from hiptimer.desktop.worker import Cancel, Job
from hiptimer.sound.audio import RATE, SAMPLE_BYTES, Samples
from test_sound_playback import FinishedPlayback


class ManualTimers:
    """A ``Later`` whose timers go off only when the test says: no waiting through real time."""

    def __init__(self) -> None:
        self.pending: list[tuple[float, Job]] = []

    def __call__(self, seconds: float, callback: Job) -> Cancel:
        entry = (seconds, callback)
        self.pending.append(entry)

        def cancel() -> None:
            if entry in self.pending:
                self.pending.remove(entry)

        return cancel

    @property
    def delays(self) -> list[float]:
        return [seconds for seconds, _ in self.pending]

    def fire(self, index: int = 0) -> None:
        _, callback = self.pending.pop(index)
        callback()


def a_plan() -> Plan:
    return build_plan(Routine("Hips", (Exercise("Bridge", hold=30),), Timing(prepare=5)))


PAUSED, RESUMED = Paused(10.0), Resumed(20.0)
FINISHED = Finished(40.0, True, 2, 0)


class Backend:
    """simpleaudio without a device: every playback ends at once."""

    def play_buffer(self, data: bytes, channels: int, width: int, rate: int) -> Any:
        return FinishedPlayback()


class SpeakingVoice:
    """A voice that has every phrase ready: a second of silence each."""

    failure = None

    def prepare(self, phrases: Any) -> None:
        pass

    def get(self, phrase: str) -> Samples:
        return Samples("h", bytes(RATE * SAMPLE_BYTES))
