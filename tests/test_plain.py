"""The plain runner: one line per event, on a fake clock (and once for real)."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from conftest import FakeClock

from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.history.summary import load_sessions
from hiptimer.plain import run_plain

STEP_LINE = re.compile(r"^(\d+:\d\d) (.*)$")


def run(routine: Routine, clock: FakeClock, stdin: io.StringIO | None = None,
        **kwargs: object) -> tuple[int, list[tuple[str, str]]]:
    out = io.StringIO()
    code = run_plain(build_plan(routine), out=out, stdin=stdin, clock_fn=clock, sleep_fn=clock.sleep,
                     **kwargs)
    lines = out.getvalue().splitlines()
    return code, [m.groups() for m in map(STEP_LINE.match, lines) if m]


def stretch(**timing: float) -> Routine:
    return Routine("Stretch", (Exercise("Pigeon", hold=4, sides="each"),),
                   Timing(**{"prepare": 2, "switch": 2, **timing}))


def test_events_come_in_order_with_their_elapsed_time(fake_clock: FakeClock) -> None:
    code, lines = run(stretch(), fake_clock)
    assert code == 0
    assert lines == [
        ("0:00", "prepare, 2 s: get ready for Pigeon"),
        ("0:01", "countdown 1"),
        ("0:02", "hold, Pigeon, left side, 4 s"),
        ("0:03", "countdown 3"),
        ("0:04", "countdown 2"),
        ("0:05", "countdown 1"),
        ("0:06", "switch sides to right, 2 s"),
        ("0:07", "countdown 1"),
        ("0:08", "hold, Pigeon, right side, 4 s"),
        ("0:09", "countdown 3"),
        ("0:10", "countdown 2"),
        ("0:11", "countdown 1"),
        ("0:12", "finished: 4 steps done, 0 skipped"),
    ]
    assert fake_clock.now == 1012.0


def test_ctrl_c_stops_with_exit_130(fake_clock: FakeClock) -> None:
    def interrupting_sleep(seconds: float) -> None:
        fake_clock.sleep(seconds)
        if fake_clock.now >= 1005:
            raise KeyboardInterrupt

    out = io.StringIO()
    code = run_plain(build_plan(stretch()), out=out, stdin=None, clock_fn=fake_clock,
                     sleep_fn=interrupting_sleep)
    assert code == 130
    assert out.getvalue().splitlines()[-1].endswith("stopped: 1 steps done, 3 skipped")


def test_self_paced_reps_are_timed_when_input_is_not_a_terminal(fake_clock: FakeClock) -> None:
    routine = Routine("Clams", (Exercise("Clamshell", reps=2, self_paced=True),),
                      Timing(prepare=0, tempo=3))
    out = io.StringIO()
    run_plain(build_plan(routine), out=out, stdin=io.StringIO(""), clock_fn=fake_clock,
              sleep_fn=fake_clock.sleep)
    text = out.getvalue()
    assert "self-paced reps are timed at their estimate" in text
    assert "0:03 rep, Clamshell, rep 2 of 2, 3 s" in text
    assert "0:06 finished" in text


def test_notices_are_printed_before_the_workout(fake_clock: FakeClock) -> None:
    out = io.StringIO()
    run_plain(build_plan(stretch()), out=out, stdin=None, clock_fn=fake_clock, sleep_fn=fake_clock.sleep,
              notices=["sound is off: no sound device"])
    assert out.getvalue().splitlines()[1] == "note: sound is off: no sound device"


def test_real_command_runs_a_short_routine_on_time(tmp_path: Path) -> None:
    routine = tmp_path / "quick.toml"
    routine.write_text('name = "Quick"\n[timing]\nprepare = 1\nswitch = 1\ncountdown = 1\n'
                       '[[exercise]]\nname = "Lunge hold"\nhold = 1\nsides = "each"\n',
                       encoding="utf-8")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "hiptimer", "run", str(routine), "--plain", "--mute"],
        capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        env={"HIPTIMER_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    took = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    phases = [m.group(2).split(",")[0] for m in map(STEP_LINE.match, result.stdout.splitlines())
              if m and not m.group(2).startswith("countdown")]
    assert phases == ["prepare", "hold", "switch sides to right", "hold", "finished: 4 steps done"]
    assert "left side" in result.stdout and "right side" in result.stdout
    assert 4.0 <= took < 4.0 + 3.0  # 4 s of steps, plus start-up


def test_the_caution_is_the_first_line_and_the_level_is_in_the_title(
        fake_clock: FakeClock) -> None:
    out = io.StringIO()
    routine = replace(stretch(), caution="Stop if it pinches.\x1b[2J", level="harder")
    run_plain(build_plan(routine), out=out, stdin=None, clock_fn=fake_clock,
              sleep_fn=fake_clock.sleep, notices=["sound is off"])
    assert out.getvalue().splitlines()[:3] == [
        "caution: Stop if it pinches.\\u001b[2J",  # printable: no escape reaches the terminal
        "Stretch (harder): 4 steps, 0:12", "note: sound is off"]


def test_real_command_runs_the_level_asked_and_the_history_keeps_it(tmp_path: Path) -> None:
    """`run R --level harder --plain`, end to end: the harder exercise runs, the history says so."""
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "squats.toml").write_text(
        'name = "Squats"\ncaution = "Stop on sharp pain."\n[timing]\nprepare = 0.5\n'
        'countdown = 0\n[[exercise]]\nname = "Squat"\nhold = 5\n'
        '[exercise.harder]\nname = "Jump squat"\nhold = 0.5\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "hiptimer", "run", "squats", "--level", "harder", "--plain",
         "--mute"], capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL,
        env={"HIPTIMER_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["caution: Stop on sharp pain.", "Squats (harder): 2 steps, 0:01"]
    assert "0:00 hold, Jump squat, 0.5 s" in lines
    [session] = load_sessions(tmp_path / "history.sqlite3")
    assert (session.level, session.status, [b.exercise for b in session.exercises]) == (
        "harder", "completed", ["Jump squat"])
