"""The history store: rows written as the workout goes, and files it must never lose."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_history_helpers import WallClock, block_rows, plan_of, rows, run_workout

from hiptimer.core.engine import Engine
from hiptimer.history.process import current_identity
from hiptimer.history.opening import open_store

CLAM_LEFT = ("Clamshell", 1, "left", 2.0, 2.0, 2, 2, "done")
CLAM_RIGHT = ("Clamshell", 1, "right", 2.0, 2.0, 2, 2, "done")
BRIDGE = ("Bridge", 1, None, 3.0, 3.0, None, None, "done")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "history.sqlite3"


def test_the_session_row_is_written_when_the_workout_starts(db: Path) -> None:
    wall = WallClock()
    store, notice = open_store(db, wall_clock=wall)
    plan = plan_of()
    store.begin(plan, "/routines/hips.toml")
    assert notice is None
    assert rows(db, "SELECT routine, source, started_at, planned_seconds, status FROM sessions") \
        == [("Morning hips", "/routines/hips.toml", "2025-03-12T07:30:00+01:00",
             plan.total_seconds, "running")]
    store.close()


def test_each_block_is_committed_when_it_ends_and_the_session_when_it_finishes(db: Path) -> None:
    wall = WallClock()
    store, _ = open_store(db, wall_clock=wall)
    seen_at: dict[float, int] = {}
    run_workout(store, plan_of(), wall,
                after_each=lambda now, _: seen_at.__setitem__(now, len(block_rows(db))))
    # prepare 0-1, left reps 1-3, switch 3-4, right reps 4-6, rest 6-7, bridge 7-10
    assert [seen_at[t] for t in (2.0, 3.0, 5.0, 6.0, 9.0, 10.0)] == [0, 1, 1, 2, 2, 3]
    assert block_rows(db) == [CLAM_LEFT, CLAM_RIGHT, BRIDGE]
    assert rows(db, "SELECT status, started_at, ended_at FROM sessions") == [
        ("completed", "2025-03-12T07:30:00+01:00", "2025-03-12T07:30:10+01:00")]
    store.close()


def test_a_stopped_workout_keeps_what_was_done(db: Path) -> None:
    store, _ = open_store(db, wall_clock=WallClock())
    run_workout(store, plan_of(), actions={5.0: Engine.stop})  # in the right side's 2nd rep
    assert block_rows(db) == [CLAM_LEFT, ("Clamshell", 1, "right", 2.0, 1.0, 1, 2, "partial")]
    assert rows(db, "SELECT status FROM sessions") == [("stopped",)]
    store.close()


def test_skipping_an_exercise_records_its_blocks_as_skipped_at_once(db: Path) -> None:
    store, _ = open_store(db, wall_clock=WallClock())
    written: list[int] = []
    run_workout(store, plan_of(), actions={2.0: Engine.skip_exercise},
                after_each=lambda now, _: written.append(len(block_rows(db))))
    assert written[1] == 2  # at 2 s, in the rest that follows the skip
    assert block_rows(db) == [("Clamshell", 1, "left", 2.0, 1.0, 1, 2, "partial"),
                              ("Clamshell", 1, "right", 2.0, 0.0, 0, 2, "skipped"), BRIDGE]
    store.close()


def test_going_back_into_an_ended_block_updates_its_row(db: Path) -> None:
    store, _ = open_store(db, wall_clock=WallClock())
    run_workout(store, plan_of(), actions={3.0: Engine.back})  # at the switch: back to rep 2
    assert block_rows(db)[0] == ("Clamshell", 1, "left", 2.0, 3.0, 2, 2, "done")
    assert len(block_rows(db)) == 3
    store.close()


def test_closing_during_a_workout_ends_the_session_as_interrupted(db: Path) -> None:
    store, _ = open_store(db, wall_clock=WallClock())
    run_workout(store, plan_of(), until=2.0)
    store.close()
    assert rows(db, "SELECT status FROM sessions") == [("interrupted",)]
    assert block_rows(db) == [("Clamshell", 1, "left", 2.0, 1.0, 1, 2, "partial")]


def test_a_failing_write_never_stops_the_workout(db: Path) -> None:
    store, _ = open_store(db, wall_clock=WallClock())
    rows(db, "CREATE TRIGGER full BEFORE INSERT ON blocks"
             " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
    run_workout(store, plan_of())
    assert store.problem == "history could not be saved: the disk is full"
    assert rows(db, "SELECT status FROM sessions") == [("completed",)]
    store.close()


# -- sessions left running -----------------------------------------------------

CHILD_SESSION = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    from test_history_helpers import plan_of
    from hiptimer.core.engine import Engine
    from hiptimer.history.opening import open_store
    store, _ = open_store(Path(sys.argv[1]))
    plan = plan_of()
    store.begin(plan, "child")
    engine = Engine(plan)
    store.handle(engine.start(0.0))
    store.handle(engine.advance(3.5))  # the left side done, then gone without a word
    os._exit(0)
""")


