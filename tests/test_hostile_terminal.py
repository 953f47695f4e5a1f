"""No byte of a routine file, a file name, a settings value or a history row reaches the
terminal as a control sequence: the real commands and the real TUI on a pseudo-terminal,
then the same in tmux with the clipboard open to OSC 52."""

from __future__ import annotations

import os
import pty
import select
import shlex
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import tomli_w

OSC52 = "\x1b]52;c;cHduZWQ=\x07"  # "pwned" into the clipboard
TITLE = "\x1b]0;PWNED-TITLE\x07"
CLEAR = "CLR\x1b[2J"
CSI8 = "\x9b2J"  # the 8-bit CSI: a clear screen for terminals that read C1 controls
FORMAT = "\u202eRLO\u2066LRI\u200dZWJ\u200bZWSP\x7fDEL"
PLANTED = f"Hostile {OSC52}{TITLE}{CLEAR}{CSI8}{FORMAT}"

FORBIDDEN = {  # what each planted sequence would be, raw, in the output
    "OSC 52": b"\x1b]52;", "OSC 0": b"\x1b]0;PWNED", "ESC[2J": b"CLR\x1b[2J",
    "8-bit CSI": "\x9b".encode(), "bidi override": "\u202e".encode(),
    "bidi isolate": "\u2066".encode(), "zero-width joiner": "\u200d".encode(),
    "zero-width space": "\u200b".encode(), "DEL": b"\x7f",
}


def assert_clean(output: bytes, what: str) -> None:
    found = [name for name, raw in FORBIDDEN.items() if raw in output]
    assert found == [], f"{what}: {found} reached the terminal raw"


def hostile_routine() -> str:
    exercise = {"name": f"Bridge {PLANTED}", "hold": 1, "how": [PLANTED, PLANTED],
                "tip": PLANTED, "equipment": [PLANTED], "targets": [PLANTED]}
    return tomli_w.dumps({
        "name": PLANTED, "description": PLANTED, "source": PLANTED, "tags": [PLANTED],
        "equipment": [PLANTED],
        "timing": {"prepare": 1, "rest": 0, "countdown": 0}, "exercise": [exercise]})


def broken_routine() -> str:
    """Invalid, with a key, a value and a raw comment the problems list and the editor show."""
    raw = FORMAT + "\x1b]0;PWNED-TITLE"  # a raw ESC in a comment: a TOML syntax error
    key = tomli_w.dumps({f"k{OSC52}": 1}).strip()
    return f'name = "Broken"\n{key}\n# {raw}\n[[exercise]]\nname = "x"\nhold = "{CSI8}"\n'


@pytest.fixture
def hostile_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    routines = home / "routines"
    routines.mkdir(parents=True)
    (routines / "hostile.toml").write_text(hostile_routine(), encoding="utf-8")
    (routines / "broken.toml").write_text(broken_routine(), encoding="utf-8")
    # A file name holding the sequences too (a folder shared as a zip can).
    (routines / f"named {OSC52}{TITLE}{CSI8}.toml").write_text(broken_routine(),
                                                               encoding="utf-8")
    (home / "config.toml").write_text(tomli_w.dumps({
        f"volume{OSC52}": 1, "volume": f"{TITLE}{CSI8}", "weekly_goal": f"{FORMAT}{CLEAR}",
        "sounds": {"go": f"/nowhere/{OSC52}.wav", f"go{TITLE}": "x.wav"}}), encoding="utf-8")
    return home


def environment(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "HIPTIMER_HOME": str(home), "TERM": "xterm-256color",
            "COLUMNS": "120", "LINES": "40", "PYTHONDONTWRITEBYTECODE": "1", **extra}


