"""Sound cues for engine events: built-in WAV cues, spoken phrases, a silent fallback.

``player.make_player`` builds the real player (and only then loads an audio
library); ``deferred.DeferredPlayer`` has the TUI build it after its first
frame; ``cues`` maps events to cues. Importing this package loads nothing.
"""
