"""Cue playback: engine events in, short sounds out, never blocking, never raising.

``make_player`` builds the real player, or a silent one whose ``notice`` says
why sound is off. A player is a listener of every workout session (``begin``,
``handle``, ``close``); the shell calls ``prepare(plan)`` ahead of the start
(in a worker thread: it may render spoken phrases), toggles ``muted``, shows
``notice`` once when it is set (it can become set later, after a playback
error), and calls ``shutdown()`` when the program ends.
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from hiptimer.core.events import Event
from hiptimer.core.plan import Plan
from hiptimer.sound import SIMPLEAUDIO_LEAD, alsa
from hiptimer.sound.audio import (
    CHANNELS, RATE, SAMPLE_BYTES, AudioFileError, Samples, builtin_samples, joined, load_wav,
    scaled, to_bytes,
)
from hiptimer.sound.choice import SoundChoice
from hiptimer.sound.cues import CUE_NAMES, Cue, pick_cue, plan_phrases
from hiptimer.sound.voice import Voice, find_espeak

Bell = Callable[[], None]
CueObserver = Callable[[float], None]
"""Told, with its length in seconds, when a spoken cue or the finish cue starts playing."""
BELL_OFF_NOTE = "the terminal bell marks side switches"


def terminal_bell() -> None:
    """Ring the terminal's bell, if the process has a terminal (never into a pipe)."""
    stream = sys.__stderr__
    try:
        if stream is not None and stream.isatty():
            stream.write("\a")
            stream.flush()
    except (OSError, ValueError):
        pass


class CuePlayer:
    """What shells talk to; this base plays nothing and rings the bell for a side switch."""

    lead = 0.0
    """Seconds a cue takes to start sounding: a shell that knows a cue's instant in advance
    gives it to ``play_ahead`` this long before (0: no head start needed)."""

    def __init__(self, *, mute: bool = False, notice: str | None = None,
                 bell: Bell | None = None, choice: SoundChoice = SoundChoice(),
                 voice_flag: bool = False) -> None:
        self.muted = mute
        self.notice = notice
        self._bell = bell
        self._plan: Plan | None = None
        self._closed = False
        self._ahead: list[Event] = []
        self.cue_observers: list[CueObserver] = []
        self._base = self.choice = choice
        self._voice_flag = voice_flag
        """``--voice`` was given: a routine's ``voice = false`` does not turn it off."""

    def begin(self, plan: Plan) -> None:
        """A workout starts: know its plan (for names and finer cues) and its ``[sound]``."""
        self._plan = plan
        self.choice = self._base.for_routine(plan.routine.sound, voice_flag=self._voice_flag)

    def prepare(self, plan: Plan) -> None:
        """Get ready to play ``plan`` (spoken phrases rendered ahead); safe in a worker thread."""
        self.begin(plan)

    def handle(self, events: Sequence[Event]) -> None:
        """Sound the one cue that matters in ``events``, at once and without waiting."""
        ahead, self._ahead = self._ahead, []
        if ahead:  # sounded already by ``play_ahead``
            events = [event for event in events if event not in ahead]
        if self.muted or self._closed or not events:
            return
        try:
            cue = pick_cue(events, self._plan)
            if cue is not None and (cue.sound != "tick" or self.choice.tick):
                self._play(cue)
        except Exception as error:  # a cue must never stop the workout
            self._sound_failed(f"playback failed ({error})")

    def play_ahead(self, events: Sequence[Event]) -> None:
        """Sound now the cue of ``events``, due ``lead`` seconds from now (the session's
        ``upcoming``), so it is heard on time; handled when they come, they sound no more."""
        self.handle(events)
        self._ahead = list(events)

    def wait(self, timeout: float = 3.0) -> None:
        """Block until the cue playing has ended (for a command-line exit; never on the event loop)."""

    def close(self) -> None:
        """A workout is over; its finish cue rings out (the player serves the next one)."""

    def shutdown(self) -> None:
        """The program ends: stop any sound and ignore later events."""
        self._closed = True

    def _play(self, cue: Cue) -> None:
        if cue.sound == "switch":
            self._ring()

    def _ring(self) -> None:
        if self._bell is None:
            return
        try:
            self._bell()
        except Exception:
            self._bell = None

    def _cue_started(self, seconds: float) -> None:
        for observer in self.cue_observers:
            try:
                observer(seconds)
            except Exception:  # an observer must never cost a cue
                pass

    def _sound_failed(self, reason: str) -> None:
        # Replaces any earlier notice: a shell shows the notice again when it changes.
        self.notice = f"sound off: {reason}; {BELL_OFF_NOTE}"


