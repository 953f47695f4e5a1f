"""The real `hiptimer run` in a real terminal (tmux): a routine with both sides, to its summary."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from test_tui_support import DATA, SHORT

QUICK_SIDES = DATA / "quick-sides.toml"  # prepare 1, left 2, switch 1, right 2: 6 s


def _until(read: Callable[[], str], text: str, timeout: float,
           failure: Callable[[str], str]) -> str:
    """What ``read`` gives once it contains ``text``; fails with ``failure`` of the last read."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = read()
        if text in seen:
            return seen
        time.sleep(0.05)
    raise AssertionError(failure(read()))


class Terminal:
    """An 80x24 tmux session on a private server, read with capture-pane."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.server = f"hiptimer-test-{uuid.uuid4().hex[:8]}"
        self._tmux("new-session", "-d", "-s", "S", "-x", "80", "-y", "24", command, env=env)

    def _tmux(self, *args: str, env: dict[str, str] | None = None) -> str:
        result = subprocess.run(["tmux", "-L", self.server, *args], capture_output=True,
                                text=True, env=env, check=True)
        return result.stdout

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "S")

    def wait_for(self, text: str, timeout: float = 15.0) -> str:
        return _until(self.screen, text, timeout,
                      lambda seen: f"{text!r} never appeared; the screen was:\n{seen}")

    def title(self) -> str:
        return self._tmux("display-message", "-p", "-t", "S", "#{pane_title}").rstrip("\n")

    def wait_for_title(self, text: str, timeout: float = 15.0) -> str:
        return _until(self.title, text, timeout,
                      lambda seen: f"{text!r} never was the title; it was {seen!r}")

    def press(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", "S", *keys)

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.server, "kill-server"], capture_output=True)


def test_hiptimer_run_shows_both_sides_then_the_summary(tmp_path: Path) -> None:
    done_marker = tmp_path / "exit-code"
    command = (f"{shlex.quote(sys.executable)} -m hiptimer run {shlex.quote(str(QUICK_SIDES))}"
               f" --mute; echo $? > {shlex.quote(str(done_marker))}")
    env = {**os.environ, "HIPTIMER_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"}
    terminal = Terminal(command, env)
    try:
        terminal.wait_for("Standing hip hold")
        terminal.wait_for("HOLD · LEFT")
        terminal.wait_for("HOLD · RIGHT")
        summary = terminal.wait_for("Workout complete")
        assert "Exercises done:  1 of 1" in summary
        terminal.press("Enter")
        deadline = time.monotonic() + 10
        while not done_marker.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert done_marker.read_text().strip() == "0"
    finally:
        terminal.kill()


def titled_run(tmp_path: Path, config: str = "") -> Terminal:
    """`hiptimer run` of the quick routine in a pane whose title was "before" it started."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "config.toml").write_text(config, encoding="utf-8")
    command = (f"printf '\\033]2;before\\007'; {shlex.quote(sys.executable)} -m hiptimer run "
               f"{shlex.quote(str(QUICK_SIDES))} --mute; sleep 30")
    env = {**os.environ, "HIPTIMER_HOME": str(home), "TERM": "xterm-256color"}
    return Terminal(command, env)


def test_the_window_title_follows_the_workout_and_is_put_back(tmp_path: Path) -> None:
    terminal = titled_run(tmp_path)
    try:
        title = terminal.wait_for_title("HOLD · LEFT")
        assert re.fullmatch(r"0:0[12] HOLD · LEFT · Standing hip hold", title), title
        screen = terminal.screen()
        assert sum(1 for line in screen.splitlines() if set("█▀▄") & set(line)) >= 7
        terminal.wait_for_title("HOLD · RIGHT")
        terminal.wait_for("Workout complete")
        terminal.wait_for_title("before")  # the title it had, from the terminal's title stack
    finally:
        terminal.kill()


def test_the_window_title_stays_as_it_was_with_title_off(tmp_path: Path) -> None:
    terminal = titled_run(tmp_path, "title = false\n")
    try:
        terminal.wait_for("HOLD · LEFT")
        assert terminal.title() == "before"
    finally:
        terminal.kill()



def test_ctrl_z_gives_the_shell_its_title_back_until_fg(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "HIPTIMER_HOME": str(home), "TERM": "xterm-256color"}
    terminal = Terminal("bash --norc --noprofile", env)
    try:
        terminal.press(f"printf '\\033]2;before\\007'; {shlex.quote(sys.executable)} -m hiptimer run "
                       f"{shlex.quote(str(SHORT))} --mute", "Enter")
        terminal.wait_for_title("HOLD · LEFT")
        terminal.press("C-z")
        terminal.wait_for_title("before")
        terminal.wait_for("Stopped")  # bash has the terminal back
        terminal.press("fg", "Enter")
        assert terminal.wait_for_title("PAUSED").startswith("PAUSED · 0:")
    finally:
        terminal.kill()