class PtyRun:
    """A command on a fresh pseudo-terminal; every byte it writes is kept."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.output = b""
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the pseudo-terminal is its stdin, stdout and stderr
            try:
                os.execve(sys.executable, [sys.executable, "-m", "hiptimer", *args], env)
            finally:
                os._exit(127)
        os.set_blocking(self.fd, False)

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:  # the child is gone and the pty closed
                    return
                if not chunk:
                    return
                self.output += chunk

    def wait_for(self, text: bytes, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.output and time.monotonic() < deadline:
            self.read(0.1)
        assert text in self.output, f"{text!r} never appeared"

    def send(self, keys: str, settle: float = 0.6) -> None:
        os.write(self.fd, keys.encode())
        self.read(settle)

    def finish(self, timeout: float = 20.0) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                self.read(0.2)
                os.close(self.fd)
                return os.waitstatus_to_exitcode(status)
            self.read(0.1)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)
        raise AssertionError(f"still running after {timeout} s")


def command_output(home: Path, *args: str, **extra: str) -> tuple[bytes, int]:
    run = PtyRun(list(args), environment(home, **extra))
    code = run.finish()
    return run.output, code


def test_every_command_shows_planted_sequences_escaped(hostile_home: Path,
                                                       tmp_path: Path) -> None:
    named = next(path for path in (hostile_home / "routines").iterdir() if "named" in path.name)
    commands = [
        (("list",), 0), (("show", "hostile"), 0), (("show", "hostile", "--json"), 0),
        (("check", str(hostile_home / "routines" / "broken.toml"), str(named)), 1),
        (("show", "broken"), 1), (("show", str(named)), 1),
        (("show", PLANTED), 1), (("show", "host"), 0),  # an error echoing a name; a prefix
        (("run", "hostile", "--plain", "--mute"), 0), (("history",), 0),
        (("history", "--json"), 0), (("hold", "1", "--plain", "--mute"), 0),
    ]
    for args, expected in commands:
        output, code = command_output(hostile_home, *args)
        assert code == expected, (args, output[-500:])
        assert_clean(output, " ".join(args))
        assert b"Traceback" not in output
    output, code = command_output(hostile_home, "list")
    assert b"Hostile \\u001b]52;c;cHduZWQ=\\u0007" in output  # shown, escaped
    editor = tmp_path / "editor.sh"  # an $EDITOR that changes nothing
    editor.write_text("#!/bin/sh\nexit 0\n")
    editor.chmod(0o755)
    output, code = command_output(hostile_home, "edit", "--external", "hostile",
                                  EDITOR=str(editor))
    assert code == 0 and b"valid" in output
    assert_clean(output, "edit --external")
    new = PtyRun(["new", f"Mine {PLANTED}"], environment(hostile_home))  # then its editor
    new.wait_for(b"Edit ")
    new.send("\x1b")
    assert new.finish() == 0
    assert_clean(new.output, "new")


def test_the_tui_shows_planted_sequences_escaped(hostile_home: Path) -> None:
    # The library (with the settings' notices), its filter, the preview, the palette.
    library = PtyRun(["--mute"], environment(hostile_home))
    library.wait_for(b"routines")
    library.send("/", settle=1.0)  # into the filter box, then type
    library.send("hostile", settle=1.0)
    library.send("\r", settle=1.0)
    library.wait_for(b"Hostile")
    library.send("\x1b")
    library.send("\x10", settle=1.0)  # ctrl+p: the command palette
    library.wait_for(b"Search for commands")
    library.send("\x1b", settle=1.0)
    library.send("\x11")  # ctrl+q
    assert library.finish() == 0
    assert_clean(library.output, "library, preview and palette")
    # A workout from its first seconds to its summary.
    workout = PtyRun(["run", "hostile", "--mute"], environment(hostile_home))
    workout.wait_for(b"Workout complete")
    workout.send("\r")
    assert workout.finish() == 0
    assert_clean(workout.output, "workout and summary")
    # The editor: the raw file in the text area, its problems listed beside it.
    editor = PtyRun(["edit", "broken", "--mute"], environment(hostile_home))
    editor.wait_for(b"problem")
    editor.send("\x1b")
    assert editor.finish() == 0
    assert_clean(editor.output, "editor")


# ---------------------------------------------------------------- tmux, clipboard open

class Tmux:
    def __init__(self, env: dict[str, str]) -> None:
        self.server = f"hiptimer-hostile-{uuid.uuid4().hex[:8]}"
        self.env = env
        self("-f", "/dev/null", "new-session", "-d", "-s", "S", "-x", "100", "-y", "30")
        self("set", "-g", "set-clipboard", "on")
        self("set", "-g", "allow-rename", "on")

    def __call__(self, *args: str, check: bool = True) -> str:
        return subprocess.run(["tmux", "-L", self.server, *args], capture_output=True,
                              text=True, env=self.env, check=check).stdout

    def run(self, command: str, done: Path, timeout: float = 30.0,
            answer: tuple[str, str] | None = None) -> None:
        """Run ``command`` in the pane; ``answer``: (text to wait for, key to press then)."""
        self("send-keys", "-t", "S", f"{command}; echo $? > {shlex.quote(str(done))}", "Enter")
        deadline = pressed = time.monotonic() + timeout
        while not done.exists() and time.monotonic() < deadline:
            if (answer is not None and abs(time.monotonic() - pressed) > 1.0
                    and answer[0] in self("capture-pane", "-p", "-t", "S")):
                self("send-keys", "-t", "S", answer[1])  # again a second later if unheard
                pressed = time.monotonic()
            time.sleep(0.1)
        assert done.exists(), self("capture-pane", "-p", "-t", "S")

    def buffers(self) -> str:
        return self("list-buffers", "-F", "#{buffer_sample}", check=False)

    def title(self) -> str:
        return self("display", "-p", "-t", "S", "#{pane_title}").strip()

    def kill(self) -> None:
        subprocess.run(["tmux", "-L", self.server, "kill-server"], capture_output=True)


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_in_tmux_a_routine_writes_neither_clipboard_nor_title(hostile_home: Path,
                                                              tmp_path: Path) -> None:
    tmux = Tmux(environment(hostile_home))
    try:
        # The terminal does obey these sequences: a shell's own printf reaches both.
        tmux.run(r"printf '\033]52;c;Y29udHJvbA==\007\033]0;CONTROL-TITLE\007'",
                 tmp_path / "control")
        deadline = time.monotonic() + 10  # tmux reads the pane's output on its own time
        while "control" not in tmux.buffers() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "control" in tmux.buffers() and tmux.title() == "CONTROL-TITLE"
        tmux("delete-buffer", check=False)
        python = shlex.quote(sys.executable)
        for number, args in enumerate(["list", "show hostile", "run hostile --plain --mute"]):
            tmux.run(f"{python} -m hiptimer {args}", tmp_path / f"done-{number}")
        tmux.run(f"{python} -m hiptimer run hostile --mute", tmp_path / "done-tui",
                 answer=("Workout complete", "Enter"))
        assert "pwned" not in tmux.buffers()
        assert "PWNED" not in tmux.title()
    finally:
        tmux.kill()