class SilentPlayer(CuePlayer):
    """Plays nothing; records the cues it would have played (for tests and sound-off runs)."""

    def __init__(self, *, mute: bool = False, notice: str | None = None,
                 bell: Bell | None = None) -> None:
        super().__init__(mute=mute, notice=notice, bell=bell)
        self.played: list[str] = []
        """Cue names, in order (muted moments left out)."""
        self.cues: list[Cue] = []
        """The same cues with the phrases a voice would have spoken."""

    def _play(self, cue: Cue) -> None:
        self.played.append(cue.sound)
        self.cues.append(cue)
        super()._play(cue)


class SimpleaudioPlayer(CuePlayer):
    """Plays cues through simpleaudio; a new cue cuts the one still playing."""

    lead = SIMPLEAUDIO_LEAD
    """Started this far ahead, a cue is heard on time (how it was measured: see there)."""

    def __init__(self, backend: Any, sounds: Mapping[str, Samples], *, mute: bool = False,
                 notice: str | None = None, bell: Bell | None = None,
                 voice: Voice | None = None, choice: SoundChoice = SoundChoice(),
                 voice_flag: bool = False) -> None:
        if voice is not None:  # given a voice, it speaks unless a routine says otherwise
            choice = dataclasses.replace(choice, voice=True)
        super().__init__(mute=mute, notice=notice, bell=bell, choice=choice,
                         voice_flag=voice_flag)
        self._backend = backend
        self._use_sounds(sounds)
        self._loaded = (choice.volume, dict(choice.cues))
        self._voice = voice
        self._voice_volume = choice.volume
        self._playing: Any = None
        self._broken = False

    def prepare(self, plan: Plan) -> None:
        super().prepare(plan)
        choice = self.choice
        if (choice.volume, dict(choice.cues)) != self._loaded:  # the routine's own [sound]
            sounds, notices = load_sounds(choice.cues, choice.volume)
            self._use_sounds(sounds)
            self._loaded = (choice.volume, dict(choice.cues))
            if notices:
                self.notice = "; ".join(notices)
        if choice.voice and (self._voice is None or choice.volume != self._voice_volume):
            executable = find_espeak()
            self._voice = Voice(executable, choice.volume) if executable else None
            self._voice_volume = choice.volume
            if executable is None:
                self.notice = "voice off: espeak-ng is not installed; beeps only"
        if self._voice is not None and choice.voice:
            self._voice.prepare(plan_phrases(plan))
            if self._voice.failure and not self._broken:
                self.notice = f"voice partly off: {self._voice.failure}; beeps go on"

    def _use_sounds(self, sounds: Mapping[str, Samples]) -> None:
        self._buffers = {name: to_bytes(samples) for name, samples in sounds.items()}
        self._samples = dict(sounds)
        self._spoken: dict[Cue, bytes] = {}

    def _play(self, cue: Cue) -> None:
        if self._broken:
            super()._play(cue)
            return
        data = self._buffer(cue)
        self._stop_playing()
        try:
            self._playing = self._backend.play_buffer(data, CHANNELS, SAMPLE_BYTES, RATE)
        except Exception as error:
            self._broken = True
            self._sound_failed(_describe(error))
            super()._play(cue)
            return
        if data is not self._buffers[cue.sound] or cue.sound == "finish":  # spoken, or the end
            self._cue_started(len(data) / (RATE * CHANNELS * SAMPLE_BYTES))

    def _buffer(self, cue: Cue) -> bytes:
        """The cue's sound, followed by its phrases when a voice has them ready."""
        if self._voice is None or not cue.phrases or not self.choice.voice:
            return self._buffers[cue.sound]
        cached = self._spoken.get(cue)
        if cached is not None:
            return cached
        spoken = [samples for phrase in cue.phrases
                  if (samples := self._voice.get(phrase)) is not None]
        if not spoken:
            return self._buffers[cue.sound]
        data = to_bytes(joined(self._samples[cue.sound], *spoken))
        # Cached only once complete: a phrase still rendering must get its turn later.
        if len(spoken) == len(cue.phrases):
            self._spoken[cue] = data
        return data

    def wait(self, timeout: float = 3.0) -> None:
        deadline = time.monotonic() + timeout
        while self._is_playing() and time.monotonic() < deadline:
            time.sleep(0.01)

    def shutdown(self) -> None:
        super().shutdown()
        self._stop_playing()

    def _is_playing(self) -> bool:
        try:
            return self._playing is not None and bool(self._playing.is_playing())
        except Exception:
            return False

    def _stop_playing(self) -> None:
        playing, self._playing = self._playing, None
        if playing is not None:
            try:
                playing.stop()
            except Exception:
                pass


