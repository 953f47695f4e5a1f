"""A real workout interrupted the ways a person interrupts one: the terminal and the history survive.

The TUI runs in tmux (a real pseudo-terminal); the plain runner as a real process.
"""

from __future__ import annotations

import os
import select
import shlex
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import re

import pytest

from test_tui_e2e import Terminal

LONG_HOLD = """\
name = "Long hold"
[timing]
prepare = 1
[[exercise]]
name = "Pigeon stretch"
hold = 30
sides = "each"
"""

ONE_HOLD = """\
name = "One hold"
[timing]
prepare = 1
countdown = 0
[[exercise]]
name = "Plank hold"
hold = 3
"""
"""Its hold is long enough that a slow machine still stops the process inside it
(a stop follows the hold's line within milliseconds)."""

TIMED = re.compile(r"^(\d+):(\d\d) ")
SHORT_HOLDS = """\
name = "Short holds"
[timing]
prepare = 1
rest = 1
countdown = 0
[[exercise]]
name = "First hold"
hold = 2
[[exercise]]
name = "Second hold"
hold = 4
"""


def history_rows(home: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(home / "history.sqlite3")
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def wait_until(condition, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.05)


class Workout(Terminal):
    """`hiptimer run` in tmux; after it exits, the shell records its status and `stty -a`."""

    def __init__(self, tmp_path: Path, routine_text: str) -> None:
        self.home = tmp_path / "home"
        self.home.mkdir()
        routine = tmp_path / "routine.toml"
        routine.write_text(routine_text, encoding="utf-8")
        self.status_file, self.stty_file = tmp_path / "status", tmp_path / "stty"
        command = (f"{shlex.quote(sys.executable)} -m hiptimer run {shlex.quote(str(routine))}"
                   f" --mute; echo $? > {self.status_file}; stty -a > {self.stty_file};"
                   " sleep 60")
        env = {**os.environ, "HIPTIMER_HOME": str(self.home), "TERM": "xterm-256color"}
        super().__init__(command, env)

    def display(self, format_: str) -> str:
        return self._tmux("display-message", "-p", "-t", "S", format_).strip()

    def hiptimer_pid(self) -> int:
        shell = int(self.display("#{pane_pid}"))
        children = subprocess.run(["pgrep", "-P", str(shell)], capture_output=True, text=True)
        return int(children.stdout.split()[0])

    def exit_status(self) -> int:
        wait_until(lambda: self.stty_file.exists() and self.stty_file.read_text())
        return int(self.status_file.read_text())


@pytest.mark.parametrize(("how", "status"), [("SIGHUP", 129), ("SIGTERM", 143), ("ctrl+c", 130)])
def test_an_interrupted_tui_workout_restores_the_terminal_and_keeps_the_partial_block(
        tmp_path: Path, how: str, status: int) -> None:
    workout = Workout(tmp_path, LONG_HOLD)
    try:
        workout.wait_for("HOLD · LEFT")
        time.sleep(1.5)  # some of the hold is worked
        if how == "ctrl+c":
            workout.press("C-c")
        else:
            os.kill(workout.hiptimer_pid(), getattr(signal, how))
        assert workout.exit_status() == status
        flags = workout.display("#{alternate_on} #{cursor_flag} #{mouse_any_flag}")
        assert flags == "0 1 0"  # the normal screen, the cursor shown, no mouse reporting
        stty = workout.stty_file.read_text().split()
        assert {"icanon", "echo", "isig"} <= set(stty)  # line mode and echo are back
    finally:
        workout.kill()
    assert history_rows(workout.home, "SELECT status FROM sessions") == [("stopped",)]
    [(exercise, side, block_status, worked)] = history_rows(
        workout.home, "SELECT exercise, side, status, actual_seconds FROM blocks")
    assert (exercise, side, block_status) == ("Pigeon stretch", "left", "partial")
    assert 1.0 <= worked < 10.0


def read_lines(process: subprocess.Popen[str], until: str, timeout: float = 20.0
               ) -> list[tuple[float, str]]:
    """(arrival instant, line) until a line holds ``until``."""
    assert process.stdout is not None
    lines: list[tuple[float, str]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if select.select([process.stdout], [], [], deadline - time.monotonic())[0]:
            line = process.stdout.readline()
            if not line:
                break
            lines.append((time.monotonic(), line.rstrip("\n")))
            if until in line:
                return lines
    raise AssertionError(f"never printed {until!r}; got {lines!r}")


def install_routine(tmp_path: Path, routine_text: str) -> Path:
    """A HIPTIMER_HOME whose one routine, ``holds``, is ``routine_text``."""
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True, exist_ok=True)
    (home / "routines" / "holds.toml").write_text(routine_text, encoding="utf-8")
    return home


def plain_run(tmp_path: Path, routine_text: str) -> tuple[subprocess.Popen[str], Path]:
    home = install_routine(tmp_path, routine_text)
    process = subprocess.Popen(
        [sys.executable, "-m", "hiptimer", "run", "holds", "--plain", "--mute"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
        env={**os.environ, "HIPTIMER_HOME": str(home)}, bufsize=1)
    return process, home


def test_a_history_locked_by_another_program_delays_no_line(tmp_path: Path) -> None:
    process, home = plain_run(tmp_path, SHORT_HOLDS)
    try:
        first = read_lines(process, "prepare")
        locker = sqlite3.connect(home / "history.sqlite3", isolation_level=None,
                                 check_same_thread=False)
        locker.execute("BEGIN EXCLUSIVE")  # another program holds the file for 4 s
        release = threading.Timer(4.0, locker.rollback)
        release.start()
        lines = first + read_lines(process, "finished")
        process.wait(timeout=30)
        release.join()
    finally:
        process.kill()
        process.communicate()
    locker.close()
    assert process.returncode == 0
    timed = [(arrived, match) for arrived, line in lines if (match := TIMED.match(line))]
    start = timed[0][0]  # the "0:00 prepare" line
    lateness = [arrived - start - (int(match[1]) * 60 + int(match[2])) for arrived, match in timed]
    assert len(timed) >= 5 and max(lateness) < 0.05, lines
    # What was queued while the file was locked was written when the lock went.
    assert history_rows(home, "SELECT status FROM sessions") == [("completed",)]
    assert history_rows(home, "SELECT exercise, status FROM blocks ORDER BY position") == [
        ("First hold", "done"), ("Second hold", "done")]


def test_a_stopped_plain_run_comes_back_paused_and_counts_none_of_the_stop(tmp_path: Path) -> None:
    process, home = plain_run(tmp_path, ONE_HOLD)
    try:
        read_lines(process, "hold, Plank hold")
        process.send_signal(signal.SIGSTOP)
        time.sleep(4.0)  # longer than the hold: it must not end, done or skipped, meanwhile
        process.send_signal(signal.SIGCONT)
        lines = [line for _, line in read_lines(process, "finished")]
        process.wait(timeout=30)
    finally:
        process.kill()
        process.communicate()
    events = [line.split(" ", 1)[1] for line in lines]
    # Nobody is at a terminal to press Enter: it resumes at once, where it was.
    assert events == ["paused", "resumed", "finished: 2 steps done, 0 skipped"]
    [(status, worked)] = history_rows(home, "SELECT status, actual_seconds FROM blocks")
    assert status == "done" and worked == 3.0


def test_ctrl_z_then_fg_brings_a_plain_run_back_paused_until_enter(tmp_path: Path) -> None:
    home = install_routine(tmp_path, ONE_HOLD)
    log = tmp_path / "out.txt"
    terminal = Terminal("bash --norc --noprofile", {**os.environ, "HIPTIMER_HOME": str(home),
                                                    "PS1": "$ "})
    try:
        terminal.press(f"{shlex.quote(sys.executable)} -m hiptimer run holds --plain --mute"
                       f" | tee {log}", "Enter")
        terminal.wait_for("hold, Plank hold")
        terminal.press("C-z")
        terminal.wait_for("Stopped")
        time.sleep(2.5)
        terminal.press("fg", "Enter")
        terminal.wait_for("press Enter to go on")
        time.sleep(1.0)  # paused: nothing moves until Enter
        assert "finished" not in terminal.screen()
        terminal.press("Enter")
        terminal.wait_for("finished:")
    finally:
        terminal.kill()
    events = [line.split(" ", 1)[-1] for line in log.read_text().splitlines()]
    assert "paused" in events and "resumed" in events
    assert events.index("paused") < events.index("resumed")
    assert events[-1] == "finished: 2 steps done, 0 skipped"


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGHUP, 129), (signal.SIGTERM, 143),
                                                (signal.SIGINT, 130)])
