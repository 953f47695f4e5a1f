"""Standard output that fails, closes early or cannot show every character: one line and
exit 1, silence and exit 1, or a replacement character; never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROUTINE = """\
name = "Étirements … 日本語 ✓"
[timing]
prepare = 0
rest = 0
countdown = 0
[[exercise]]
name = "Pont fessier … ✓"
hold = 0.05
"""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "accents.toml").write_text(ROUTINE, encoding="utf-8")
    return home


def hiptimer(home: Path, *args: str, stdout: int | None = subprocess.PIPE,
             **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "hiptimer", *args], stdout=stdout,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, timeout=60,
                          env={**os.environ, "HIPTIMER_HOME": str(home), **env})


COMMANDS = [("list",), ("show", "accents"), ("show", "accents", "--json"),
            ("check", "ROUTINE"), ("run", "accents", "--plain", "--mute"), ("history",),
            ("history", "--csv"), ("hold", "0.05", "--plain", "--mute"), ("--help",)]


def arguments(home: Path, command: tuple[str, ...]) -> list[str]:
    return [str(home / "routines" / "accents.toml") if arg == "ROUTINE" else arg
            for arg in command]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(home: Path,
                                                      command: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        done = hiptimer(home, *arguments(home, command), stdout=full.fileno())
    err = done.stderr.decode()
    assert done.returncode == 1, err
    # A workout says what it could not write ("the workout's lines"); a listing, "the output".
    last = err.splitlines()[-1]
    assert last.startswith("hiptimer: cannot write the ") and last.endswith(
        ": No space left on device")
    assert len([line for line in err.splitlines() if "cannot write" in line]) == 1
    assert "Traceback" not in err and "Exception ignored" not in err


def test_a_closed_stdout_is_one_line_and_exit_1(home: Path) -> None:
    done = subprocess.run(f"{sys.executable} -m hiptimer list >&-", shell=True,
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HIPTIMER_HOME": str(home)})
    assert done.returncode == 1
    assert done.stderr == "hiptimer: standard output is closed: nothing could be shown\n"


@pytest.mark.parametrize("command", [("list",), ("show", "accents"), ("--help",)], ids=" ".join)
def test_a_pipe_closed_early_ends_quietly_with_exit_1(home: Path,
                                                      command: tuple[str, ...]) -> None:
    reader = subprocess.Popen([sys.executable, "-m", "hiptimer", *command],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "HIPTIMER_HOME": str(home)})
    assert reader.stdout is not None and reader.stderr is not None
    reader.stdout.readline()  # like `| head -1`
    reader.stdout.close()
    err = reader.stderr.read()
    assert reader.wait(timeout=60) in (0, 1)  # 0 when all was written before the close
    assert err == b""


def test_a_pipe_closed_before_the_end_of_a_long_output_is_exit_1(home: Path) -> None:
    long = home / "routines" / "long.toml"
    long.write_text('name = "Long"\n[[exercise]]\nname = "Reps"\nreps = 1000\nsets = 20\n',
                    encoding="utf-8")
    done = subprocess.run(f"{sys.executable} -m hiptimer show long | head -1; "
                          "echo ${PIPESTATUS[0]} >&2", shell=True, executable="/bin/bash",
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "HIPTIMER_HOME": str(home)})
    assert done.stdout.startswith("Long: 20020 steps")
    assert done.stderr == "1\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_prints_in_a_narrow_encoding(home: Path, encoding: str,
                                                   command: tuple[str, ...]) -> None:
    hiptimer(home, "run", "accents", "--plain", "--mute")  # a session for `history`
    done = hiptimer(home, *arguments(home, command), PYTHONIOENCODING=encoding)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr
    text = done.stdout.decode(encoding)  # only what the encoding holds
    if command[0] in ("list", "show", "history"):
        assert "?" in text  # "…", "日本語" or "✓" replaced, the rest kept
    if encoding == "latin-1" and command[:2] == ("show", "accents"):
        assert "Étirements" in text