def run_child(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    tests = str(Path(__file__).parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([tests, os.environ.get("PYTHONPATH", "")])}
    return subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True,
                          text=True, timeout=60)


def test_a_session_whose_process_died_is_marked_interrupted_on_next_open(db: Path) -> None:
    assert run_child(CHILD_SESSION, str(db)).returncode == 0
    assert rows(db, "SELECT status FROM sessions") == [("running",)]
    store, notice = open_store(db)
    assert rows(db, "SELECT status, ended_at FROM sessions") == [("interrupted", None)]
    assert block_rows(db) == [CLAM_LEFT]
    assert notice is None
    store.close()


def test_a_session_running_in_a_live_process_is_left_alone(db: Path) -> None:
    first, _ = open_store(db, wall_clock=WallClock())
    first.begin(plan_of(), "first")
    second, _ = open_store(db)
    assert rows(db, "SELECT status FROM sessions") == [("running",)]
    second.close()
    first.close()


@pytest.mark.skipif(current_identity().start is None, reason="needs /proc")
def test_a_reused_pid_does_not_keep_a_dead_session_running(db: Path) -> None:
    store, _ = open_store(db)
    store.close()
    me = current_identity()
    rows(db, "INSERT INTO sessions (routine, source, started_at, updated_at, planned_seconds,"
             " planned_blocks, status, host, pid, process_start) VALUES ('Old', 'x',"
             " '2025-01-01T08:00:00+01:00', '2025-01-01T08:05:00+01:00', 60, 2, 'running',"
             " ?, ?, 'another-boot:1234')", me.host, me.pid)
    rows(db, "PRAGMA wal_checkpoint")
    store, _ = open_store(db)
    assert rows(db, "SELECT status FROM sessions") == [("interrupted",)]
    store.close()


# -- two processes at once -----------------------------------------------------

WRITER = textwrap.dedent("""
    import os, sqlite3, sys, time
    from pathlib import Path
    from test_history_helpers import plan_of, run_workout
    from hiptimer.history.opening import open_store
    db, me, other = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])

    def wait_for(condition):
        deadline = time.monotonic() + 60
        while not condition() and time.monotonic() < deadline:
            time.sleep(0.001)

    def other_has_written():
        with sqlite3.connect(db, timeout=30) as peek:
            return peek.execute("SELECT count(*) FROM sessions WHERE pid != ?",
                                (os.getpid(),)).fetchone()[0] > 0

    me.touch()
    wait_for(other.exists)  # start together
    store, notice = open_store(db)
    assert notice is None, notice
    for done in range(50):
        if done == 25:  # halfway, make sure the other one is writing too
            wait_for(other_has_written)
        run_workout(store, plan_of())
    assert store.problem is None, store.problem
    store.close()
""")


