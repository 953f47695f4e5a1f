"""Self-test checks end to end: the real command on a terminal (tmux), then ``history --checks``."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

from test_tui_e2e import Terminal

CHECKED = """\
name = "Quick self-tests"
[timing]
prepare = 1
rest = 2
switch = 1
countdown = 0
[[exercise]]
name = "Squat test"
hold = 1
check = "Heels down?"
[[exercise]]
name = "Bridge test"
hold = 1
sides = "each"
check = "Hips level?"
"""


def setup(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    home = tmp_path / "home"
    home.mkdir()
    routine = tmp_path / "quick-self-tests.toml"
    routine.write_text(CHECKED, encoding="utf-8")
    env = {**os.environ, "HIPTIMER_HOME": str(home), "TERM": "xterm-256color"}
    return home, routine, env


def history_checks(env: dict[str, str]) -> str:
    result = subprocess.run([sys.executable, "-m", "hiptimer", "history", "--checks"],
                            capture_output=True, text=True, env=env, timeout=30)
    assert result.returncode == 0 and result.stderr == ""
    return result.stdout


def wait_for_file(path: Path, timeout: float = 15.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text():
            return path.read_text().strip()
        time.sleep(0.05)
    raise AssertionError(f"{path} never written")


def test_plain_on_a_terminal_takes_typed_answers(tmp_path: Path) -> None:
    home, routine, env = setup(tmp_path)
    status = tmp_path / "status"
    terminal = Terminal(f"{shlex.quote(sys.executable)} -m hiptimer run "
                        f"{shlex.quote(str(routine))} --plain --mute; echo $? > {status};"
                        " sleep 60", env)
    try:
        terminal.wait_for("check: Heels down? (y/n)")
        terminal.press("y", "Enter")
        terminal.wait_for("answer: yes (Squat test)")
        terminal.wait_for("check: Hips level? (left side, y/n)")
        # Nobody answers the left side; the right side is asked as the workout finishes.
        terminal.wait_for("check: Hips level? (right side, y/n)")
        screen = terminal.wait_for("Enter alone leaves it unanswered")
        assert "finished: 6 steps done, 0 skipped" in screen
        terminal.press("n", "Enter")  # the left side, asked first, is answered first
        terminal.wait_for("answer: no (Bridge test, left side)")
        terminal.press("Enter")  # leave the right side unanswered
        assert wait_for_file(status) == "0"
    finally:
        terminal.kill()
    lines = history_checks(env).splitlines()
    assert lines[0] == "Squat test: Heels down?"
    assert lines[2].endswith("  yes")
    assert lines[4] == "Bridge test: Hips level?"
    assert lines[5].split() == ["DATE", "LEFT", "RIGHT"]
    assert lines[6].split()[2:] == ["no", "none"]


def test_plain_with_no_terminal_records_unanswered(tmp_path: Path) -> None:
    home, routine, env = setup(tmp_path)
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "hiptimer", "run", str(routine), "--plain",
                             "--mute"], capture_output=True, text=True, env=env, timeout=30,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 7 + 3  # 7 s of steps: nothing waited for an answer
    assert "check: Hips level? (right side): unanswered, input is not a terminal" in result.stdout
    assert history_checks(env).splitlines()[6].split()[2:] == ["none", "none"]


def test_the_tui_asks_while_the_workout_goes_on(tmp_path: Path) -> None:
    home, routine, env = setup(tmp_path)
    status = tmp_path / "status"
    terminal = Terminal(f"{shlex.quote(sys.executable)} -m hiptimer run "
                        f"{shlex.quote(str(routine))} --mute; echo $? > {status}; sleep 60", env)
    try:
        screen = terminal.wait_for("Self-test (y yes, n no): Heels down?")
        assert "REST" in screen
        terminal.press("n")
        terminal.wait_for("Self-test, left side (y yes, n no): Hips level?")
        terminal.press("y")
        terminal.wait_for("Self-test, right side (y yes, n no, q leaves it): Hips level?")
        terminal.press("y")
        terminal.wait_for("Workout complete")
        terminal.press("Enter")
        assert wait_for_file(status) == "0"
    finally:
        terminal.kill()
    lines = history_checks(env).splitlines()
    assert lines[2].endswith("  no")
    assert lines[6].split()[2:] == ["yes", "yes"]