def test_a_signalled_plain_run_saves_the_session_as_stopped(tmp_path: Path, signum: int,
                                                            status: int) -> None:
    process, home = plain_run(tmp_path, LONG_HOLD)
    try:
        read_lines(process, "hold, Pigeon stretch")
        time.sleep(1.2)
        process.send_signal(signum)
        out, err = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == status
    assert "Traceback" not in err and out.rstrip().endswith("1 steps done, 3 skipped")
    assert history_rows(home, "SELECT status FROM sessions") == [("stopped",)]
    [(block_status, worked)] = history_rows(home, "SELECT status, actual_seconds FROM blocks")
    assert block_status == "partial" and worked >= 1.0


def test_with_no_terminal_run_goes_plain_and_says_so(tmp_path: Path) -> None:
    home = install_routine(tmp_path, 'name = "One"\n[timing]\nprepare = 0\n'
                                     '[[exercise]]\nname = "Hold"\nhold = 1\n')
    result = subprocess.run(
        [sys.executable, "-m", "hiptimer", "run", "holds", "--mute"], capture_output=True,
        text=True, timeout=30, stdin=subprocess.DEVNULL,
        env={**os.environ, "HIPTIMER_HOME": str(home)})
    assert result.returncode == 0
    assert result.stderr.splitlines() == [
        "hiptimer: standard output is not a terminal, so the workout runs as --plain"]
    assert "finished: 1 steps done, 0 skipped" in result.stdout


