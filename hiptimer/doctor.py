"""``hiptimer doctor``: what works on this machine for a workout, one line per part.

Each line is ``PART STATUS DETAIL``: ``ok``, ``FAIL`` (a workout would miss
it: sound, a folder that cannot be written, a history that cannot be used, a
voice the settings ask for) or ``off`` (optional and not there: the screen
kept awake, music players). The exit code is 0 without a FAIL, 1 otherwise.
Nothing is changed: the history is opened read-only, keep-awake is held for
an instant only.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TextIO

from hiptimer.paths import Paths
from hiptimer.settings import Settings, load_settings

Status = Literal["ok", "FAIL", "off"]


@dataclass(frozen=True)
class Check:
    part: str
    status: Status
    detail: str


def run_doctor(paths: Paths, out: TextIO) -> int:
    loaded = load_settings(paths.config)
    settings = loaded.settings
    checks = [sound_check(settings), voice_check(settings), *desktop_checks(settings),
              folder_check("routines", paths.routines),
              folder_check("settings", paths.config.parent, paths.config, loaded.notice),
              history_check(paths.history)]
    width = max(len(check.part) for check in checks)
    for check in checks:
        out.write(f"{check.part:<{width}}  {check.status:<4}  {check.detail}\n")
    return 1 if any(check.status == "FAIL" for check in checks) else 0


def sound_check(settings: Settings) -> Check:
    from hiptimer.sound.player import SimpleaudioPlayer, make_player

    player = make_player(volume=settings.volume, custom=settings.sounds, bell=lambda: None)
    player.close()
    muted = " (muted in settings: m or mute = false turns it on)" if settings.mute else ""
    if isinstance(player, SimpleaudioPlayer):
        notes = f"; {player.notice}" if player.notice else ""
        return Check("sound", "ok", f"simpleaudio on the default ALSA device{muted}{notes}")
    return Check("sound", "off" if settings.mute else "FAIL", f"{player.notice}{muted}")


def voice_check(settings: Settings) -> Check:
    from hiptimer.sound.voice import Voice, find_espeak

    wanted = "on in settings" if settings.voice else "off in settings (--voice turns it on)"
    executable = find_espeak()
    if executable is None:
        return Check("voice", "FAIL" if settings.voice else "off",
                     f"espeak-ng is not installed; voice {wanted}")
    speaker = Voice(executable)
    if speaker.render("ready") is None:
        return Check("voice", "FAIL" if settings.voice else "off", f"{speaker.failure}; voice {wanted}")
    return Check("voice", "ok", f"espeak-ng ({executable}); voice {wanted}")


def desktop_checks(settings: Settings) -> list[Check]:
    from hiptimer.desktop import probe

    bus = probe.session_bus()
    where = f"session bus {bus}" if bus else "no session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
    if sys.platform == "darwin":
        where = "macOS"
    if not settings.keep_awake:
        awake = Check("screen", "off", f"{where}; keep_awake = false in settings")
    elif (method := probe.keep_awake_method()) is not None:
        awake = Check("screen", "ok", f"{where}; kept awake during workouts through {method}")
    else:
        awake = Check("screen", "off", f"{where}; nothing can keep the screen awake, "
                                       f"so it may blank during a long hold")
    players = probe.media_players()
    if players is None:
        music = Check("music", "off", "no session bus: no music players to make way")
    elif not players:
        music = Check("music", "off", "no music players (MPRIS) running")
    else:
        seen = ", ".join(f"{name} ({status.lower()})" for name, status in players)
        music = Check("music", "ok", f"{seen}; during spoken cues: {_music_mode(settings)}")
    return [awake, music]


def _music_mode(settings: Settings) -> str:
    if settings.music == "duck":
        return f"lowered to {settings.duck_volume} %"
    return "paused" if settings.music == "pause" else "left alone (music = \"leave\")"


def folder_check(part: str, folder: Path, file: Path | None = None,
                 notice: str | None = None) -> Check:
    shown = file if file is not None else folder
    problem = _not_writable(folder)
    if problem is not None:
        return Check(part, "FAIL", f"{shown}: {problem}")
    detail = f"{shown} (writable)"
    if file is not None and not file.exists():
        detail = f"{shown} (no file yet: defaults; folder writable)"
    if notice:
        detail += f"; {notice}"
    return Check(part, "ok", detail)


def _not_writable(folder: Path) -> str | None:
    """Why nothing can be written in ``folder`` (or where it would be created), or None."""
    if folder.is_dir():
        try:
            with tempfile.TemporaryFile(dir=folder):
                return None
        except OSError as error:
            return f"not writable ({error.strerror or error})"
    for parent in folder.parents:
        if parent.is_dir():
            if os.access(parent, os.W_OK | os.X_OK):
                return None  # created when first needed
            return f"cannot be created: {parent} is not writable"
        if parent.exists():
            return f"cannot be created: {parent} is not a folder"
    return "cannot be created"


def history_check(path: Path) -> Check:
    from hiptimer.history.schema import LATEST_VERSION

    problem = _not_writable(path.parent)
    if problem is not None:
        return Check("history", "FAIL", f"{path.parent}: {problem}")
    if not path.exists():
        return Check("history", "ok", f"{path} (none yet: the first workout starts it)")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            (version,) = connection.execute("PRAGMA user_version").fetchone()
            (count,) = connection.execute("SELECT count(*) FROM sessions").fetchone()
        finally:
            connection.close()
    except sqlite3.Error as error:
        return Check("history", "FAIL", f"{path}: cannot be read ({error}); the next workout "
                                        f"moves it aside and starts a new one")
    size = f"{path.stat().st_size / 1024:.0f} KiB"
    detail = f"{path} (writable), schema version {version}, {count} sessions, {size}"
    if version > LATEST_VERSION:
        return Check("history", "FAIL", f"{detail}: written by a newer hiptimer "
                                        f"(this one knows version {LATEST_VERSION})")
    return Check("history", "ok", detail)
