"""config.toml: defaults, validation, and a bad file never stopping a workout."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.paths import Paths
from hiptimer.settings import Settings, load_settings
from hiptimer.sound.audio import builtin_samples, scaled
from hiptimer.sound.player import load_sounds


def config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_config_file_means_defaults_and_no_notice(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path / "config.toml")
    assert loaded.settings == Settings(volume=100, mute=False, voice=False, weekly_goal=2, sounds={})
    assert loaded.notice is None


def test_the_default_path_is_the_users_config_toml(home: Paths) -> None:
    home.config.write_text("volume = 40\n")
    assert load_settings().settings.volume == 40


def test_a_full_config_is_read(tmp_path: Path) -> None:
    (tmp_path / "gong.wav").touch()
    path = config(tmp_path, 'volume = 65\nmute = true\nvoice = true\nweekly_goal = 3\n'
                            '[sounds]\ngo = "~/bell.wav"\nfinish = "gong.wav"\n')
    loaded = load_settings(path)
    assert loaded.notice is None
    assert loaded.settings == Settings(
        volume=65, mute=True, voice=True, weekly_goal=3,
        sounds={"go": str(Path.home() / "bell.wav"), "finish": str(tmp_path / "gong.wav")})


@pytest.mark.parametrize(("text", "volume", "said"), [
    ("volume = 150", 100, "outside 0-100; using 100"),
    ("volume = -5", 0, "outside 0-100; using 0"),
    ("volume = 42.6", 43, None),
    ('volume = "loud"', 100, "volume must be a number from 0 to 100, not 'loud'"),
    ("volume = true", 100, "volume must be a number"),
    ("volume = nan", 100, "volume must be a number"),
])
def test_volume_is_clamped_or_replaced_with_a_notice(tmp_path: Path, text: str, volume: int,
                                                     said: str | None) -> None:
    loaded = load_settings(config(tmp_path, text))
    assert loaded.settings.volume == volume
    if said is None:
        assert loaded.notice is None
    else:
        assert loaded.notice is not None and said in loaded.notice


def test_a_toml_syntax_error_gives_one_line_with_its_position_and_all_defaults(tmp_path: Path) -> None:
    path = config(tmp_path, "volume = 50\nmute = yes\n")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert len(loaded.notices) == 1 and "\n" not in loaded.notices[0]
    assert loaded.notices[0].startswith(f"{path}: ")
    assert "line 2" in loaded.notices[0] and loaded.notices[0].endswith("using default settings")


def test_a_file_that_is_not_utf8_gives_defaults_and_one_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"volume = 50 # \xff\xfe\n")
    loaded = load_settings(path)
    assert loaded.settings == Settings()
    assert loaded.notice == (f"{path}: cannot read settings: not a UTF-8 text file (byte 0xff on "
                             "line 1 is not UTF-8); save it as UTF-8; using defaults")


def test_an_unreadable_config_gives_defaults_and_one_line(tmp_path: Path) -> None:
    (tmp_path / "config.toml").mkdir()  # a folder where the file should be
    loaded = load_settings(tmp_path / "config.toml")
    assert loaded.settings == Settings()
    assert loaded.notice is not None and "cannot read settings" in loaded.notice


def test_one_bad_value_keeps_the_good_ones(tmp_path: Path) -> None:
    loaded = load_settings(config(tmp_path, 'volume = 30\nmute = "no"\nweekly_goal = 0\n'))
    assert loaded.settings == Settings(volume=30, mute=False, weekly_goal=2)
    assert len(loaded.notices) == 2
    assert "mute must be true or false, not 'no'; using false" in loaded.notices[0]
    assert "weekly_goal must be a whole number from 1 to 50, not 0; using 2" in loaded.notices[1]


def test_the_window_title_can_be_turned_off(tmp_path: Path) -> None:
    assert Settings().title is True
    assert load_settings(config(tmp_path, "title = false\n")).settings.title is False
    loaded = load_settings(config(tmp_path, 'title = "off"\n'))
    assert loaded.settings.title is True
    assert "title must be true or false" in (loaded.notice or "")


def test_unknown_keys_and_cues_are_named_with_a_suggestion(tmp_path: Path) -> None:
    loaded = load_settings(config(tmp_path, 'volum = 30\n[sounds]\ngoo = "a.wav"\nrest = 5\n'))
    assert loaded.settings == Settings()
    assert loaded.notices[0].endswith("unknown setting 'volum' (did you mean 'volume'?); ignored")
    assert "[sounds] has no cue 'goo' (did you mean 'go'?)" in loaded.notices[1]
    assert "[sounds] rest must be the path of a WAV file" in loaded.notices[2]


def test_sounds_that_is_not_a_table_is_ignored_with_a_notice(tmp_path: Path) -> None:
    loaded = load_settings(config(tmp_path, 'sounds = "bell.wav"\n'))
    assert loaded.settings.sounds == {}
    assert "sounds must be a table" in loaded.notice


def test_a_missing_custom_sound_falls_back_to_the_built_in_with_a_notice(tmp_path: Path) -> None:
    loaded = load_settings(config(tmp_path, '[sounds]\ngo = "nowhere/bell.wav"\n'))
    assert loaded.notice is None  # the path is checked when sounds load, not here
    sounds, notices = load_sounds(loaded.settings.sounds, volume=70)
    assert sounds["go"] == scaled(builtin_samples("go"), 70)
    assert notices == [f"custom sound for go ({tmp_path / 'nowhere' / 'bell.wav'}): "
                       "file not found; using the built-in one"]


def test_a_custom_sound_that_is_not_a_wav_falls_back_too(tmp_path: Path) -> None:
    fake = tmp_path / "bell.wav"
    fake.write_text("this is not audio")
    sounds, notices = load_sounds({"finish": str(fake)}, volume=100)
    assert sounds["finish"] == builtin_samples("finish")
    assert len(notices) == 1 and "not a WAV file" in notices[0]
