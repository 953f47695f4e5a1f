"""What a workout sounds like: the settings, a routine's ``[sound]`` over them, the flags over both."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from hiptimer.core.model import RoutineSound


@dataclass(frozen=True)
class SoundChoice:
    volume: int = 100
    """0-100, for every cue and spoken phrase."""
    voice: bool = False
    tick: bool = True
    """The tick of each paced rep."""
    cues: Mapping[str, str] = field(default_factory=dict)
    """Cue name -> the WAV file that replaces the built-in one."""

    def for_routine(self, sound: RoutineSound | None, *, voice_flag: bool = False) -> SoundChoice:
        """This choice with ``sound`` (a routine's table) over it; ``--voice`` wins over both."""
        if sound is None:
            return self
        return SoundChoice(
            volume=self.volume if sound.volume is None else sound.volume,
            voice=voice_flag or (self.voice if sound.voice is None else sound.voice),
            tick=self.tick if sound.tick is None else sound.tick,
            cues={**self.cues, **sound.cues},
        )
