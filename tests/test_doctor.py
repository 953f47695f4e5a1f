"""``hiptimer doctor``: the real command, with a captured sound device and a private session bus."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop_bus import Desktop
from desktop_support import a_plan
from hiptimer.history.schema import LATEST_VERSION
from hiptimer.history.opening import open_store
from test_sound_playback import asoundrc_capturing, asoundrc_without_device

REPO = Path(__file__).resolve().parent.parent


def doctor(tmp_path: Path, *, sound: bool = True, bus: Desktop | None = None,
           home: Path | None = None, config: str | None = None,
           path: str | None = None) -> tuple[int, dict[str, str]]:
    """Run ``hiptimer doctor``; its exit code and each part's "STATUS DETAIL"."""
    user = tmp_path / "user"
    if sound:
        asoundrc_capturing(user, tmp_path / "out")
    else:
        asoundrc_without_device(user)
    home = home if home is not None else tmp_path / "hiptimer"
    if config is not None:
        home.mkdir(parents=True, exist_ok=True)
        (home / "config.toml").write_text(config)
    env = {**os.environ, "HOME": str(user), "HIPTIMER_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("ALSA_CONFIG_PATH", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    if bus is not None:
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.address
    if path is not None:
        env["PATH"] = path
    result = subprocess.run([sys.executable, "-m", "hiptimer", "doctor"], capture_output=True,
                            text=True, env=env, timeout=30)
    assert result.stderr == ""
    lines = {}
    for line in result.stdout.splitlines():
        part, rest = line.split(None, 1)
        lines[part] = rest
    return result.returncode, lines


def test_all_well_is_exit_0_with_one_line_per_part(tmp_path: Path, desktop: Desktop) -> None:
    screensaver = desktop.screensaver()
    desktop.player("vlc")
    desktop.player("spotify", status="Paused")
    code, lines = doctor(tmp_path, bus=desktop)
    assert code == 0
    assert list(lines) == ["sound", "voice", "screen", "music", "routines", "settings", "history"]
    assert lines["sound"] == "ok    simpleaudio on the default ALSA device"
    assert lines["voice"].startswith("ok    espeak-ng (/")
    assert lines["voice"].endswith("); voice off in settings (--voice turns it on)")
    assert lines["screen"] == (f"ok    session bus {desktop.address}; kept awake during workouts "
                               f"through org.freedesktop.ScreenSaver")
    assert [i.released_by for i in screensaver.inhibitions] == ["UnInhibit"]  # held an instant only
    assert lines["music"] == ("ok    spotify (paused), vlc (playing); "
                              "during spoken cues: lowered to 30 %")
    home = tmp_path / "hiptimer"
    assert lines["routines"] == f"ok    {home / 'routines'} (writable)"
    assert lines["settings"] == f"ok    {home / 'config.toml'} (no file yet: defaults; folder writable)"
    assert lines["history"] == f"ok    {home / 'history.sqlite3'} (none yet: the first workout starts it)"


def test_no_sound_device_fails_and_no_bus_is_only_off(tmp_path: Path) -> None:
    code, lines = doctor(tmp_path, sound=False)
    assert code == 1
    assert lines["sound"].startswith("FAIL  sound off: no sound device (ALSA: ")
    assert lines["screen"] == ("off   no session bus (DBUS_SESSION_BUS_ADDRESS is not set); nothing "
                               "can keep the screen awake, so it may blank during a long hold")
    assert lines["music"] == "off   no session bus: no music players to make way"


def test_a_bus_with_neither_service_says_so(tmp_path: Path, desktop: Desktop) -> None:
    code, lines = doctor(tmp_path, bus=desktop)
    assert code == 0
    assert lines["screen"].startswith("off   session bus ")
    assert lines["music"] == "off   no music players (MPRIS) running"


def test_the_settings_are_shown_as_they_apply(tmp_path: Path, desktop: Desktop) -> None:
    desktop.screensaver()
    desktop.player("vlc")
    code, lines = doctor(tmp_path, bus=desktop,
                         config='keep_awake = false\nmusic = "pause"\nduck_volume = 300\n')
    assert code == 0  # a bad setting falls back to its default: a workout still works
    assert lines["screen"].endswith("; keep_awake = false in settings")
    assert lines["music"] == "ok    vlc (playing); during spoken cues: paused"
    assert lines["settings"] == (
        f"ok    {tmp_path / 'hiptimer' / 'config.toml'} (writable); {tmp_path / 'hiptimer' / 'config.toml'}: "
        "duck_volume must be a whole number from 0 to 100, not 300; using 30")


def test_voice_asked_for_but_without_espeak_ng_fails(tmp_path: Path) -> None:
    code, lines = doctor(tmp_path, config="voice = true\n", path=str(tmp_path))
    assert code == 1
    assert lines["voice"] == "FAIL  espeak-ng is not installed; voice on in settings"
    code, lines = doctor(tmp_path, config="voice = false\n", path=str(tmp_path))
    assert code == 0 and lines["voice"].startswith("off   espeak-ng is not installed")


def test_a_folder_that_cannot_be_made_fails(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, lines = doctor(tmp_path, home=blocker / "hiptimer")
    assert code == 1
    assert lines["routines"] == (f"FAIL  {blocker / 'hiptimer' / 'routines'}: cannot be created: "
                                 f"{blocker} is not a folder")
    assert lines["history"].startswith("FAIL  ")


def test_the_history_shows_its_schema_version_and_size(tmp_path: Path) -> None:
    home = tmp_path / "hiptimer"
    store, _ = open_store(home / "history.sqlite3")
    for _ in range(3):
        store.begin(a_plan(), "hips.toml")
    store.close()
    code, lines = doctor(tmp_path)
    assert code == 0
    size = (home / "history.sqlite3").stat().st_size
    assert lines["history"] == (f"ok    {home / 'history.sqlite3'} (writable), schema version "
                                f"{LATEST_VERSION}, 3 sessions, {size / 1024:.0f} KiB")


def test_a_damaged_history_fails_and_is_left_as_it_was(tmp_path: Path) -> None:
    home = tmp_path / "hiptimer"
    home.mkdir()
    (home / "history.sqlite3").write_bytes(b"not a database at all" * 100)
    code, lines = doctor(tmp_path)
    assert code == 1
    assert lines["history"].startswith(f"FAIL  {home / 'history.sqlite3'}: cannot be read (")
    assert (home / "history.sqlite3").read_bytes() == b"not a database at all" * 100