def test_two_processes_writing_at_once_lose_nothing(db: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent)}
    ready = [str(tmp_path / "ready-a"), str(tmp_path / "ready-b")]
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), me, other], env=env,
                                stderr=subprocess.PIPE, text=True)
               for me, other in (ready, ready[::-1])]
    errors = [writer.communicate(timeout=120)[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0], errors
    assert rows(db, "SELECT status, count(*) FROM sessions GROUP BY status") \
        == [("completed", 100)]
    assert rows(db, "SELECT count(*) FROM blocks") == [(300,)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    writer_order = [pid for (pid,) in rows(db, "SELECT pid FROM sessions ORDER BY id")]
    switches = sum(1 for a, b in zip(writer_order, writer_order[1:]) if a != b)
    assert switches > 1  # their sessions interleave: both wrote while the other was open


# -- schema versions -------------------------------------------------------------

# The first schema exactly as version 1 shipped it: frozen here, whatever the code becomes.
SCHEMA_V1 = """
CREATE TABLE sessions (id INTEGER PRIMARY KEY, routine TEXT NOT NULL, source TEXT NOT NULL,
    started_at TEXT NOT NULL, updated_at TEXT NOT NULL, ended_at TEXT,
    planned_seconds REAL NOT NULL, planned_blocks INTEGER NOT NULL, status TEXT NOT NULL
    CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    host TEXT NOT NULL, pid INTEGER NOT NULL, process_start TEXT);
CREATE TABLE blocks (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id),
    position INTEGER NOT NULL, exercise TEXT NOT NULL, exercise_index INTEGER NOT NULL,
    set_number INTEGER NOT NULL, side TEXT, planned_seconds REAL NOT NULL,
    actual_seconds REAL NOT NULL, reps_done INTEGER,
    status TEXT NOT NULL CHECK (status IN ('done', 'partial', 'skipped')),
    ended_at TEXT NOT NULL);
CREATE INDEX blocks_by_session ON blocks (session_id, position);
CREATE INDEX sessions_by_status ON sessions (status);
INSERT INTO sessions VALUES (1, 'Old routine', 'old.toml', '2025-03-01T08:00:00+01:00',
    '2025-03-01T08:10:00+01:00', '2025-03-01T08:10:00+01:00', 600, 1, 'completed', 'h', 1, NULL);
INSERT INTO blocks VALUES (1, 1, 1, 'Clamshell', 0, 1, 'left', 30, 31.5, 10, 'done',
    '2025-03-01T08:05:00+01:00');
PRAGMA user_version = 1;
"""


def test_a_version_1_file_is_migrated_and_keeps_its_rows(db: Path) -> None:
    db.parent.mkdir(parents=True)
    connection = sqlite3.connect(db)
    connection.executescript(SCHEMA_V1)
    connection.close()
    store, notice = open_store(db, wall_clock=WallClock())
    run_workout(store, plan_of())
    store.close()
    assert notice is None
    assert rows(db, "PRAGMA user_version") == [(3,)]
    assert rows(db, "SELECT exercise, reps_done, reps_target, status FROM blocks"
                    " WHERE session_id = 1") == [("Clamshell", 10, None, "done")]
    # The old session gets its one stretch of time, and the standard level.
    assert rows(db, "SELECT started_at, ended_at FROM stretches WHERE session_id = 1") == [
        ("2025-03-01T08:00:00+01:00", "2025-03-01T08:10:00+01:00")]
    assert rows(db, "SELECT level FROM sessions WHERE id = 1") == [("standard",)]
    assert block_rows(db)[1:] == [CLAM_LEFT, CLAM_RIGHT, BRIDGE]  # new rows have reps_target
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


# -- files that cannot be used ---------------------------------------------------

@pytest.mark.parametrize("content", [os.urandom(8192), b"just some notes\n" * 100],
                         ids=["random bytes", "text"])
def test_a_file_that_is_not_a_database_is_moved_aside_never_lost(db: Path, content: bytes) -> None:
    db.parent.mkdir(parents=True)
    db.write_bytes(content)
    store, notice = open_store(db, wall_clock=WallClock())
    moved = db.with_name("history.sqlite3.corrupt-20250312-073000")
    assert moved.read_bytes() == content
    assert notice is not None and "not a valid database" in notice and moved.name in notice
    run_workout(store, plan_of())
    assert rows(db, "SELECT status FROM sessions") == [("completed",)]
    store.close()


def test_a_database_with_damaged_pages_is_moved_aside(db: Path) -> None:
    store, _ = open_store(db)
    run_workout(store, plan_of())
    store.close()
    damaged = bytearray(db.read_bytes())
    page = 4096
    damaged[page:2 * page] = b"\xff" * page  # the second page: a table's b-tree
    db.write_bytes(bytes(damaged))
    store, notice = open_store(db, wall_clock=WallClock())
    assert notice is not None and "moved to" in notice
    assert db.with_name("history.sqlite3.corrupt-20250312-073000").read_bytes() == damaged
    assert rows(db, "SELECT count(*) FROM sessions") == [(0,)]
    store.close()


def test_a_file_from_a_newer_hiptimer_is_left_untouched(db: Path) -> None:
    store, _ = open_store(db)
    store.close()
    rows(db, "PRAGMA user_version = 99")
    before = db.read_bytes()
    store, notice = open_store(db)
    run_workout(store, plan_of())
    assert notice is not None and "newer hiptimer" in notice and "not being saved" in notice
    assert db.read_bytes() == before
    store.close()


def test_a_folder_that_cannot_be_created_keeps_history_in_memory(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be")
    store, notice = open_store(tmp_path / "data" / "history.sqlite3")
    assert notice == (f"history is not being saved: cannot create the folder {tmp_path / 'data'}"
                      " (File exists)")
    assert not store.saving
    run_workout(store, plan_of())
    assert store.read(lambda c: c.execute("SELECT status FROM sessions").fetchall()) \
        == [("completed",)]
    store.close()


def make_read_only(folder: Path) -> None:
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root where chattr +i is not available")


def make_writable(folder: Path) -> None:
    if os.geteuid() == 0:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
    folder.chmod(0o755)


@pytest.mark.parametrize("existing", [False, True], ids=["new file", "existing file"])
def test_a_read_only_folder_never_crashes_the_workout(db: Path, existing: bool) -> None:
    db.parent.mkdir(parents=True)
    if existing:
        store, _ = open_store(db)
        store.close()
        for leftover in db.parent.glob("history.sqlite3-*"):
            leftover.unlink()
    make_read_only(db.parent)
    try:
        store, notice = open_store(db)
        run_workout(store, plan_of())
        store.close()
    finally:
        make_writable(db.parent)
    assert notice is not None and notice.startswith("history is not being saved")
