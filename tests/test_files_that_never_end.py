"""A FIFO, a device, a folder or a huge file where a routine, a custom sound, the settings
or the history should be: refused in one line naming it, without reading it, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer import files
from hiptimer.files import FileRefused, read_small_file
from hiptimer.history.opening import open_store
from hiptimer.library import load_routine
from hiptimer.settings import load_settings
from hiptimer.sound.audio import AudioFileError, load_wav

VALID = 'name = "Tiny"\n[timing]\nprepare = 0\n[[exercise]]\nname = "Plank"\nhold = 0.05\n'


def special(tmp_path: Path, kind: str, name: str) -> Path:
    """A FIFO, /dev/zero (through a link, as a shared folder could hold), a folder, or a
    sparse file of 64 GiB, named ``name``."""
    path = tmp_path / name
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        with open(path, "wb") as file:
            file.truncate(64 * 1024**3)
    return path


KINDS = ["fifo", "device", "folder", "huge"]
REASONS = {"fifo": "named pipe", "device": "a device", "folder": "folder",
           "huge": "over"}


@pytest.fixture
def never_opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every path hiptimer.files opens; a refused file must not be among them."""
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(files.os, "open", lambda path, *args, **kwargs: (
        opened.append(str(path)), real_open(path, *args, **kwargs))[1])
    return opened


@pytest.mark.parametrize("kind", KINDS)
def test_a_routine_that_is_not_an_ordinary_small_file_is_refused_unread(
        tmp_path: Path, kind: str, never_opened: list[str]) -> None:
    path = special(tmp_path, kind, "routine.toml")
    loaded = load_routine(path)
    assert loaded.routine is None and len(loaded.problems) == 1
    message = str(loaded.problems[0])
    assert message.startswith(f"{path}: ") and REASONS[kind] in message
    assert str(path) not in never_opened


@pytest.mark.parametrize("kind", KINDS)
def test_a_custom_sound_that_is_not_an_ordinary_file_is_refused_unread(
        tmp_path: Path, kind: str, never_opened: list[str]) -> None:
    path = special(tmp_path, kind, "bell.wav")
    with pytest.raises(AudioFileError) as raised:
        load_wav(path)
    assert REASONS[kind] in str(raised.value)
    assert str(path) not in never_opened


def test_a_custom_sound_over_10_mib_is_refused_unread(tmp_path: Path,
                                                     never_opened: list[str]) -> None:
    path = tmp_path / "long.wav"
    with open(path, "wb") as file:
        file.truncate(10 * 1024 * 1024 + 1)
    with pytest.raises(AudioFileError) as raised:
        load_wav(path)
    assert "over 10 MiB" in str(raised.value)
    assert str(path) not in never_opened


@pytest.mark.parametrize("kind", KINDS)
def test_a_settings_file_that_is_not_an_ordinary_file_gives_defaults_and_one_line(
        tmp_path: Path, kind: str, never_opened: list[str]) -> None:
    path = special(tmp_path, kind, "config.toml")
    loaded = load_settings(path)
    assert len(loaded.notices) == 1
    assert loaded.notices[0].startswith(f"{path}: ") and REASONS[kind] in loaded.notices[0]
    assert str(path) not in never_opened


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_a_history_path_that_is_not_an_ordinary_file_keeps_history_in_memory(
        tmp_path: Path, kind: str) -> None:
    path = special(tmp_path, kind, "history.sqlite3")
    store, notice = open_store(path)
    try:
        assert not store.saving
        assert notice is not None and str(path) in notice and REASONS[kind] in notice
    finally:
        store.close()


def test_a_file_swapped_for_a_fifo_after_the_check_is_still_refused(tmp_path: Path) -> None:
    """The type is checked again on the opened descriptor, which a FIFO cannot block."""
    path = tmp_path / "swapped.toml"
    os.mkfifo(path)
    real_stat = os.stat
    ordinary = real_stat(Path(__file__))

    def stat_before_the_swap(target: object, *args: object, **kwargs: object) -> os.stat_result:
        return ordinary if str(target) == str(path) else real_stat(target, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(files.os, "stat", stat_before_the_swap)
        with pytest.raises(FileRefused, match="named pipe"):
            read_small_file(path)


def hiptimer(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hiptimer", *args], capture_output=True,
                          text=True, timeout=30, stdin=subprocess.DEVNULL,
                          env={**os.environ, "HIPTIMER_HOME": str(home)})


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_the_commands_refuse_them_in_one_line_and_never_hang(tmp_path: Path, kind: str) -> None:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "tiny.toml").write_text(VALID, encoding="utf-8")
    routine = special(home / "routines", kind, "odd.toml")
    special(home, kind, "config.toml")
    (home / "sounds").mkdir()
    for args in (["check", str(routine)], ["show", str(routine)],
                 ["run", str(routine), "--plain", "--mute"]):
        done = hiptimer(home, *args)  # the timeout fails a hang
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stdout.count(str(routine)) + done.stderr.count(str(routine)) == 1
    listed = hiptimer(home, "list")
    assert listed.returncode == 0 and "odd" in listed.stdout and "Tiny" in listed.stdout
    ran = hiptimer(home, "run", "tiny", "--plain", "--mute")
    assert ran.returncode == 0
    assert f"{home / 'config.toml'}: cannot read settings" in ran.stdout + ran.stderr


def test_history_refuses_a_fifo_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    special(home, "fifo", "history.sqlite3")
    done = hiptimer(home, "history")
    assert done.returncode == 1
    assert done.stderr == (f"hiptimer: cannot read history at {home / 'history.sqlite3'}: "
                           "this is a named pipe (FIFO), not a history database: only "
                           "ordinary files are read\n")
