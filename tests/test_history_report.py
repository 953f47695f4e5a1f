"""``hiptimer history``: the listing, weeks against the goal and the streak."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from test_history_helpers import ZONE, WallClock, plan_of, rows, run_workout

from hiptimer.core.engine import Engine
from hiptimer.history.report import days_with_sessions, history_command, sessions, week_status
from hiptimer.history.opening import open_store
from hiptimer.history.summary import ExerciseSummary, SessionSummary

WEDNESDAY = date(2025, 3, 12)  # this week: Monday 10 to Sunday 16 March


def session(day: date, done: int = 2, skipped: int = 0, blocks: int = 2) -> SessionSummary:
    start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=ZONE)
    exercises = tuple(ExerciseSummary("Clam", 1, None, 30, 30, None, None, status)
                      for status in ["done"] * done + ["skipped"] * skipped)
    return SessionSummary(1, "Hips", "x", start, start + timedelta(minutes=10),
                          start + timedelta(minutes=10), 600, blocks, "completed", exercises)


def days(*numbers: int) -> list[SessionSummary]:
    """Sessions on these days of March 2025."""
    return [session(date(2025, 3, number)) for number in numbers]


def test_this_week_not_yet_met_does_not_break_the_streak() -> None:
    # weeks of 24 Feb, 3 Mar met (2 each); this week 1 so far
    february = [session(date(2025, 2, 25)), session(date(2025, 2, 27))]
    assert week_status(february + days(3, 5, 11), WEDNESDAY, 2) == (1, 2, 2)


def test_this_week_counts_in_the_streak_once_met() -> None:
    assert week_status(days(3, 5, 10, 11), WEDNESDAY, 2) == (2, 2, 2)


def test_a_missed_week_breaks_the_streak() -> None:
    # 17 Feb met, 24 Feb missed (one session), 3 Mar met
    assert week_status(days(3, 4) + [session(date(2025, 2, 25))] +
                       [session(date(2025, 2, 17)), session(date(2025, 2, 18))],
                       WEDNESDAY, 2) == (0, 2, 1)


def test_weeks_start_on_monday() -> None:
    sunday, monday = days(9), days(10)
    assert week_status(sunday, WEDNESDAY, 1) == (0, 1, 1)  # last week
    assert week_status(monday, WEDNESDAY, 1) == (1, 1, 1)
    assert week_status(days(16), date(2025, 3, 16), 1).count == 1  # Sunday still this week
    assert week_status(days(16), date(2025, 3, 17), 1) == (0, 1, 1)  # next Monday: a new week


def test_a_session_counts_when_half_its_blocks_were_worked_on() -> None:
    assert session(WEDNESDAY, done=2, skipped=2, blocks=4).counts
    assert not session(WEDNESDAY, done=1, skipped=2, blocks=4).counts  # a short stop
    assert not session(WEDNESDAY, done=0, skipped=2, blocks=2).counts  # everything skipped
    assert week_status([session(WEDNESDAY, done=0, skipped=2)], WEDNESDAY, 1) == (0, 1, 0)


def test_no_sessions_no_streak() -> None:
    assert week_status([], WEDNESDAY, 2) == (0, 2, 0)


def test_days_with_sessions_is_a_calendar_of_weeks_monday_first() -> None:
    history = days(3, 3, 12) + [session(date(2025, 2, 20))]  # the last one is out of range
    assert days_with_sessions(history, weeks=2, today=WEDNESDAY) == [
        [2, 0, 0, 0, 0, 0, 0],
        [0, 0, 1, 0, 0, 0, 0],
    ]
    assert len(days_with_sessions([], today=WEDNESDAY)) == 12


# -- the command -----------------------------------------------------------------

def record(db: Path, when: datetime, stop_at: float | None = None) -> None:
    """A workout recorded at ``when``: complete, or stopped at ``stop_at`` seconds."""
    wall = WallClock(when)
    store, _ = open_store(db, wall_clock=wall)
    actions = {stop_at: Engine.stop} if stop_at else None
    run_workout(store, plan_of(), wall, actions=actions)
    store.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "history.sqlite3"
    record(path, datetime(2025, 3, 4, 7, 0, tzinfo=ZONE))
    record(path, datetime(2025, 3, 6, 18, 30, tzinfo=ZONE))
    record(path, datetime(2025, 3, 11, 7, 15, tzinfo=ZONE), stop_at=5.0)
    record(path, datetime(2025, 3, 12, 7, 15, tzinfo=ZONE))
    return path


def command(db: Path, fmt: str = "text", goal: int = 2) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = history_command(db, goal, fmt, out, today=WEDNESDAY, err=err)  # type: ignore[arg-type]
    return code, out.getvalue(), err.getvalue()


def test_text_lists_recent_sessions_newest_first_then_the_week(db: Path) -> None:
    code, out, _ = command(db)
    assert code == 0
    assert out.splitlines() == [
        "DATE              ROUTINE       DURATION  STATUS     EXERCISES",
        "2025-03-12 07:15  Morning hips      0:10  completed  3 done, 0 skipped",
        "2025-03-11 07:15  Morning hips      0:05  stopped    1 done, 0 skipped, 1 partial",
        "2025-03-06 18:30  Morning hips      0:10  completed  3 done, 0 skipped",
        "2025-03-04 07:00  Morning hips      0:10  completed  3 done, 0 skipped",
        "",
        "This week: 2 of 2 sessions",
        "Streak: 2 weeks",
    ]


def test_text_shows_the_last_20_sessions(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    for day in range(1, 23):
        record(path, datetime(2025, 2, day, 7, 0, tzinfo=ZONE))
    _, out, _ = command(path, goal=3)
    lines = out.splitlines()
    assert lines[1].startswith("2025-02-22") and lines[20].startswith("2025-02-03")
    assert lines[21] == "(the last 20 of 22 sessions; --csv or --json lists them all)"
    assert lines[-2:] == ["This week: 0 of 3 sessions", "Streak: 0 weeks"]


def test_csv_writes_every_session_with_a_header(db: Path) -> None:
    code, out, _ = command(db, "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert out.startswith("id,date,started,ended,routine,source,status,duration_seconds,")
    assert [(row["date"], row["status"], row["exercises_done"], row["exercises_partial"])
            for row in table] == [("2025-03-04", "completed", "3", "0"),
                                  ("2025-03-06", "completed", "3", "0"),
                                  ("2025-03-11", "stopped", "1", "1"),
                                  ("2025-03-12", "completed", "3", "0")]
    assert table[0]["started"] == "2025-03-04T07:00:00+01:00"
    assert table[0]["duration_seconds"] == "10"


def test_json_is_a_list_of_sessions_with_their_exercises(db: Path) -> None:
    code, out, _ = command(db, "json")
    data = json.loads(out)
    assert code == 0 and len(data) == 4
    assert data[2]["status"] == "stopped" and data[2]["counts_toward_goal"] is True
    assert data[2]["exercises"][1] == {
        "exercise": "Clamshell", "set": 1, "side": "right", "planned_seconds": 2.0,
        "actual_seconds": 1.0, "reps_done": 1, "reps_target": 2, "status": "partial",
        "part": 0}
    assert data[2]["level"] == "standard"


def test_no_history_yet_is_a_friendly_line(tmp_path: Path) -> None:
    missing = tmp_path / "history.sqlite3"
    assert command(missing) == (0, "No sessions yet: finish a workout and it will show up here.\n",
                                "")
    assert command(missing, "json")[1] == "[]\n"
    assert command(missing, "csv")[1].count("\n") == 1  # the header alone
    assert not missing.exists()  # reading never creates the file


def test_a_damaged_file_is_one_clear_line_and_exit_1(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    path.write_text("not a database\n" * 300)
    code, out, err = command(path)
    assert (code, out) == (1, "")
    assert err == f"hiptimer: cannot read history at {path}: file is not a database\n"
    assert path.read_text() == "not a database\n" * 300  # left as it was


def test_a_running_session_of_a_dead_process_reads_as_interrupted(db: Path) -> None:
    rows(db, "UPDATE sessions SET status = 'running', ended_at = NULL, pid = 999999999"
             " WHERE id = 4")
    assert sessions(db)[-1].status == "interrupted"
    assert rows(db, "SELECT status FROM sessions WHERE id = 4") == [("running",)]


def test_sessions_read_from_an_open_store(tmp_path: Path) -> None:
    store, _ = open_store(tmp_path / "history.sqlite3", wall_clock=WallClock())
    run_workout(store, plan_of())
    assert [(s.routine, s.status, s.done) for s in sessions(store)] == [
        ("Morning hips", "completed", 3)]
    store.close()
