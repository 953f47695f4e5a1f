"""Sound cues for engine events: built-in WAV cues, spoken phrases, a silent fallback.

Importing this package loads no audio library; ``make_player`` does, when called.
"""

from hiptimer.sound.player import CuePlayer, SilentPlayer, make_player

__all__ = ["CuePlayer", "SilentPlayer", "make_player"]
