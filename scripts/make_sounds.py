#!/usr/bin/env python3
"""Generate hiptimer's built-in cue sounds (sounds/*.wav) with the standard library.

Re-run it after changing a sound:  python scripts/make_sounds.py [--out DIR]

Every cue is a few sine notes (with a little of the second harmonic so small
laptop speakers carry it) under smooth attack/release envelopes, so no sound
starts or ends with a click. Output: 44100 Hz, mono, 16-bit PCM. The result is
deterministic: running the script twice writes the same samples.
"""

from __future__ import annotations

import argparse
import math
import wave
from dataclasses import dataclass
from pathlib import Path

RATE = 44100
ATTACK = 0.005
"""Seconds of raised-cosine fade-in at every note's start."""
RELEASE = 0.015
"""Seconds of raised-cosine fade-out at every note's end."""

SOUNDS_DIR = Path(__file__).resolve().parent.parent / "sounds"


@dataclass(frozen=True)
class Note:
    start: float
    """Seconds from the start of the sound."""
    frequency: float
    length: float
    decay: float | None = None
    """Time constant (s) of an exponential, bell-like decay; None holds the level."""
    harmonic: float = 0.2
    """Level of the second harmonic relative to the fundamental."""
    level: float = 1.0


@dataclass(frozen=True)
class Sound:
    notes: tuple[Note, ...]
    peak: float
    """Peak amplitude after mixing, as a fraction of full scale."""


def _notes(frequencies: list[float], spacing: float, length: float, **kwargs: float) -> tuple[Note, ...]:
    return tuple(Note(index * spacing, frequency, length, **kwargs)
                 for index, frequency in enumerate(frequencies))


# Peaks stay between about -9 and -6 dBFS: audible across a room at a normal
# system volume without being harsh; the tick, heard every few seconds, is the quietest.
SOUNDS: dict[str, Sound] = {
    # Get ready: a short A5 pip, as in a race-start countdown...
    "pip": Sound((Note(0.0, 880.0, 0.09),), peak=0.40),
    # ...ending on a long tone an octave higher.
    "go": Sound((Note(0.0, 1760.0, 0.40, decay=0.6, harmonic=0.15),), peak=0.50),
    # A soft wood-block tock for each paced rep.
    "tick": Sound((Note(0.0, 1500.0, 0.045, decay=0.012, harmonic=0.5),), peak=0.35),
    # Hi-lo-hi-lo: nothing else alternates pitch, so it cannot be taken for "go".
    "switch": Sound(_notes([988.0, 659.3, 988.0, 659.3], 0.13, 0.11), peak=0.50),
    # A calm falling chime: G5 then C5.
    "rest": Sound(_notes([784.0, 523.3], 0.22, 0.55, decay=0.25), peak=0.45),
    # Two quick high pips.
    "halfway": Sound(_notes([1318.5, 1318.5], 0.14, 0.07), peak=0.40),
    # A rising C major arpeggio, the last note ringing.
    "finish": Sound(_notes([523.3, 659.3, 784.0], 0.12, 0.30, decay=0.3)
                    + (Note(0.36, 1046.5, 0.90, decay=0.35),), peak=0.50),
}


def _envelope(note: Note, t: float) -> float:
    """Amplitude of ``note`` at ``t`` seconds after its start (0 outside it)."""
    if t < 0.0 or t >= note.length:
        return 0.0
    level = note.level
    if t < ATTACK:
        level *= 0.5 - 0.5 * math.cos(math.pi * t / ATTACK)
    remaining = note.length - t
    if remaining < RELEASE:
        level *= 0.5 - 0.5 * math.cos(math.pi * remaining / RELEASE)
    if note.decay is not None:
        level *= math.exp(-t / note.decay)
    return level


def render(sound: Sound) -> list[int]:
    """The sound as 16-bit samples, normalised to its peak."""
    length = max(note.start + note.length for note in sound.notes)
    frames = int(round(length * RATE))
    mix = [0.0] * frames
    for note in sound.notes:
        first = int(round(note.start * RATE))
        omega = 2.0 * math.pi * note.frequency / RATE
        for offset in range(int(round(note.length * RATE))):
            frame = first + offset
            if frame >= frames:
                break
            amplitude = _envelope(note, offset / RATE)
            phase = omega * offset
            mix[frame] += amplitude * (math.sin(phase) + note.harmonic * math.sin(2.0 * phase))
    loudest = max(abs(value) for value in mix) or 1.0
    scale = sound.peak * 32767.0 / loudest
    return [int(round(value * scale)) for value in mix]


def write_wav(path: Path, samples: list[int]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(sample.to_bytes(2, "little", signed=True) for sample in samples))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SOUNDS_DIR,
                        help="folder to write the WAV files to (default: the repo's sounds/)")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, sound in SOUNDS.items():
        path = args.out / f"{name}.wav"
        samples = render(sound)
        write_wav(path, samples)
        print(f"{path}  {len(samples) / RATE:.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
