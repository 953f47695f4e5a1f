"""``hiptimer history``: recent sessions, this week against the goal, the streak.

Weeks start on Monday. A session counts toward the weekly goal when at least
half of its exercise blocks were worked on (see ``SessionSummary.counts``).
The streak is the run of consecutive weeks that met the goal, ending with this
week when it is already met, or else with last week: a week still in progress
never breaks it.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Literal, NamedTuple, TextIO

from hiptimer.core.model import Routine
from hiptimer.ports import HistorySink
from hiptimer.core.text import printable, printable_fields
from hiptimer.files import FileRefused, refuse_special
from hiptimer.format import clock, plural, shorten, table
from hiptimer.history.checks_report import write_checks
from hiptimer.history.store import HistoryStore
from hiptimer.history.summary import HistoryUnreadable, SessionSummary, load_sessions
from hiptimer.history.training import progression_line, routine_goals

RECENT = 20
ROUTINE_WIDTH = 28
CSV_FIELDS = ("id", "date", "started", "ended", "routine", "source", "status",
              "duration_seconds", "planned_seconds", "exercises_done", "exercises_partial",
              "exercises_skipped", "counts_toward_goal", "level")


class WeekStatus(NamedTuple):
    count: int
    """Sessions this week that count toward the goal."""
    goal: int
    streak: int
    """Consecutive weeks meeting the goal (this week only once met)."""


def sessions(source: HistorySink | Path) -> list[SessionSummary]:
    """Every session, oldest first; raises HistoryUnreadable for a damaged file.

    Reading writes nothing, even where nothing could be written: a history in
    a read-only folder, or a read-only file, is read as it stands. Every text
    of a session comes back printable, whatever the file holds.
    """
    return [printable_fields(session) for session in _load(source)]


def _load(source: HistorySink | Path) -> list[SessionSummary]:
    if not isinstance(source, Path):  # an open store: it reads on its own connection
        return load_sessions(source)
    try:  # a FIFO would block SQLite's open for ever
        refuse_special(source, "history database")
    except FileRefused as refused:
        raise HistoryUnreadable(f"cannot read history at {source}: {refused}") from None
    if not source.exists() or _writable(source):
        return load_sessions(source)
    return _read_unwritable(source)


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_unwritable(path: Path) -> list[SessionSummary]:
    """A WAL database that cannot be written to cannot be opened with ``mode=ro`` alone
    (SQLite wants to create its ``-shm`` file beside it). ``immutable=1`` reads the
    file without locks or side files: nobody can change it here, hiptimer included.
    A ``-wal`` left beside it by a crash is not read: sessions it held are missed."""
    uri = f"{path.resolve().as_uri()}?mode=ro&immutable=1"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise HistoryUnreadable(f"cannot read history at {path}: {error}") from None
    try:
        return load_sessions(HistoryStore(connection, saving=False))
    finally:
        connection.close()


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_status(history: Iterable[SessionSummary], today: date, weekly_goal: int) -> WeekStatus:
    goal = max(weekly_goal, 1)  # a goal of 0 would make every week, forever, a streak
    per_week = Counter(week_start(session.date) for session in history if session.counts)
    this_week = week_start(today)
    week = this_week if per_week[this_week] >= goal else this_week - timedelta(weeks=1)
    streak = 0
    while per_week[week] >= goal:
        streak += 1
        week -= timedelta(weeks=1)
    return WeekStatus(per_week[this_week], goal, streak)


def days_with_sessions(history: Iterable[SessionSummary], weeks: int = 12,
                       today: date | None = None) -> list[list[int]]:
    """Counting sessions per day for the last ``weeks`` weeks: oldest week first, Monday first."""
    today = today or date.today()
    first = week_start(today) - timedelta(weeks=weeks - 1)
    grid = [[0] * 7 for _ in range(max(weeks, 0))]
    for session in history:
        offset = (session.date - first).days
        if session.counts and 0 <= offset < 7 * weeks:
            grid[offset // 7][offset % 7] += 1
    return grid


def history_command(path: Path, weekly_goal: int, fmt: Literal["text", "csv", "json"],
                    out: TextIO, today: date | None = None, err: TextIO | None = None,
                    checks: bool = False, routines: Sequence[tuple[Routine, str]] = ()) -> int:
    """Print the history in ``fmt`` (``checks``: the self-test answers instead of the
    sessions); 0 on success, 1 when the file cannot be read.

    ``routines``: the library's routines and their files, for each one's ``per_week``
    and its next level.
    """
    try:
        history = sessions(path)
    except HistoryUnreadable as error:  # its message may hold the file's name
        print(f"hiptimer: {printable(str(error))}", file=err or sys.stderr)
        return 1
    if checks:
        write_checks(history, fmt, out)
    elif fmt == "csv":
        write_csv(history, out)
    elif fmt == "json":
        json.dump([session_json(session) for session in history], out, ensure_ascii=False,
                  indent=2)
        out.write("\n")
    else:
        write_text(history, weekly_goal, out, today or date.today(), routines)
    return 0


def write_text(history: Sequence[SessionSummary], weekly_goal: int, out: TextIO,
               today: date, routines: Sequence[tuple[Routine, str]] = ()) -> None:
    if not history:
        out.write("No sessions yet: finish a workout and it will show up here.\n")
        return
    recent = list(reversed(history))[:RECENT]
    rows = [("DATE", "ROUTINE", "DURATION", "STATUS", "EXERCISES")]
    rows += [(session.started.strftime("%Y-%m-%d %H:%M"), shorten(printable(session.routine), ROUTINE_WIDTH),
              clock(session.duration_seconds), session.status, _exercises_text(session))
             for session in recent]
    out.write(table(rows, right={2}) + "\n")
    if len(history) > RECENT:
        out.write(f"(the last {RECENT} of {len(history)} sessions; --csv or --json "
                  "lists them all)\n")
    status = week_status(history, today, weekly_goal)
    out.write(f"\nThis week: {status.count} of {plural(status.goal, 'session')}\n")
    for goal in routine_goals(history, routines, week_start(today)):
        out.write(f"  {goal.text}\n")
    out.write(f"Streak: {plural(status.streak, 'week')}\n")
    lines = [line for routine, source in routines
             if (line := progression_line(history, routine, source))]
    if lines:
        out.write("\n" + "\n".join(lines) + "\n")


def write_csv(history: Iterable[SessionSummary], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for session in history:
        row = session_json(session)
        writer.writerow([row[field] for field in CSV_FIELDS])


def session_json(session: SessionSummary) -> dict[str, Any]:
    return {
        "id": session.id,
        "date": session.date.isoformat(),
        "started": session.started.isoformat(),
        "ended": session.ended.isoformat() if session.ended else None,
        "routine": session.routine,
        "source": session.source,
        "level": session.level,
        "status": session.status,
        "duration_seconds": round(session.duration_seconds),
        "planned_seconds": session.planned_seconds,
        "exercises_done": session.done,
        "exercises_partial": session.partial,
        "exercises_skipped": session.skipped,
        "counts_toward_goal": session.counts,
        "exercises": [exercise.to_json() for exercise in session.exercises],
        "checks": [check.to_json() for check in session.checks],
    }


def _exercises_text(session: SessionSummary) -> str:
    text = f"{session.done} done, {session.skipped} skipped"
    return text + (f", {session.partial} partial" if session.partial else "")


