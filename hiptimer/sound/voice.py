"""Spoken cues: phrases rendered ahead of time by espeak-ng into cue samples.

A phrase is rendered once (about 10 ms each) and kept in memory, so speaking
it later costs no more than a beep. espeak-ng is run with an argument list and
the text on standard input: a routine's exercise name is user data and never
reaches a shell or the command line (a name starting with "-" stays text).
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterable

from hiptimer.sound.audio import AudioFileError, Samples, decode_wav, normalised, scaled

SPEECH_PEAK = 0.5
"""Spoken phrases are brought to the level of the loudest built-in cues."""
RENDER_TIMEOUT = 10.0
MAX_PHRASE_CHARS = 200
MAX_FAILURES = 3


def find_espeak() -> str | None:
    return shutil.which("espeak-ng")


class Voice:
    """Renders and keeps phrases; safe to fill from a worker thread while another reads."""

    def __init__(self, executable: str, volume: int = 100) -> None:
        self.executable = executable
        self.volume = volume
        self._phrases: dict[str, Samples] = {}
        self._lock = threading.Lock()
        self.failure: str | None = None
        """Why the last phrase could not be rendered, for a notice."""

    def prepare(self, phrases: Iterable[str]) -> None:
        """Render every phrase not rendered yet (blocking: call it off the event loop)."""
        failures = 0
        for phrase in phrases:
            if phrase in self._phrases:
                continue
            samples = self.render(phrase)
            if samples is not None:
                with self._lock:
                    self._phrases[phrase] = samples
            else:
                failures += 1
                if failures >= MAX_FAILURES:  # a broken espeak-ng: stop trying, keep the beeps
                    return

    def get(self, phrase: str) -> Samples | None:
        """The rendered phrase, or None if it has not been (or could not be) rendered."""
        return self._phrases.get(phrase)

    def render(self, phrase: str) -> Samples | None:
        text = " ".join(phrase.split())[:MAX_PHRASE_CHARS]
        if not text:
            return None
        try:
            result = subprocess.run(
                [self.executable, "--stdout", "--stdin"],
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=RENDER_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.SubprocessError) as error:
            self.failure = f"espeak-ng failed: {error}"
            return None
        if result.returncode != 0 or not result.stdout:
            detail = result.stderr.decode(errors="replace").strip().splitlines()
            self.failure = f"espeak-ng failed: {detail[0] if detail else f'exit {result.returncode}'}"
            return None
        try:
            samples = decode_wav(result.stdout)
        except AudioFileError as error:
            self.failure = f"espeak-ng gave unusable audio: {error}"
            return None
        return scaled(normalised(samples, SPEECH_PEAK), self.volume)
