"""Reading the history back: sessions with their exercise blocks, as plain data.

Reading never changes the file (no migration, no 'interrupted' marking): a
'running' session whose process is gone is shown as 'interrupted'.
"""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass
import datetime as dt
from datetime import datetime
from pathlib import Path
from typing import Any

from hiptimer.ports import HistorySink
from hiptimer.history.process import ProcessIdentity, is_gone
from hiptimer.history import HOLD_SOURCE
from hiptimer.history.store import BUSY_TIMEOUT_SECONDS


class HistoryUnreadable(Exception):
    """The history file exists but cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class ExerciseSummary:
    exercise: str
    set: int
    side: str | None
    planned_seconds: float
    actual_seconds: float
    reps_done: int | None
    reps_target: int | None
    status: str
    exercise_index: int | None = None
    """Which exercise of the routine (its position from 0), as the plan counts them."""
    part: int = 0
    """Which part (from 0) of a routine made of parts; 0 for any other routine."""

    def to_json(self) -> dict[str, Any]:
        return {"exercise": self.exercise, "set": self.set, "side": self.side,
                "planned_seconds": self.planned_seconds,
                "actual_seconds": round(self.actual_seconds, 1), "reps_done": self.reps_done,
                "reps_target": self.reps_target, "status": self.status, "part": self.part}


@dataclass(frozen=True)
class CheckAnswer:
    """A self-test question asked in a session, and its answer (None: nobody answered)."""

    exercise_index: int
    exercise: str
    side: str | None
    question: str
    answer: str | None
    """``yes``, ``no``, or None."""
    asked_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"exercise": self.exercise, "side": self.side, "question": self.question,
                "answer": self.answer, "asked_at": self.asked_at.isoformat()}


@dataclass(frozen=True)
class SessionSummary:
    id: int
    routine: str
    source: str
    started: datetime
    ended: datetime | None
    last_seen: datetime
    """When the session last wrote anything (its end, for an interrupted one)."""
    planned_seconds: float
    planned_blocks: int
    status: str
    exercises: tuple[ExerciseSummary, ...] = ()
    stretches: tuple[tuple[datetime, datetime | None], ...] = ()
    """(start, end) of each run of the session: more than one when it was resumed."""
    level: str = "standard"
    checks: tuple[CheckAnswer, ...] = ()
    """The self-test answers, in the order they were asked."""

    @property
    def date(self) -> dt.date:
        return self.started.date()

    @property
    def resumed(self) -> bool:
        return len(self.stretches) > 1

    @property
    def duration_seconds(self) -> float:
        """Wall time of its stretches (pauses included), each to its end or the last write."""
        stretches = self.stretches or ((self.started, self.ended),)
        return sum(max(((end or self.last_seen) - start).total_seconds(), 0.0)
                   for start, end in stretches)

    def _count(self, status: str) -> int:
        return sum(1 for exercise in self.exercises if exercise.status == status)

    @property
    def done(self) -> int:
        return self._count("done")

    @property
    def partial(self) -> int:
        return self._count("partial")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def counts(self) -> bool:
        """Counts toward the goals: at least half its blocks were worked on, and it was a
        routine (a quick hold counts toward none)."""
        worked = self.done + self.partial
        return (self.source != HOLD_SOURCE and worked > 0
                and worked >= math.ceil(self.planned_blocks / 2))


def read_sessions(connection: sqlite3.Connection) -> list[SessionSummary]:
    """Every session, oldest first."""
    connection.row_factory = sqlite3.Row
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    if "sessions" not in tables:
        return []  # an empty file: nothing written yet
    exercises: dict[int, list[ExerciseSummary]] = {}
    for row in connection.execute("SELECT * FROM blocks ORDER BY session_id, position"):
        exercises.setdefault(row["session_id"], []).append(ExerciseSummary(
            row["exercise"], row["set_number"], row["side"], row["planned_seconds"],
            row["actual_seconds"], row["reps_done"],
            row["reps_target"] if "reps_target" in row.keys() else None,  # schema v1
            row["status"], row["exercise_index"],
            row["part"] if "part" in row.keys() else 0))  # schema v3
    stretches: dict[int, list[tuple[datetime, datetime | None]]] = {}
    if "stretches" in tables:  # schema v3
        for row in connection.execute("SELECT * FROM stretches ORDER BY session_id, id"):
            stretches.setdefault(row["session_id"], []).append((
                datetime.fromisoformat(row["started_at"]),
                datetime.fromisoformat(row["ended_at"]) if row["ended_at"] else None))
    checks: dict[int, list[CheckAnswer]] = {}
    if "checks" in tables:  # schema v3
        for row in connection.execute("SELECT * FROM checks ORDER BY session_id, asked_at, id"):
            checks.setdefault(row["session_id"], []).append(CheckAnswer(
                row["exercise_index"], row["exercise"], row["side"], row["question"],
                row["answer"], datetime.fromisoformat(row["asked_at"])))
    result = []
    for row in connection.execute("SELECT * FROM sessions ORDER BY id"):
        status = row["status"]
        if status == "running" and is_gone(ProcessIdentity(row["host"], row["pid"],
                                                           row["process_start"])):
            status = "interrupted"
        started = datetime.fromisoformat(row["started_at"])
        result.append(SessionSummary(
            row["id"], row["routine"], row["source"], started,
            datetime.fromisoformat(row["ended_at"]) if row["ended_at"] else None,
            datetime.fromisoformat(row["updated_at"]), row["planned_seconds"],
            row["planned_blocks"], status, tuple(exercises.get(row["id"], ())),
            tuple(stretches.get(row["id"], ())),
            row["level"] if "level" in row.keys() else "standard",
            tuple(checks.get(row["id"], ()))))
    return result


def load_sessions(source: HistorySink | Path) -> list[SessionSummary]:
    """Sessions from an open store, or from a file opened read-only ([] if there is none).

    Raises HistoryUnreadable when the file is not a history database.
    """
    if not isinstance(source, (str, Path)):  # an open store, or its writer
        return source.read(lambda connection: _read(connection, "the history store"))
    path = Path(source)
    if not path.exists():
        return []
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                     timeout=BUSY_TIMEOUT_SECONDS)
    except sqlite3.Error as error:
        raise HistoryUnreadable(f"cannot read history at {path}: {error}") from None
    try:
        return _read(connection, path)
    finally:
        connection.close()


def _read(connection: sqlite3.Connection, where: object) -> list[SessionSummary]:
    factory = connection.row_factory
    try:
        return read_sessions(connection)
    except (sqlite3.Error, KeyError, IndexError, ValueError, TypeError) as error:
        raise HistoryUnreadable(f"cannot read history at {where}: {error}") from None
    finally:
        connection.row_factory = factory
