"""Sound cues for engine events: built-in WAV cues, spoken phrases, a silent fallback.

``player.make_player`` builds the real player (and only then loads an audio
library); ``deferred.DeferredPlayer`` has the TUI build it after its first
frame; ``cues`` maps events to cues. Importing this package loads nothing.
"""

SIMPLEAUDIO_LEAD = 0.002
"""simpleaudio's playback thread reaches the device 0.3 ms after ``play_buffer`` (p50;
p90 0.4 ms) while the event loop sleeps, 2.7 ms when it draws a frame instead (it waits
for the GIL): measured through an ALSA file sink read by another process. Started 1 ms
ahead, a quarter of a quick bench's cues still came 1.6 ms late and one or two 5-8 ms
(the thread not at the device yet when the boundary's frame began, on a loaded
machine); 2 ms ahead, every cue of two runs fell between 1.5 ms early and 1.9 ms late."""