def _describe(error: BaseException) -> str:
    """simpleaudio's "Error opening PCM device. -- CODE: -2 -- MSG: No such..." made readable."""
    parts = [part.strip().rstrip(".") for part in str(error).split(" -- ")]
    message = parts[0] or type(error).__name__
    detail = next((part[len("MSG:"):].strip() for part in parts if part.startswith("MSG:")), "")
    return f"{message.lower()}: {detail}" if detail else message


def load_sounds(custom: Mapping[str, str] | None, volume: int) -> tuple[dict[str, Samples], list[str]]:
    """Every cue's samples at ``volume``: the custom file where one is given and usable.

    Returns the sounds and one notice per custom file that was not usable.
    """
    sounds: dict[str, Samples] = {}
    notices: list[str] = []
    custom = custom or {}
    for name in CUE_NAMES:
        samples: Samples | None = None
        path = custom.get(name)
        if path:
            try:
                samples = load_wav(path)
            except AudioFileError as error:
                notices.append(f"custom sound for {name} ({path}): {error}; using the built-in one")
        if samples is None:
            samples = builtin_samples(name)
        sounds[name] = scaled(samples, volume)
    for name in custom:
        if name not in CUE_NAMES:
            notices.append(f"no cue named {name!r}; cues are {', '.join(CUE_NAMES)}")
    return sounds, notices


def make_player(*, mute: bool = False, voice: bool = False, volume: int = 100,
                custom: dict[str, str] | None = None, bell: Callable[[], None] | None = None,
                voice_flag: bool = False) -> CuePlayer:
    """The best player this machine allows; never raises (sound off means a notice).

    ``voice``, ``volume`` and ``custom`` are the settings' (``voice``: or ``--voice``); a
    routine's ``[sound]`` goes over them for its workout, but for ``voice_flag`` (``--voice``).
    """
    bell = bell if bell is not None else terminal_bell
    try:
        return _make_player(mute=mute, voice=voice, volume=volume, custom=custom, bell=bell,
                            voice_flag=voice_flag)
    except Exception as error:  # whatever goes wrong, the workout goes on
        return SilentPlayer(mute=mute, bell=bell,
                            notice=f"sound off: {error}; {BELL_OFF_NOTE}")


def _make_player(*, mute: bool, voice: bool, volume: int, custom: dict[str, str] | None,
                 bell: Bell, voice_flag: bool) -> CuePlayer:
    choice = SoundChoice(volume=volume, voice=voice, cues=dict(custom or {}))
    notices: list[str] = []
    alsa.silence_alsa_errors()
    try:
        import simpleaudio
    except ImportError:
        return SilentPlayer(mute=mute, bell=bell, notice=(
            f"sound off: simpleaudio is not installed (pip install 'hiptimer[sound]'); "
            f"{BELL_OFF_NOTE}"))
    # A muted start stays off the device entirely: a problem shows when unmuted.
    problem = None if mute else alsa.default_device_problem()
    if problem is not None:
        return SilentPlayer(mute=mute, bell=bell,
                            notice=f"sound off: no sound device ({problem}); {BELL_OFF_NOTE}")
    sounds, sound_notices = load_sounds(custom, volume)
    notices.extend(sound_notices)
    speaker: Voice | None = None
    if voice:
        executable = find_espeak()
        if executable is None:
            notices.append("voice off: espeak-ng is not installed; beeps only")
        else:
            speaker = Voice(executable, volume)
    return SimpleaudioPlayer(simpleaudio, sounds, mute=mute, bell=bell, voice=speaker,
                             notice="; ".join(notices) or None, choice=choice,
                             voice_flag=voice_flag)
