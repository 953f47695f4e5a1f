"""The real `hiptimer run` in a real terminal (tmux): a routine with both sides, to its summary."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
import uuid
from pathlib import Path

from test_tui_support import DATA

QUICK_SIDES = DATA / "quick-sides.toml"  # prepare 1, left 2, switch 1, right 2: 6 s


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
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.05)
        raise AssertionError(f"{text!r} never appeared; the screen was:\n{self.screen()}")

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
