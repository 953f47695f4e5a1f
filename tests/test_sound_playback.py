"""Real playback through simpleaudio and ALSA, captured by an ALSA file sink (no sound card needed).

Each run is a subprocess whose HOME holds an ``.asoundrc``, so ALSA reads it
before libasound loads; every playback lands in its own file (cue.raw,
cue.raw.0001, ...) that is compared with the samples the cue should have.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import wave
from array import array
from pathlib import Path
from typing import Any

import pytest

from hiptimer.sound.audio import RATE, builtin_samples, from_bytes, scaled, to_bytes
from hiptimer.sound.cues import CUE_NAMES, Cue
from hiptimer.sound.player import SimpleaudioPlayer, make_player

REPO = Path(__file__).resolve().parent.parent


CHILD = r"""
import json, sys, time
from hiptimer.core.events import Countdown, Finished, Halfway, SideSwitched, StepStarted
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.sound.player import make_player

spec = json.loads(sys.argv[1])
plan = build_plan(Routine("t", (Exercise("Pigeon", hold=30, sides="each"),
                                Exercise("Bridge", reps=3, tempo=2)), Timing(prepare=5, rest=10)))
def started(i): return StepStarted(0.0, i, plan.steps[i])
MOMENTS = {"pip": [Countdown(0.0, 1, 3)], "go": [started(1)],
           "switch": [started(2), SideSwitched(0.0, 2, "right")], "right": [started(3)],
           "rest": [started(4)], "halfway": [Halfway(0.0, 1)], "tick": [started(6)],
           "finish": [Finished(0.0, True, 7, 0)]}
bells = []
player = make_player(bell=lambda: bells.append(1), **spec["make"])
if spec.get("prepare"):
    player.prepare(plan)
handle_ms = []
for moment in spec["moments"]:
    if moment == "toggle-mute":
        player.muted = not player.muted
        continue
    began = time.perf_counter()
    player.handle(MOMENTS[moment])
    handle_ms.append((time.perf_counter() - began) * 1000)
    player.wait()
player.shutdown()
print(json.dumps({"kind": type(player).__name__, "notice": player.notice, "bells": len(bells),
                  "handle_ms": handle_ms}))
