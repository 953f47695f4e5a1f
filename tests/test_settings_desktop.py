"""config.toml's desktop keys: keep_awake, music, duck_volume."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.settings import LoadedSettings, load_settings


def loaded(tmp_path: Path, text: str) -> LoadedSettings:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path)


def test_by_default_the_screen_stays_awake_and_music_ducks_to_30_percent(tmp_path: Path) -> None:
    settings = loaded(tmp_path, "").settings
    assert (settings.keep_awake, settings.music, settings.duck_volume) == (True, "duck", 30)


def test_the_desktop_keys_are_read(tmp_path: Path) -> None:
    result = loaded(tmp_path, 'keep_awake = false\nmusic = "pause"\nduck_volume = 10\n')
    assert result.notice is None
    settings = result.settings
    assert (settings.keep_awake, settings.music, settings.duck_volume) == (False, "pause", 10)


@pytest.mark.parametrize(("text", "said"), [
    ('music = "mute"', "music must be one of 'duck', 'pause', 'leave', not 'mute'; using 'duck'"),
    ("music = 1", "music must be one of 'duck', 'pause', 'leave', not 1; using 'duck'"),
    ("duck_volume = 150", "duck_volume must be a whole number from 0 to 100, not 150; using 30"),
    ("duck_volume = 12.5", "duck_volume must be a whole number from 0 to 100, not 12.5; using 30"),
    ("duck_volume = true", "duck_volume must be a whole number from 0 to 100, not True; using 30"),
    ('keep_awake = "yes"', "keep_awake must be true or false, not 'yes'; using true"),
])
def test_a_bad_value_is_one_line_naming_the_file_and_the_key(tmp_path: Path, text: str,
                                                              said: str) -> None:
    result = loaded(tmp_path, text)
    assert result.notice == f"{tmp_path / 'config.toml'}: {said}"
    settings = result.settings
    assert (settings.keep_awake, settings.music, settings.duck_volume) == (True, "duck", 30)
