"""The faults a user will meet: no sound device, read-only or full folders, files that vanish,
a terminal closed mid-workout. Each gives a clear message; the workout goes on where it can
and the history is kept."""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import hiptimer.history.opening as store_module
import hiptimer.library as library_module
from hiptimer import cli
from hiptimer.history.opening import open_store
from hiptimer.paths import Paths
from hiptimer.tui.editor_screen import EditorScreen
from hiptimer.tui.messages import EditRoutine
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.summary_screen import SummaryScreen

from test_history_helpers import rows
from test_reliability_support import fail_fast
from test_tui_support import DATA, build, install_short, text_of

QUICK_SIDES = DATA / "quick-sides.toml"  # prepare 1, left 2, switch 1, right 2: 6 s
TINY = """\
name = "Tiny"
[timing]
prepare = 0.2
countdown = 0
[[exercise]]
name = "Quick hold"
hold = 0.2
"""


def tiny(paths: Paths) -> Path:
    path = paths.routines / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    return path


def run_subprocess(args: list[str], home: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "HIPTIMER_HOME": str(home), **env}
    return subprocess.run([sys.executable, "-m", "hiptimer", *args], env=environment,
                          capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """``folder`` cannot be written, even by root (chattr +i); undone afterwards."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
    elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root where chattr +i is not available")
    try:
        yield
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(0o755)


# ---------------------------------------------------------------- no sound device

BAD_ALSA = 'pcm.!default { type hw; card 97 }\nctl.!default { type hw; card 97 }\n'


def alsa_without_device(tmp_path: Path) -> dict[str, str]:
    config = tmp_path / "asound.conf"
    config.write_text(BAD_ALSA)
    fake_home = tmp_path / "fake-home"
    fake_home.mkdir(exist_ok=True)
    return {"ALSA_CONFIG_PATH": str(config), "HOME": str(fake_home)}


def test_plain_run_without_a_sound_device_completes_with_a_notice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "tiny.toml").write_text(TINY)
    result = run_subprocess(["run", "tiny", "--plain"], home, **alsa_without_device(tmp_path))
    assert result.returncode == 0
    assert result.stderr == ""  # neither a traceback nor libasound's own lines
    assert "finished" in result.stdout
    notes = [line for line in result.stdout.splitlines() if line.startswith("note:")]
    assert any("sound" in line for line in notes), result.stdout


# ---------------------------------------------------------------- read-only routine folder

def test_a_read_only_routine_folder_still_lists_shows_and_runs(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    tiny(home)
    with read_only(home.routines):
        assert cli.main(["list"]) == 0
        assert cli.main(["show", "tiny"]) == 0
        assert cli.main(["run", "tiny", "--plain", "--mute"]) == 0
    out, err = capsys.readouterr()
    assert "Tiny" in out and "finished: 2 steps done" in out
    assert err == ""


def test_new_in_a_read_only_routine_folder_is_one_line_with_exit_1(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    with read_only(home.routines):
        assert cli.main(["new", "Morning hips"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("hiptimer: new: cannot save") and "morning-hips.toml" in err
    assert "Traceback" not in err
    assert list(home.routines.iterdir()) == []


async def test_saving_in_a_read_only_routine_folder_is_refused_in_one_line(
        home: Paths, fake_clock: Any) -> None:
    path = tiny(home)
    shown: list[tuple[str, dict[str, Any]]] = []
    app = fail_fast(build(home, fake_clock))
    app.notify = lambda message, **kwargs: shown.append((message, kwargs))  # type: ignore
    with read_only(home.routines):
        async with app.run_test(size=(80, 24)) as pilot:
            app.post_message(EditRoutine(path, None))
            await pilot.pause()
            assert isinstance(app.screen, EditorScreen)
            await pilot.press("end", *"  ", "ctrl+s")
            await pilot.pause()
            errors = [(message, kwargs) for message, kwargs in shown
                      if kwargs.get("severity") == "error"]
            assert len(errors) == 1, shown
            message, kwargs = errors[0]
            assert "\n" not in message and "Traceback" not in message
            assert "tiny.toml" in message or "tiny.toml" in str(kwargs.get("title"))
            assert isinstance(app.screen, EditorScreen)  # still editing, nothing lost
    assert path.read_text() == TINY


async def test_a_new_routine_in_a_read_only_folder_is_refused_in_one_line(
        home: Paths, fake_clock: Any) -> None:
    with read_only(home.routines):
        app = fail_fast(build(home, fake_clock))
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *"Morning hips", "enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "AskName"  # still asking, with the reason
            hint = text_of(app, "#name-hint")
            assert hint and "\n" not in hint and "Traceback" not in hint
            assert "morning-hips.toml" in hint or str(home.routines) in hint, hint
            await pilot.press("escape")
            assert isinstance(app.screen, LibraryScreen)
    assert list(home.routines.iterdir()) == []


# ---------------------------------------------------------------- full or read-only data folder

class FullDisk:
    """A connection whose writes fail as on a full disk, once the store is open."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        self.full = False

    def execute(self, sql: str, *args: Any) -> Any:
        if self.full and sql.lstrip().upper().startswith(("INSERT", "UPDATE")):
            raise sqlite3.OperationalError("database or disk is full")
        return self._connection.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> list[FullDisk]:
    """Every history connection opened from now on fills up after it is opened."""
    opened: list[FullDisk] = []
    real_connect, real_prepare = store_module.connect, store_module._prepare

    def connect(path: Any) -> FullDisk:
        connection = FullDisk(real_connect(path))
        opened.append(connection)
        return connection

    def prepare(connection: Any) -> None:
        real_prepare(connection)
        connection.full = True

    monkeypatch.setattr(store_module, "connect", connect)
    monkeypatch.setattr(store_module, "_prepare", prepare)
    return opened


def test_plain_run_on_a_full_disk_runs_to_the_end_and_says_history_was_not_saved(
        home: Paths, full_disk: list[FullDisk], capsys: pytest.CaptureFixture[str]) -> None:
    tiny(home)
    assert cli.main(["run", "tiny", "--plain", "--mute"]) == 0
    out, err = capsys.readouterr()
    assert "finished: 2 steps done" in out
    assert "Traceback" not in err
    assert "disk is full" in out + err  # the user learns the session was not saved


async def test_tui_workout_on_a_full_disk_runs_to_the_end_and_says_so(
        home: Paths, fake_clock: Any, full_disk: list[FullDisk]) -> None:
    from hiptimer.library import load_routine

    store, notice = open_store(home.history)
    assert notice is None and full_disk
    routine = load_routine(QUICK_SIDES).routine
    app = fail_fast(build(home, fake_clock, routine=routine, store=store))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(8):
            fake_clock.advance(1.0)
            if not isinstance(app.screen, SummaryScreen):
                app.screen.tick()
            await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-title") == "Workout complete"
        assert "disk is full" in text_of(app, "#summary-history")
    store.close()


def test_a_read_only_data_folder_runs_the_workout_with_a_notice(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    tiny(home)
    with read_only(home.data):
        assert cli.main(["run", "tiny", "--plain", "--mute"]) == 0
    out, err = capsys.readouterr()
    assert "note: history is not being saved" in out
    assert "finished: 2 steps done" in out and err == ""
    assert not home.history.exists()


# ---------------------------------------------------------------- files that vanish or change

def test_a_file_vanishing_between_listing_and_loading_is_listed_with_a_clear_error(
        home: Paths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    path = tiny(home)
    real_load = library_module.load_routine

    def load_after_it_vanished(target: Path) -> Any:
        if target == path:
            path.unlink(missing_ok=True)
        return real_load(target)

    monkeypatch.setattr(library_module, "load_routine", load_after_it_vanished)
    assert cli.main(["list"]) == 0
    out, err = capsys.readouterr()
    assert f"tiny: {path}: no such file" in out and err == ""


def test_running_a_file_that_is_gone_is_one_line_with_exit_1(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    gone = home.routines / "gone.toml"
    for args in (["run", str(gone), "--plain"], ["show", str(gone)], ["check", str(gone)]):
        assert cli.main(args) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert all("no such file" in line for line in (out + err).strip().splitlines())


async def test_library_keys_on_a_routine_deleted_while_listed(
        home: Paths, fake_clock: Any) -> None:
    install_short(home)
    path = tiny(home)
    app = fail_fast(build(home, fake_clock))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        row = next(row for row, entry in enumerate(screen.shown) if entry.path == path)
        screen.query_one("#routines").move_cursor(row=row)
        path.unlink()
        await pilot.press("enter")  # the preview shows what was read
        assert type(app.screen).__name__ == "PreviewScreen"
        await pilot.press("escape")  # back on the library: read again, the file is gone
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert all(entry.path != path for entry in app.screen.entries)
        (home.routines / "tui-short.toml").write_text('name = "Now broken"\n')
        app.screen.reload()
        await pilot.pause()
        assert "[[exercise]]" in " ".join(str(entry.error) for entry in app.screen.entries
                                          if entry.stem == "tui-short")


async def test_editing_a_routine_deleted_while_listed_says_it_is_gone(
        home: Paths, fake_clock: Any) -> None:
    path = tiny(home)
    shown: list[str] = []
    app = fail_fast(build(home, fake_clock))
    app.notify = lambda message, **kwargs: shown.append(message)  # type: ignore
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        row = next(row for row, entry in enumerate(screen.shown) if entry.path == path)
        screen.query_one("#routines").move_cursor(row=row)
        path.unlink()
        await pilot.press("e")
        await pilot.pause()
        assert any("tiny.toml" in message and ("no longer" in message or "gone" in message
                                               or "deleted" in message or "no such" in message)
                   for message in shown), shown


# ---------------------------------------------------------------- a terminal closed mid-workout

def test_sighup_in_a_plain_run_leaves_no_traceback_and_keeps_the_session(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    shutil.copy(QUICK_SIDES, home / "routines")
    env = {**os.environ, "HIPTIMER_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "hiptimer", "run", "quick-sides", "--plain", "--mute"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout is not None
        while "hold" not in (line := process.stdout.readline()):
            assert line, "the run ended before its first hold"
        process.send_signal(signal.SIGHUP)
        _, err = process.communicate(timeout=20)
    finally:
        process.kill()
    assert "Traceback" not in err
    store, _ = open_store(home / "history.sqlite3")  # the next run tidies up the dead session
    store.close()
    assert rows(home / "history.sqlite3", "SELECT routine, status FROM sessions") \
        in ([("Quick sides", "interrupted")], [("Quick sides", "stopped")])


class Tmux:
    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.server = f"hiptimer-rel-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "S", "-x", "80", "-y", "24", command, env=env)

    def _tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        return subprocess.run(["tmux", "-L", self.server, *args], capture_output=True, text=True,
                              env=env, check=True).stdout

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self._tmux("capture-pane", "-p", "-t", "S")
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared")

    def close(self) -> None:
        """As closing the terminal window: the pane's process gets SIGHUP."""
        subprocess.run(["tmux", "-L", self.server, "kill-server"], capture_output=True)


def tmux_command(args: str) -> str:
    """Run hiptimer, then print its exit code and keep the pane open for a last look."""
    return f"{shlex.quote(sys.executable)} -m hiptimer {args}; echo EXIT=$?; sleep 60"


def exit_code(screen: str) -> int:
    return int(screen.split("EXIT=")[1].split()[0])


def test_closing_the_terminal_mid_workout_keeps_the_session(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    shutil.copy(QUICK_SIDES, home / "routines")
    env = {**os.environ, "HIPTIMER_HOME": str(home), "TERM": "xterm-256color",
           **alsa_without_device(tmp_path)}
    terminal = Tmux(tmux_command("run quick-sides"), env)
    try:
        terminal.wait_for("HOLD · LEFT")
        shell = terminal._tmux("display-message", "-p", "-t", "S", "#{pane_pid}").strip()
        pid = int(subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True,
                                 check=True).stdout.split()[0])
        os.kill(pid, signal.SIGHUP)  # what closing the terminal sends
        after = terminal.wait_for("EXIT=")
    finally:
        terminal.close()
    assert "Traceback" not in after and "Error" not in after
    db = home / "history.sqlite3"
    store, _ = open_store(db)  # the next run tidies up a session whose process is gone
    store.close()
    assert rows(db, "SELECT routine, status FROM sessions") in (
        [("Quick sides", "interrupted")], [("Quick sides", "stopped")])


def test_tui_without_a_sound_device_completes_with_a_notice_and_a_clean_screen(
        tmp_path: Path) -> None:
    env = {**os.environ, "HIPTIMER_HOME": str(tmp_path / "home"), "TERM": "xterm-256color",
           **alsa_without_device(tmp_path)}
    terminal = Tmux(tmux_command(f"run {shlex.quote(str(QUICK_SIDES))}"), env)
    try:
        first = terminal.wait_for("HOLD · LEFT")
        summary = terminal.wait_for("Workout complete")
        terminal._tmux("send-keys", "-t", "S", "Enter")
        after = terminal.wait_for("EXIT=")
    finally:
        terminal.close()
    assert exit_code(after) == 0
    for screen in (first, summary, after):
        assert "ALSA lib" not in screen and "snd_" not in screen, screen  # libasound kept quiet
        assert "Traceback" not in screen
    assert "sound" in (first + summary).lower()  # the notice
