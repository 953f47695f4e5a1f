"""User settings from ``config.toml``: sound volume, mute, voice, custom cue sounds, weekly goal.

Settings never stop a workout: a file that cannot be read or parsed, or a value
that is wrong, gives a one-line notice and the default for what was wrong.

Example ``config.toml``::

    volume = 80          # 0-100, scales every cue and spoken phrase
    mute = false         # start muted (the m key toggles)
    voice = false        # spoken cues through espeak-ng (like --voice)
    weekly_goal = 2      # sessions a week the history screen counts against
    keep_awake = true    # the screen does not blank during a workout
    music = "duck"       # playing music during spoken cues: "duck", "pause" or "leave"
    duck_volume = 30     # ducked music plays at this % of its own volume
    title = true         # the terminal window's title follows the workout

    [sounds]             # your own WAV file for any cue
    go = "~/sounds/bell.wav"
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from hiptimer.core.text import did_you_mean, printable, show_value
from hiptimer.files import MAX_TEXT_BYTES, FileRefused, read_text_file
from hiptimer.paths import user_paths
from hiptimer.core.model import CUE_NAMES


MAX_WEEKLY_GOAL = 50

Complain = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    volume: int = 100
    mute: bool = False
    voice: bool = False
    weekly_goal: int = 2
    sounds: dict[str, str] = field(default_factory=dict)
    """Cue name -> WAV path, ``~`` expanded, relative paths resolved against the config folder."""
    keep_awake: bool = True
    music: str = "duck"
    """One of MUSIC_MODES."""
    duck_volume: int = 30
    title: bool = True


@dataclass(frozen=True)
class LoadedSettings:
    settings: Settings
    notices: tuple[str, ...] = ()
    """One line each, for the user; empty when the file was fine or absent."""

    @property
    def notice(self) -> str | None:
        """All notices as one line, or None."""
        return "; ".join(self.notices) if self.notices else None


_KEYS = ("volume", "mute", "voice", "weekly_goal", "sounds", "keep_awake", "music", "duck_volume",
         "title")
MUSIC_MODES = ("duck", "pause", "leave")


def load_settings(path: Path | None = None) -> LoadedSettings:
    """Read ``path`` (default: the user's config.toml); a missing file means defaults, silently."""
    config = path if path is not None else user_paths().config
    if not config.exists():
        return LoadedSettings(Settings())
    try:
        text = read_text_file(config, MAX_TEXT_BYTES, "settings file")
    except FileRefused as refused:
        return _defaults(f"{config}: cannot read settings: {refused}; using defaults")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return _defaults(f"{config}: {error}; using default settings")
    except (ValueError, RecursionError):  # as in routine files: huge integers, deep nesting
        return _defaults(f"{config}: a value is too long or too deeply nested; "
                         "using default settings")
    return parse_settings(data, base=config.parent, origin=str(config))


def parse_settings(data: dict[str, Any], *, base: Path, origin: str = "config.toml") -> LoadedSettings:
    """Settings from parsed TOML; each bad value is replaced by its default with a notice."""
    notices: list[str] = []

    def complain(message: str) -> None:
        notices.append(printable(f"{origin}: {message}"))

    for key in data:
        if key not in _KEYS:
            complain(f"unknown setting {key!r}{did_you_mean(key, _KEYS)}; ignored")
    defaults = Settings()
    volume = _volume(data.get("volume", defaults.volume), complain)
    mute = _boolean(data, "mute", defaults.mute, complain)
    voice = _boolean(data, "voice", defaults.voice, complain)
    weekly_goal = _weekly_goal(data.get("weekly_goal", defaults.weekly_goal), complain)
    sounds = _sounds(data.get("sounds", {}), base, complain)
    keep_awake = _boolean(data, "keep_awake", defaults.keep_awake, complain)
    music = _choice(data, "music", MUSIC_MODES, defaults.music, complain)
    duck_volume = _percent(data, "duck_volume", defaults.duck_volume, complain)
    title = _boolean(data, "title", defaults.title, complain)
    settings = Settings(volume=volume, mute=mute, voice=voice, weekly_goal=weekly_goal, sounds=sounds,
                        keep_awake=keep_awake, music=music, duck_volume=duck_volume,
                        title=title)
    return LoadedSettings(settings, tuple(notices))


def _defaults(notice: str) -> LoadedSettings:
    return LoadedSettings(Settings(), (printable(notice),))


def _volume(value: Any, complain: Complain) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        complain(f"volume must be a number from 0 to 100, not {value!r}; using 100")
        return 100
    if value < 0 or value > 100:
        clamped = 0 if value < 0 else 100
        complain(f"volume {value} is outside 0-100; using {clamped}")
        return clamped
    return int(round(value))


def _boolean(data: dict[str, Any], key: str, default: bool, complain: Complain) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        complain(f"{key} must be true or false, not {value!r}; using {str(default).lower()}")
        return default
    return value


def _weekly_goal(value: Any, complain: Complain) -> int:
    default = Settings().weekly_goal
    if (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            and value == int(value) and 1 <= value <= MAX_WEEKLY_GOAL):
        return int(value)  # the rule of counts in routine files: 2 and 2.0 alike
    complain(f"weekly_goal must be a whole number from 1 to {MAX_WEEKLY_GOAL}, "
             f"not {show_value(value)}; using {default}")
    return default


def _sounds(value: Any, base: Path, complain: Complain) -> dict[str, str]:
    if not isinstance(value, dict):
        complain("sounds must be a table like [sounds] go = \"~/bell.wav\"; ignored")
        return {}
    sounds: dict[str, str] = {}
    for cue, path in value.items():
        if cue not in CUE_NAMES:
            complain(f"[sounds] has no cue {cue!r}{did_you_mean(cue, CUE_NAMES)}; "
                     f"cues are {', '.join(CUE_NAMES)}")
        elif not isinstance(path, str) or not path.strip():
            complain(f"[sounds] {cue} must be the path of a WAV file; using the built-in sound")
        elif printable(path) != path:  # it would be shown in notices: refused, not shown
            complain(f"[sounds] {cue}: the path holds control characters; "
                     "using the built-in sound")
        else:
            resolved = Path(path).expanduser()
            sounds[cue] = str(resolved if resolved.is_absolute() else base / resolved)
    return sounds


def _choice(data: dict[str, Any], key: str, choices: tuple[str, ...], default: str,
            complain: Complain) -> str:
    value = data.get(key, default)
    if value not in choices:
        complain(f"{key} must be one of {', '.join(map(repr, choices))}, not {value!r}; "
                 f"using {default!r}")
        return default
    return str(value)


def _percent(data: dict[str, Any], key: str, default: int, complain: Complain) -> int:
    value = data.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100:
        complain(f"{key} must be a whole number from 0 to 100, not {value!r}; using {default}")
        return default
    return value
