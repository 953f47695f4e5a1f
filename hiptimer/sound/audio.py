"""Cue samples in one format (44100 Hz, mono, signed 16-bit): loading, converting, scaling.

Everything is converted to this format on load, so a custom WAV file and a
spoken phrase can be joined to a built-in cue and played the same way.
Standard library only (``array`` and ``wave``).
"""

from __future__ import annotations

import sys
from array import array
from importlib.resources import files
from pathlib import Path

from hiptimer.files import FileRefused, read_small_file

RATE = 44100
CHANNELS = 1
SAMPLE_BYTES = 2
MAX_SECONDS = 5.0
"""A cue longer than this is cut (with a short fade) so it cannot drown the next one."""
FADE_SECONDS = 0.02
MAX_WAV_BYTES = 10 * 1024 * 1024

Samples = array  # array('h') of mono 16-bit samples at RATE


class AudioFileError(Exception):
    """A WAV file that cannot be used; the message says why, in a user's words."""


def builtin_samples(name: str) -> Samples:
    """The built-in cue ``name`` (``sounds/NAME.wav``, shipped as ``hiptimer.sounds``)."""
    data = files("hiptimer.sounds").joinpath(f"{name}.wav").read_bytes()
    return decode_wav(data)


def load_wav(path: str | Path) -> Samples:
    """A WAV file from disk, converted; raises AudioFileError with the reason.

    Only an ordinary file of at most 10 MiB is read (checked before opening it):
    a cue is cut at 5 s anyway, and a FIFO or a device would never end.
    """
    if not Path(path).expanduser().exists():
        raise AudioFileError("file not found")
    try:
        data = read_small_file(path, MAX_WAV_BYTES, "WAV file")
    except FileRefused as refused:
        raise AudioFileError(str(refused)) from None
    return decode_wav(data)


def decode_wav(data: bytes) -> Samples:
    """WAV bytes (PCM 8/16/24/32-bit or float, any channels and rate) to cue samples."""
    encoding, channels, rate, width, frames = _parse_wav(data)
    frame_bytes = width * channels
    frames = frames[: min(len(frames) - len(frames) % frame_bytes,
                          int(MAX_SECONDS * rate) * frame_bytes)]
    samples = _float_to_16_bit(frames, width) if encoding == FLOAT else _to_16_bit(frames, width)
    if channels > 1:
        samples = _to_mono(samples, channels)
    if rate != RATE:
        samples = _resample(samples, rate)
    if len(samples) >= int(MAX_SECONDS * RATE):
        samples = _fade_out(samples[: int(MAX_SECONDS * RATE)])
    if not samples:
        raise AudioFileError("holds no sound")
    return samples


PCM, FLOAT, EXTENSIBLE = 1, 3, 0xFFFE


