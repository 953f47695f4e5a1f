"""The history store: sessions and exercise blocks in SQLite, written as they happen.

Every write is one small committed transaction (WAL mode, synchronous=NORMAL),
so a crash or a kill loses at most the exercise in progress. Nothing here
raises at the workout. Opening the file is ``hiptimer.history.opening``.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TypeVar

from hiptimer.core.checks import CheckAnswered, CheckAsked, Question
from hiptimer.core.events import Event, Finished
from hiptimer.core.plan import Plan
from hiptimer.history import local_now
from hiptimer.history.blocks import BlockRecord, BlockTracker, count_blocks
from hiptimer.history.process import ProcessIdentity, current_identity

BUSY_TIMEOUT_SECONDS = 5.0
LOCK_PATIENCE_SECONDS = 60.0
"""How long a write waits for another program to let go of the history file."""
WallClock = Callable[[], datetime]
T = TypeVar("T")


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


class HistoryStore:
    """Records one workout at a time; ``handle`` takes every batch of engine events."""

    def __init__(self, connection: sqlite3.Connection, *, saving: bool,
                 wall_clock: WallClock = local_now,
                 identity: ProcessIdentity | None = None) -> None:
        self._connection = connection
        self._wall_clock = wall_clock
        self._identity = identity or current_identity()
        self._lock = threading.Lock()  # a TUI may write from a worker thread
        self._session: int | None = None
        self._tracker: BlockTracker | None = None
        self._checks_session: int | None = None
        """The session answers go to: the last one begun, still after it ended (the last
        exercise's question is answered after the finish)."""
        self.saving = saving
        """False when history lives in memory only (the file could not be used)."""
        self.problem: str | None = None
        """The last write that failed, in one line; the workout goes on regardless."""

    @property
    def session_id(self) -> int | None:
        return self._session

    def read(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """Run a read-only ``query`` on the store's connection (the report, the TUI)."""
        with self._lock:
            return query(self._connection)

    def begin(self, plan: Plan, source: str, resume: int | None = None,
              level: str = "standard") -> None:
        """A workout starts: its session row is written now, as 'running'.

        ``resume``: the id of an unfinished session this run carries on; it
        becomes 'running' again and gains a second stretch of time, and its
        blocks done before stay as they are.
        """
        if self._session is not None:
            self._end_unfinished()
        now = stamp(self._wall_clock())
        who = self._identity
        self._tracker = BlockTracker(plan)
        if resume is None:
            self._session = self._write(
                "INSERT INTO sessions (routine, source, started_at, updated_at, planned_seconds,"
                " planned_blocks, status, host, pid, process_start, level)"
                " VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)",
                (plan.routine.name, source, now, now, float(plan.total_seconds),
                 count_blocks(plan), who.host, who.pid, who.start, level))
        else:
            self._session = resume
            self._write("UPDATE sessions SET status = 'running', ended_at = NULL, updated_at = ?,"
                        " host = ?, pid = ?, process_start = ? WHERE id = ?",
                        (now, who.host, who.pid, who.start, resume))
        if self._session is not None:
            self._write("INSERT INTO stretches (session_id, started_at) VALUES (?, ?)",
                        (self._session, now))
        self._checks_session = self._session

    def handle(self, events: Sequence[Event]) -> None:
        for event in events:
            if isinstance(event, CheckAsked):
                self._write_question(event.question)
            elif isinstance(event, CheckAnswered):
                self._write_answer(event.question, event.yes)
            elif self._tracker is not None:  # None once the session ended (or never began)
                for record in self._tracker.feed((event,)):
                    self._write_block(record)
                if isinstance(event, Finished):
                    self._end_session("completed" if event.completed else "stopped")

    def close(self) -> None:
        """A workout still open here ends as 'interrupted' (it never finished)."""
        if self._session is not None:
            self._end_unfinished()
        with self._lock:
            try:
                self._connection.close()
            except sqlite3.Error:
                pass

    # -- writes ------------------------------------------------------------

    def _end_unfinished(self) -> None:
        if self._tracker is not None:
            for record in self._tracker.unfinished():
                self._write_block(record)
        self._end_session("interrupted")

    def _end_session(self, status: str) -> None:
        now = stamp(self._wall_clock())
        session = self._session

        def end(connection: sqlite3.Connection) -> None:
            connection.execute("UPDATE sessions SET status = ?, ended_at = ?, updated_at = ?"
                               " WHERE id = ?", (status, now, now, session))
            connection.execute("UPDATE stretches SET ended_at = ? WHERE session_id = ?"
                               " AND ended_at IS NULL", (now, session))

        self._transaction(end)
        self._session = self._tracker = None

    def _write_block(self, record: BlockRecord) -> None:
        now = stamp(self._wall_clock())
        key = record.key
        values = (record.exercise_name, record.position, record.planned_seconds,
                  record.actual_seconds, record.reps_done, record.reps_target, record.status, now,
                  record.part)
        where = (self._session, key.exercise, key.set, key.side)

        def write(connection: sqlite3.Connection) -> None:
            # A block ends again after the user went back into it: update its row.
            updated = connection.execute(
                "UPDATE blocks SET exercise = ?, position = ?, planned_seconds = ?,"
                " actual_seconds = ?, reps_done = ?, reps_target = ?, status = ?, ended_at = ?,"
                " part = ? WHERE session_id = ? AND exercise_index = ? AND set_number = ? AND side IS ?",
                values + where).rowcount
            if not updated:
                connection.execute(
                    "INSERT INTO blocks (exercise, position, planned_seconds, actual_seconds,"
                    " reps_done, reps_target, status, ended_at, part, session_id, exercise_index,"
                    " set_number, side) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    values + where)
            connection.execute("UPDATE sessions SET updated_at = ? WHERE id = ?",
                               (now, self._session))

        self._transaction(write)

    def _write_question(self, question: Question) -> None:
        """A question asked: its row, answer none until answered (a kill keeps it so)."""
        session = self._checks_session
        if session is None:
            return
        values = (question.exercise_name, question.text, stamp(self._wall_clock()))
        where = (session, question.exercise, question.side)

        def write(connection: sqlite3.Connection) -> None:
            # Asked again in a resumed session's second stretch: the new asking replaces it.
            updated = connection.execute(
                "UPDATE checks SET exercise = ?, question = ?, answer = NULL, asked_at = ?"
                " WHERE session_id = ? AND exercise_index = ? AND side IS ?",
                values + where).rowcount
            if not updated:
                connection.execute(
                    "INSERT INTO checks (exercise, question, asked_at, session_id,"
                    " exercise_index, side) VALUES (?, ?, ?, ?, ?, ?)", values + where)

        self._transaction(write)

    def _write_answer(self, question: Question, yes: bool) -> None:
        if self._checks_session is None:
            return
        self._transaction(lambda connection: connection.execute(
            "UPDATE checks SET answer = ? WHERE session_id = ? AND exercise_index = ?"
            " AND side IS ?", ("yes" if yes else "no", self._checks_session, question.exercise,
                               question.side)))

    def _write(self, sql: str, parameters: tuple[object, ...]) -> int | None:
        ids: list[int | None] = []
        self._transaction(lambda connection: ids.append(connection.execute(sql, parameters)
                                                        .lastrowid))
        return ids[0] if ids else None

    def _transaction(self, work: Callable[[sqlite3.Connection], None]) -> bool:
        """Run ``work`` in one committed transaction, waiting out another program's lock.

        Called from the history writer's thread, so waiting here delays no
        screen, line or cue; what could not be written is said once in ``problem``.
        """
        deadline = time.monotonic() + LOCK_PATIENCE_SECONDS
        with self._lock:
            connection = self._connection
            while True:
                try:
                    connection.execute("BEGIN IMMEDIATE")
                    try:
                        work(connection)
                        connection.execute("COMMIT")
                    except BaseException:
                        # A failed COMMIT (a full disk) has rolled back already.
                        if connection.in_transaction:
                            connection.execute("ROLLBACK")
                        raise
                except sqlite3.Error as error:
                    if _is_locked(error) and time.monotonic() < deadline:
                        continue  # busy_timeout waited a while; the lock may go yet
                    self.problem = f"history could not be saved: {describe(error)}"
                    return False
                return True


def _is_locked(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED") or (
        "locked" in str(error))


def describe(error: BaseException) -> str:
    """A database or file error in words a person acts on (the disk is full, not SQL jargon)."""
    if getattr(error, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(error):
        return "the disk is full"
    if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY" or "readonly" in str(error):
        return "the history file is read-only"
    return getattr(error, "strerror", None) or str(error)
