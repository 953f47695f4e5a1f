"""End to end: kill -9 in mid-workout loses at most the exercise in progress."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from test_history_helpers import rows
from test_interruptions_e2e import read_lines

from hiptimer.history.opening import open_store

ROUTINE = """\
name = "Two holds"

[timing]
prepare = 1
rest = 1

[[exercise]]
name = "First hold"
hold = 1

[[exercise]]
name = "Second hold"
hold = 1
"""


def test_kill_9_in_the_second_exercise_keeps_the_first(tmp_path: Path) -> None:
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "two-holds.toml").write_text(ROUTINE, encoding="utf-8")
    env = {**os.environ, "HIPTIMER_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "hiptimer", "run", "two-holds", "--plain", "--mute"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        read_lines(process, "Second hold, 1 s", timeout=20)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.communicate(timeout=10)
    db = tmp_path / "history.sqlite3"
    assert rows(db, "SELECT routine, status FROM sessions") == [("Two holds", "running")]
    assert rows(db, "SELECT exercise, status FROM blocks") == [("First hold", "done")]
    store, _ = open_store(db)
    store.close()
    assert rows(db, "SELECT status FROM sessions") == [("interrupted",)]
    assert rows(db, "SELECT exercise, status FROM blocks") == [("First hold", "done")]