def test_the_library_with_no_terminal_exits_2_at_once(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "hiptimer"], capture_output=True, text=True,
                            timeout=30, stdin=subprocess.DEVNULL,
                            env={**os.environ, "HIPTIMER_HOME": str(tmp_path)})
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "needs a terminal" in result.stderr


def test_a_killed_plain_run_resumes_at_its_first_block_not_done(tmp_path: Path) -> None:
    process, home = plain_run(tmp_path, SHORT_HOLDS)
    try:
        read_lines(process, "hold, Second hold")
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()
    result = subprocess.run(
        [sys.executable, "-m", "hiptimer", "run", "holds", "--plain", "--mute", "--resume"],
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        env={**os.environ, "HIPTIMER_HOME": str(home)})
    assert result.returncode == 0, result.stderr
    steps = [line.split(" ", 1)[1] for line in result.stdout.splitlines() if TIMED.match(line)]
    assert steps[0] == "prepare, 1 s: get ready for Second hold"  # the routine's get-ready
    assert steps[1] == "hold, Second hold, 4 s" and "First hold" not in result.stdout
    assert steps[-1] == "finished: 5 steps done, 0 skipped"
    # One session, both stretches of time, each block once.
    assert history_rows(home, "SELECT status FROM sessions") == [("completed",)]
    assert len(history_rows(home, "SELECT id FROM stretches")) == 2
    assert history_rows(home, "SELECT exercise, status FROM blocks ORDER BY position") == [
        ("First hold", "done"), ("Second hold", "done")]
    again = subprocess.run(
        [sys.executable, "-m", "hiptimer", "run", "holds", "--plain", "--mute", "--resume"],
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        env={**os.environ, "HIPTIMER_HOME": str(home)})
    assert again.returncode == 1 and "nothing to resume" in again.stderr


def test_closing_the_terminal_window_mid_workout_keeps_the_session(tmp_path: Path) -> None:
    workout = Workout(tmp_path, LONG_HOLD)
    try:
        workout.wait_for("HOLD · LEFT")
        pid = workout.hiptimer_pid()
        time.sleep(1.2)
    finally:
        workout.kill()  # the window goes, and its terminal with it: a real hang-up

    def gone() -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        return False

    wait_until(gone, timeout=10)  # it did not hang on the dead terminal
    assert history_rows(workout.home, "SELECT status FROM sessions") == [("stopped",)]
    assert history_rows(workout.home, "SELECT status FROM blocks") == [("partial",)]


def test_a_workout_whose_output_fails_stops_saved_with_one_line(tmp_path: Path) -> None:
    home = install_routine(tmp_path, LONG_HOLD)
    env = {**os.environ, "HIPTIMER_HOME": str(home)}
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "hiptimer", "run", "holds", "--plain",
                                 "--mute"], stdout=full, stderr=subprocess.PIPE, text=True,
                                timeout=30, env=env, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "hiptimer: cannot write the workout's lines: No space left on device"]
    closed = subprocess.run(f"{shlex.quote(sys.executable)} -m hiptimer run holds --plain --mute"
                            " | head -1; exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                            capture_output=True, text=True, timeout=30, env=env)
    assert closed.returncode == 1 and closed.stderr == ""  # a pipe closed early is no error
    assert closed.stdout.startswith("Long hold:")
    assert history_rows(home, "SELECT status FROM sessions") == [("stopped",), ("stopped",)]
