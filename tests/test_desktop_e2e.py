"""Real ``hiptimer run --plain`` workouts on a private session bus with a test screensaver and players.

Sound goes to the ALSA file sink of the sound tests, so spoken cues really
play (and run faster than real time); the music is ducked for their length.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_bus import Desktop, wait_for
from test_sound_playback import asoundrc_capturing

REPO = Path(__file__).resolve().parent.parent
SHORT = ('name = "Short"\n[timing]\nprepare = 0\ncountdown = 0\n'
         '[[exercise]]\nname = "Bridge"\nhold = 2\n')
LONG = 'name = "Long"\n[timing]\nprepare = 0\n[[exercise]]\nname = "Bridge"\nhold = 60\n'


def start(tmp_path: Path, routine: str, bus: Desktop | None, *flags: str) -> subprocess.Popen[str]:
    path = tmp_path / "routine.toml"
    path.write_text(routine, encoding="utf-8")
    user = tmp_path / "user"
    asoundrc_capturing(user, tmp_path / "out")
    env = {**os.environ, "HOME": str(user), "HIPTIMER_HOME": str(tmp_path / "hiptimer"),
           "PYTHONPATH": str(REPO)}
    env.pop("ALSA_CONFIG_PATH", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    if bus is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.address
    return subprocess.Popen([sys.executable, "-m", "hiptimer", "run", str(path), "--plain", *flags],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            text=True, env=env)


def finish(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=30)
    return process.returncode, out, err


def test_a_workout_holds_the_screen_awake_and_music_makes_way_for_its_spoken_cues(
        tmp_path: Path, desktop: Desktop) -> None:
    screensaver = desktop.screensaver()
    playing = desktop.player("vlc", volume=0.8)
    paused = desktop.player("spotify", status="Paused", volume=0.6)
    process = start(tmp_path, SHORT, desktop, "--voice")
    assert wait_for(lambda: screensaver.held, timeout=10)  # held while the workout runs
    assert wait_for(lambda: playing.calls, timeout=10)
    assert playing.calls[0] == ("Volume", pytest.approx(0.24))  # "go, Bridge": lowered
    code, out, err = finish(process)
    assert (code, err) == (0, "")
    assert "note:" not in out
    assert [i.released_by for i in screensaver.inhibitions] == ["UnInhibit"]
    calls = playing.calls
    # Lowered for "Bridge" and for "done", and each time given back exactly.
    assert calls == [("Volume", pytest.approx(0.24)), ("Volume", 0.8)] * 2
    assert playing.state.volume == 0.8
    assert paused.calls == [] and paused.state.volume == 0.6


def test_stopping_with_ctrl_c_releases(tmp_path: Path, desktop: Desktop) -> None:
    screensaver = desktop.screensaver()
    process = start(tmp_path, LONG, desktop, "--mute")
    assert wait_for(lambda: screensaver.held, timeout=10)
    process.send_signal(signal.SIGINT)
    code, _, err = finish(process)
    assert (code, err) == (130, "")
    assert [i.released_by for i in screensaver.inhibitions] == ["UnInhibit"]


def test_a_killed_workout_loses_its_inhibition_through_the_bus(tmp_path: Path,
                                                               desktop: Desktop) -> None:
    screensaver = desktop.screensaver()
    process = start(tmp_path, LONG, desktop, "--mute")
    try:
        assert wait_for(lambda: screensaver.held, timeout=10)
        process.kill()
        process.wait(10)
        assert wait_for(lambda: not screensaver.held)
        assert [i.released_by for i in screensaver.inhibitions] == ["bus"]
    finally:
        process.kill()
        process.communicate()


@pytest.mark.parametrize("bus", ["none", "empty"])
def test_without_a_bus_or_its_services_the_workout_is_the_same(tmp_path: Path, desktop: Desktop,
                                                               bus: str) -> None:
    process = start(tmp_path, SHORT, desktop if bus == "empty" else None, "--voice")
    code, out, err = finish(process)
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == "Short: 1 steps, 0:02"
    assert "note:" not in out
    assert out.splitlines()[-1].endswith("finished: 1 steps done, 0 skipped")