"""


def asoundrc_capturing(home: Path, out: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    out.mkdir(parents=True, exist_ok=True)
    (home / ".asoundrc").write_text(
        'pcm.!default { type file; slave.pcm { type null }; '
        f'file "{out / "cue.raw"}"; format "raw"; truncate false }}\n')


def asoundrc_without_device(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / ".asoundrc").write_text('pcm.!default { type hw; card 97 }\nctl.!default { type hw; card 97 }\n')


def run_child(home: Path, moments: list[str], path: str | None = None,
              **make: Any) -> dict[str, Any]:
    prepare = bool(make.pop("prepare", False))
    env = {**os.environ, "HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("ALSA_CONFIG_PATH", None)
    if path is not None:
        env["PATH"] = path
    spec = json.dumps({"make": make, "moments": moments, "prepare": prepare})
    result = subprocess.run([sys.executable, "-c", CHILD, spec], capture_output=True, text=True,
                            env=env, timeout=60, cwd=home)
    assert result.stderr == "", result.stderr  # no traceback, no libasound chatter
    assert result.returncode == 0
    return json.loads(result.stdout)


def captured(out: Path) -> list[bytes]:
    """Every playback the device received, in order."""
    def number(path: Path) -> int:
        suffix = path.name.removeprefix("cue.raw").lstrip(".")
        return int(suffix) if suffix else 0
    return [path.read_bytes() for path in sorted(out.glob("cue.raw*"), key=number)]


def expected(name: str, volume: int = 100) -> bytes:
    return to_bytes(scaled(builtin_samples(name), volume))


def write_wav(path: Path, samples: list[int], rate: int = RATE, channels: int = 1) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(to_bytes(array("h", samples)))


@pytest.fixture
def capture(tmp_path: Path) -> tuple[Path, Path]:
    home, out = tmp_path / "home", tmp_path / "out"
    asoundrc_capturing(home, out)
    return home, out


# -- real playback ----------------------------------------------------------------------------


def test_cues_reach_the_device_in_order_with_their_exact_samples(capture: tuple[Path, Path]) -> None:
    home, out = capture
    report = run_child(home, ["pip", "go", "tick", "halfway", "switch", "rest", "finish"])
    assert report["kind"] == "SimpleaudioPlayer" and report["notice"] is None
    assert captured(out) == [expected(name) for name in
                             ("pip", "go", "tick", "halfway", "switch", "rest", "finish")]
    assert report["bells"] == 0  # the bell stands in only when sound is off
    assert max(report["handle_ms"]) < 50  # play_buffer returns at once: no waiting in handle


def test_volume_scales_the_samples_that_reach_the_device(capture: tuple[Path, Path]) -> None:
    home, out = capture
    run_child(home, ["go"], volume=50)
    (played,) = captured(out)
    assert played == expected("go", 50)
    full = from_bytes(expected("go"))
    assert max(from_bytes(played)) == pytest.approx(max(full) / 2, abs=1)


def test_a_muted_player_reaches_the_device_not_at_all_until_unmuted(
        capture: tuple[Path, Path]) -> None:
    home, out = capture
    report = run_child(home, ["go", "switch", "finish", "toggle-mute", "rest"], mute=True)
    assert report["bells"] == 0
    assert captured(out) == [expected("rest")]


def test_volume_zero_plays_silence(capture: tuple[Path, Path]) -> None:
    home, out = capture
    run_child(home, ["go"], volume=0)
    (played,) = captured(out)
    assert set(played) == {0}


def test_custom_sound_replaces_its_cue_and_a_missing_one_falls_back(
        capture: tuple[Path, Path], tmp_path: Path) -> None:
    home, out = capture
    bell = tmp_path / "bell.wav"
    # Stereo at 22050 Hz: converted to the cue format on load.
    tone = [int(8000 * math.sin(2 * math.pi * 440 * i / 22050)) for i in range(2205)]
    write_wav(bell, [sample for sample in tone for _ in range(2)], rate=22050, channels=2)
    report = run_child(home, ["go", "finish"],
                       custom={"go": str(bell), "finish": str(tmp_path / "gone.wav")})
    assert "finish" in report["notice"] and "not found" in report["notice"]
    custom_go, finish = captured(out)
    assert len(custom_go) == 2 * 4410  # 0.1 s at 44100 Hz, mono 16-bit
    assert finish == expected("finish")


def test_voice_speaks_after_the_sound_in_the_same_playback(capture: tuple[Path, Path]) -> None:
    home, out = capture
    report = run_child(home, ["go", "pip", "switch"], voice=True, prepare=True, volume=80)
    assert report["notice"] is None
    go_spoken, pip, switch_spoken = captured(out)
    go, switch = expected("go", 80), expected("switch", 80)
    assert go_spoken.startswith(go) and len(go_spoken) > len(go) + 2 * RATE // 2  # + "Pigeon, left side"
    assert pip == expected("pip", 80)  # nothing to say on a pip
    assert switch_spoken.startswith(switch) and len(switch_spoken) > len(switch) + 2 * RATE // 4
    assert max(from_bytes(go_spoken[len(go):])) <= 0.5 * 32767 * 0.8 + 1  # the volume applies to speech


def test_voice_without_espeak_says_so_once_and_keeps_the_beeps(
        capture: tuple[Path, Path], tmp_path: Path) -> None:
    home, out = capture
    empty = tmp_path / "no-programs"
    empty.mkdir()
    report = run_child(home, ["go", "switch"], path=str(empty), voice=True, prepare=True)
    assert report["notice"] == "voice off: espeak-ng is not installed; beeps only"
    assert captured(out) == [expected("go"), expected("switch")]


# -- no sound device ----------------------------------------------------------------------------


def test_without_a_sound_device_the_workout_goes_on_with_a_notice_and_the_bell(
        tmp_path: Path) -> None:
    home = tmp_path / "home"
    asoundrc_without_device(home)
    report = run_child(home, ["pip", "go", "switch", "rest", "switch", "finish"])  # stderr empty
    assert report["kind"] == "SilentPlayer"
    assert report["notice"].startswith("sound off: no sound device")
    assert "terminal bell" in report["notice"]
    assert report["bells"] == 2  # one per change of sides, nothing else


def test_without_a_sound_device_a_muted_player_rings_no_bell(tmp_path: Path) -> None:
    home = tmp_path / "home"
    asoundrc_without_device(home)
    report = run_child(home, ["switch", "toggle-mute", "switch"])
    assert report["bells"] == 1


# -- playback errors and the fallback, in process ---------------------------------------------


class BrokenBackend:
    """A simpleaudio stand-in whose device disappears after ``works`` cues."""

    def __init__(self, works: int = 0) -> None:
        self.works = works
        self.played: list[bytes] = []

    def play_buffer(self, data: bytes, channels: int, width: int, rate: int) -> Any:
        if len(self.played) >= self.works:
            raise RuntimeError("Error opening PCM device. -- CODE: -19 -- MSG: No such device")
        self.played.append(data)
        return FinishedPlayback()


class FinishedPlayback:
    def is_playing(self) -> bool:
        return False

    def stop(self) -> None:
        pass


def test_a_playback_error_mid_workout_turns_sound_off_with_a_notice_and_the_bell() -> None:
    bells: list[int] = []
    backend = BrokenBackend(works=1)
    sounds = {name: builtin_samples(name) for name in CUE_NAMES}
    player = SimpleaudioPlayer(backend, sounds, bell=lambda: bells.append(1))
    player._play(Cue("go"))
    player.handle([])  # nothing to do
    from hiptimer.core.events import Finished, SideSwitched
    player.handle([SideSwitched(0.0, 2, "right")])  # raises inside: caught
    assert player.notice == ("sound off: error opening pcm device: No such device; "
                             "the terminal bell marks side switches")
    assert bells == [1]
    player.handle([SideSwitched(0.0, 4, "left"), Finished(0.0, True, 1, 0)])
    assert len(backend.played) == 1 and bells == [1]  # finish outranks the switch: no bell


def test_make_player_never_raises_and_a_broken_bell_is_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    from hiptimer.core.events import SideSwitched
    from hiptimer.sound import player as player_module

    def explode(**kwargs: Any) -> Any:
        raise OSError("disk on fire")

    rung: list[int] = []

    def broken_bell() -> None:
        rung.append(1)
        raise OSError("terminal gone")

    monkeypatch.setattr(player_module, "_make_player", explode)
    player = make_player(bell=broken_bell)
    assert player.notice is not None and "disk on fire" in player.notice
    player.handle([SideSwitched(0.0, 2, "right")])
    player.handle([SideSwitched(0.0, 4, "left")])
    assert rung == [1]  # tried once, then left alone


# -- the built-in sounds -------------------------------------------------------------------------


def read_wav(path: Path) -> tuple[wave._wave_params, array]:
    with wave.open(str(path)) as source:
        return source.getparams(), from_bytes(source.readframes(source.getnframes()))


def test_built_in_sounds_are_short_clickless_distinct_and_at_a_sensible_level() -> None:
    from importlib.resources import as_file, files

    seen: dict[bytes, str] = {}
    for name in CUE_NAMES:
        with as_file(files("hiptimer.sounds").joinpath(f"{name}.wav")) as path:
            params, samples = read_wav(path)
        assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, RATE), name
        assert 0.03 < len(samples) / RATE <= 1.5, name
        assert samples[0] == 0 and samples[-1] == 0, name  # faded in and out: no click
        peak_db = 20 * math.log10(max(abs(sample) for sample in samples) / 32767)
        assert -10 < peak_db < -5, (name, peak_db)
        seen[samples.tobytes()] = name
    assert len(seen) == len(CUE_NAMES)


def test_make_sounds_regenerates_the_committed_files(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "make_sounds.py"),
                             "--out", str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    for name in CUE_NAMES:
        _, made = read_wav(tmp_path / f"{name}.wav")
        _, committed = read_wav(REPO / "sounds" / f"{name}.wav")
        assert len(made) == len(committed), name
        # A different libm may round a sample the other way; nothing more.
        assert max(abs(a - b) for a, b in zip(made, committed)) <= 1, name


# -- reading the WAV files people have ---------------------------------------------------------


def riff(encoding: int, channels: int, rate: int, bits: int, body: bytes, *,
         extensible: bool = False, data_size: int | None = None) -> bytes:
    """A WAV file by hand: ``extensible`` writes the header 24-bit editors use."""
    width = bits // 8
    common = (channels.to_bytes(2, "little") + rate.to_bytes(4, "little")
              + (rate * channels * width).to_bytes(4, "little")
              + (channels * width).to_bytes(2, "little") + bits.to_bytes(2, "little"))
    if extensible:
        guid_tail = bytes.fromhex("000000001000800000aa00389b71")
        fmt = ((0xFFFE).to_bytes(2, "little") + common + (22).to_bytes(2, "little")
               + bits.to_bytes(2, "little") + (0).to_bytes(4, "little")
               + encoding.to_bytes(2, "little") + guid_tail)
    else:
        fmt = encoding.to_bytes(2, "little") + common
    size = len(body) if data_size is None else data_size
    chunks = (b"fmt " + len(fmt).to_bytes(4, "little") + fmt
              + b"LIST" + (4).to_bytes(4, "little") + b"INFO"  # a chunk to skip
              + b"data" + size.to_bytes(4, "little") + body)
    return b"RIFF" + (4 + len(chunks)).to_bytes(4, "little") + b"WAVE" + chunks


def test_24_bit_extensible_float_and_8_bit_files_all_decode_to_the_same_tone() -> None:
    import struct

    from hiptimer.sound.audio import decode_wav

    tone = [math.sin(2 * math.pi * 441 * i / RATE) * 0.5 for i in range(441)]
    reference = [int(value * 32767) for value in tone]
    as_24 = b"".join(int(value * 8388607).to_bytes(3, "little", signed=True) for value in tone)
    as_float = struct.pack(f"<{len(tone)}f", *tone)
    as_8 = bytes(int(value * 127) + 128 for value in tone)
    for data, slack in ((riff(1, 1, RATE, 24, as_24, extensible=True), 2),
                        (riff(3, 1, RATE, 32, as_float), 2),
                        (riff(1, 1, RATE, 8, as_8), 400),  # 8 bits: steps of 256
                        (riff(1, 1, RATE, 24, as_24, data_size=0xFFFFFFF0), 2)):  # piped espeak-ng
        samples = decode_wav(data)
        assert len(samples) == len(reference)
        assert max(abs(a - b) for a, b in zip(samples, reference)) <= slack


def test_files_that_are_not_usable_wavs_say_why() -> None:
    from hiptimer.sound.audio import AudioFileError, decode_wav

    for data, reason in ((b"ID3\x03 an mp3", "not a WAV file"),
                         (riff(2, 1, RATE, 4, b"\0" * 64), "unsupported WAV encoding"),
                         (riff(1, 1, RATE, 16, b""), "holds no sound")):
        with pytest.raises(AudioFileError, match=reason):
            decode_wav(data)


# -- the voice, with a stand-in espeak-ng -------------------------------------------------------


def fake_espeak(folder: Path, *, works: bool = True) -> Path:
    """An espeak-ng that logs its arguments and text and answers with a 0.1 s WAV."""
    folder.mkdir(parents=True, exist_ok=True)
    reply = folder / "reply.wav"
    write_wav(reply, [1000] * 2205, rate=22050)
    script = folder / "espeak-ng"
    body = (f'printf "%s\\n" "$@" >> "{folder}/argv"\ncat >> "{folder}/text"\necho >> "{folder}/text"\n'
            + (f'cat "{reply}"\n' if works else 'echo "espeak-ng: no voice data" >&2\nexit 1\n'))
    script.write_text("#!/bin/sh\n" + body)
    script.chmod(0o755)
    return script


def test_a_routine_name_reaches_espeak_as_text_never_as_options_or_shell(tmp_path: Path) -> None:
    from hiptimer.sound.voice import Voice

    script = fake_espeak(tmp_path / "bin")
    voice = Voice(str(script), volume=100)
    hostile = '--help; rm -rf ~ $(reboot) `id` "quoted"'
    voice.prepare([hostile, "left side"])
    assert voice.get(hostile) is not None and voice.failure is None
    assert (tmp_path / "bin" / "argv").read_text().split() == ["--stdout", "--stdin"] * 2
    assert (tmp_path / "bin" / "text").read_text().splitlines() == [hostile, "left side"]
    assert len(voice.get("left side")) == 4410  # 22050 Hz doubled to the cue rate


def test_a_broken_espeak_gives_a_notice_keeps_the_beeps_and_stops_trying(tmp_path: Path) -> None:
    from hiptimer.core.events import StepStarted
    from hiptimer.core.model import Exercise, Routine
    from hiptimer.core.plan import build_plan
    from hiptimer.sound.voice import Voice

    script = fake_espeak(tmp_path / "bin", works=False)
    backend = BrokenBackend(works=10)
    sounds = {name: builtin_samples(name) for name in CUE_NAMES}
    player = SimpleaudioPlayer(backend, sounds, voice=Voice(str(script)))
    plan = build_plan(Routine("t", tuple(Exercise(f"Move {i}", hold=30) for i in range(8))))
    player.prepare(plan)
    assert player.notice == "voice partly off: espeak-ng failed: espeak-ng: no voice data; beeps go on"
    assert len((tmp_path / "bin" / "text").read_text().splitlines()) == 3  # then it gave up
    player.handle([StepStarted(0.0, 1, plan.steps[1])])
    assert backend.played == [expected("go")]