def _parse_wav(data: bytes) -> tuple[int, int, int, int, bytes]:
    """(encoding, channels, rate, bytes per sample, sample bytes) from a RIFF WAVE file.

    Read by hand rather than with ``wave``, which before Python 3.12 refuses
    the extensible header that 24-bit and multichannel files carry, and never
    reads float samples. A data size past the end (espeak-ng writing to a pipe
    cannot know it) means "to the end".
    """
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFileError("not a WAV file")
    fmt: tuple[int, int, int, int] | None = None
    position = 12
    while position + 8 <= len(data):
        chunk, size = data[position:position + 4], int.from_bytes(data[position + 4:position + 8], "little")
        body = data[position + 8:position + 8 + size]
        if chunk == b"fmt " and len(body) >= 16:
            encoding = int.from_bytes(body[0:2], "little")
            if encoding == EXTENSIBLE and len(body) >= 26:
                encoding = int.from_bytes(body[24:26], "little")  # the sub-format GUID's tag
            channels = int.from_bytes(body[2:4], "little")
            rate = int.from_bytes(body[4:8], "little")
            bits = int.from_bytes(body[14:16], "little")
            fmt = (encoding, channels, rate, (bits + 7) // 8)
        elif chunk == b"data":
            if fmt is None:
                break
            encoding, channels, rate, width = fmt
            supported = (encoding == PCM and width in (1, 2, 3, 4)) or (encoding == FLOAT and width in (4, 8))
            if not supported or channels < 1 or rate < 1:
                raise AudioFileError("unsupported WAV encoding (use PCM or float samples)")
            return encoding, channels, rate, width, body
        position += 8 + size + size % 2  # chunks are padded to even sizes
    raise AudioFileError("not a WAV file (no format or sound data)")


def scaled(samples: Samples, volume: int) -> Samples:
    """``samples`` at ``volume`` percent (0-100) of their level."""
    volume = max(0, min(100, int(volume)))
    if volume == 100:
        return array("h", samples)
    return array("h", (sample * volume // 100 for sample in samples))


def normalised(samples: Samples, peak: float) -> Samples:
    """``samples`` rescaled so the loudest is ``peak`` of full scale."""
    loudest = max((abs(sample) for sample in samples), default=0)
    if loudest == 0:
        return array("h", samples)
    factor = peak * 32767 / loudest
    return array("h", (int(sample * factor) for sample in samples))


def joined(first: Samples, *rest: Samples, gap: float = 0.06) -> Samples:
    """The sounds one after another with ``gap`` seconds of silence between them."""
    silence = array("h", bytes(2 * int(gap * RATE)))
    result = array("h", first)
    for part in rest:
        result.extend(silence)
        result.extend(part)
    return result


def to_bytes(samples: Samples) -> bytes:
    """Little-endian bytes for the sound device."""
    if sys.byteorder == "little":
        return samples.tobytes()
    swapped = array("h", samples)
    swapped.byteswap()
    return swapped.tobytes()


def from_bytes(data: bytes) -> Samples:
    """Little-endian 16-bit bytes to samples (the inverse of to_bytes)."""
    samples = array("h", data[: len(data) - len(data) % 2])
    if sys.byteorder != "little":
        samples.byteswap()
    return samples


def _to_16_bit(frames: bytes, width: int) -> Samples:
    if width == 2:
        return from_bytes(frames)
    if width == 1:  # 8-bit WAV is unsigned
        return array("h", ((byte - 128) << 8 for byte in frames))
    if width == 4:
        wide = array("i", frames)
        if sys.byteorder != "little":
            wide.byteswap()
        return array("h", (sample >> 16 for sample in wide))
    return array("h", (int.from_bytes(frames[i:i + 3], "little", signed=True) >> 8
                       for i in range(0, len(frames), 3)))


def _float_to_16_bit(frames: bytes, width: int) -> Samples:
    values = array("f" if width == 4 else "d", frames)
    if sys.byteorder != "little":
        values.byteswap()
    return array("h", (int(max(-1.0, min(1.0, value)) * 32767) if value == value else 0
                       for value in values))


def _to_mono(samples: Samples, channels: int) -> Samples:
    return array("h", (sum(samples[i:i + channels]) // channels
                       for i in range(0, len(samples), channels)))


def _resample(samples: Samples, rate: int) -> Samples:
    """Linear interpolation to RATE: plenty for short cues."""
    if len(samples) < 2:
        return array("h", samples)
    if rate * 2 == RATE:  # espeak-ng's 22050 Hz: the fast path, sample and midpoint
        out = array("h", bytes(4 * len(samples)))
        out[0::2] = samples
        following = samples[1:]
        following.append(samples[-1])
        out[1::2] = array("h", map(_midpoint, samples, following))
        return out
    step = rate / RATE
    count = int((len(samples) - 1) / step) + 1
    out = array("h", bytes(2 * count))
    for index in range(count):
        position = index * step
        base = int(position)
        fraction = position - base
        following = samples[base + 1] if base + 1 < len(samples) else samples[base]
        out[index] = int(samples[base] + (following - samples[base]) * fraction)
    return out


def _midpoint(first: int, second: int) -> int:
    return (first + second) >> 1


def _fade_out(samples: Samples) -> Samples:
    length = min(len(samples), int(FADE_SECONDS * RATE))
    start = len(samples) - length
    for offset in range(length):
        samples[start + offset] = samples[start + offset] * (length - offset - 1) // length
    return samples
