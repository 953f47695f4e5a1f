"""Opening the history file: created, migrated, checked, moved aside when damaged.

``open_store`` never raises at the workout: a file that cannot be used is moved
aside or replaced by an in-memory store, with a one-line notice saying so.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import datetime
from pathlib import Path

from hiptimer.files import FileRefused, refuse_special
from hiptimer.history.process import ProcessIdentity, is_gone
from hiptimer.history.schema import NewerSchema, migrate
from hiptimer.history import local_now
from hiptimer.history.store import BUSY_TIMEOUT_SECONDS, HistoryStore, WallClock, describe


def connect(path: Path | str) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None,
                                 check_same_thread=False)
    connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return connection


def mark_interrupted(connection: sqlite3.Connection) -> int:
    """Running sessions whose process is gone become 'interrupted'; returns how many."""
    rows = connection.execute(
        "SELECT id, host, pid, process_start FROM sessions WHERE status = 'running'").fetchall()
    gone = [(row[0],) for row in rows if is_gone(ProcessIdentity(row[1], row[2], row[3]))]
    # ended_at stays empty: nobody knows when; updated_at is the last sign of life.
    connection.executemany("UPDATE sessions SET status = 'interrupted' WHERE id = ?", gone)
    return len(gone)


def _use_wal(connection: sqlite3.Connection) -> None:
    # Switching a new file to WAL needs an exclusive lock, and SQLite reports
    # "locked" at once rather than waiting when another process is creating it too.
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _prepare(connection: sqlite3.Connection) -> None:
    """Configure and migrate an open file; raises sqlite3.Error when unusable."""
    _use_wal(connection)
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute("BEGIN IMMEDIATE")
    try:
        migrate(connection)
        mark_interrupted(connection)
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def is_valid_database(connection: sqlite3.Connection) -> bool:
    """False for a file that is not SQLite, or one whose pages are damaged."""
    try:
        rows = connection.execute("PRAGMA quick_check").fetchall()
    except sqlite3.OperationalError:
        raise  # locked, or cannot be opened at all: says nothing about the contents
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def move_aside(path: Path, moment: datetime) -> Path:
    """Rename a damaged file (and its WAL, so the pair stays together); never delete it."""
    base = f"{path.name}.corrupt-{moment.strftime('%Y%m%d-%H%M%S')}"
    target, number = path.with_name(base), 1
    while target.exists():
        number += 1
        target = path.with_name(f"{base}-{number}")
    path.rename(target)
    for suffix in ("-wal", "-shm", "-journal"):
        companion = path.with_name(path.name + suffix)
        if companion.exists():
            companion.rename(target.with_name(target.name + suffix))
    return target


def open_store(path: Path, *,
               wall_clock: WallClock = local_now) -> tuple[HistoryStore, str | None]:
    """The store at ``path``, and a one-line notice when the user should know something."""
    try:  # a FIFO or a device would hang SQLite or be taken for a damaged history
        refuse_special(path, "history database")
    except FileRefused as refused:
        return in_memory(f"{path}: {refused}", wall_clock)
    notice = None
    existed = path.exists()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return in_memory(f"cannot create the folder {path.parent} "
                         f"({error.strerror or error})", wall_clock)
    try:
        connection = connect(path)
        try:
            if not is_valid_database(connection):
                connection.close()
                try:
                    moved = move_aside(path, wall_clock())
                except OSError as error:
                    return in_memory(f"{path} is not a valid database and could not be "
                                     f"moved aside ({error.strerror or error})", wall_clock)
                notice = (f"history: {path} was not a valid database; it was moved to "
                          f"{moved.name} and a new history was started")
                connection = connect(path)
            _prepare(connection)
        except BaseException:
            connection.close()
            raise
    except NewerSchema as error:
        return in_memory(f"{path} was written by a newer hiptimer ({error})", wall_clock)
    except (OSError, sqlite3.Error) as error:
        if not existed:
            _remove_new_file(path)  # a full disk must not leave an empty history behind
        return in_memory(f"cannot use {path} ({describe(error)})", wall_clock)
    return HistoryStore(connection, saving=True, wall_clock=wall_clock), notice


def _remove_new_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        except OSError:
            pass


def in_memory(reason: str, wall_clock: WallClock = local_now) -> tuple[HistoryStore, str]:
    """A store that keeps this run's sessions in memory, and the notice saying why."""
    connection = connect(":memory:")
    _prepare(connection)
    store = HistoryStore(connection, saving=False, wall_clock=wall_clock)
    return store, f"history is not being saved: {reason}"
