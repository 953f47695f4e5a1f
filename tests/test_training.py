"""Training over weeks from the history: per-routine goals and the next level worth a try."""

from __future__ import annotations

import io
from datetime import date, datetime, timedelta
from pathlib import Path

from test_history_helpers import ZONE, WallClock, plan_of, run_workout

from hiptimer.core.compose import at_level
from hiptimer.core.engine import Engine
from hiptimer.core.model import Exercise, Routine
from hiptimer.history.report import history_command
from hiptimer.history.opening import open_store
from hiptimer.history.summary import ExerciseSummary, SessionSummary
from hiptimer.history.training import level_to_try, progression_line, routine_goals

WEDNESDAY = date(2025, 3, 12)
MONDAY = date(2025, 3, 10)
SQUATS = Routine("Squats", (Exercise("Squat", reps=8, harder=Exercise("Jump squat", reps=6)),),
                 per_week=2)
PLAIN = Routine("Holds", (Exercise("Pigeon", hold=30),), per_week=3)


def session(day: date, *, routine: str = "Squats", source: str = "squats.toml",
            level: str = "standard", status: str = "completed", done: int = 2, blocks: int = 2,
            resumed: bool = False, id: int = 1) -> SessionSummary:
    start = datetime(day.year, day.month, day.day, 7, 0, tzinfo=ZONE)
    exercises = tuple(ExerciseSummary("Squat", 1, None, 30, 30, None, None, status_)
                      for status_ in ["done"] * done + ["skipped"] * (blocks - done))
    stretches = ((start, start), (start, start)) if resumed else ((start, start),)
    return SessionSummary(id, routine, source, start, start, start, 600, blocks, status,
                          exercises, stretches, level)


def three(level: str = "standard", **options: object) -> list[SessionSummary]:
    return [session(date(2025, 3, day), level=level, **options) for day in (3, 5, 10)]


# -- the next level --------------------------------------------------------------

def test_three_clean_sessions_at_one_level_make_the_next_worth_a_try() -> None:
    assert level_to_try(three(), SQUATS, "squats.toml") == ("standard", "harder")
    assert level_to_try(three("easier"), SQUATS, "squats.toml") == ("easier", "standard")
    line = progression_line(three(), SQUATS, "squats.toml")
    assert line == ("Squats: 3 sessions in a row at the standard level, every exercise done: "
                    "the harder level is worth a try (--level harder).")
    assert "\n" not in line


def test_it_is_said_once_on_the_third_and_not_on_the_fourth() -> None:
    history = three()
    assert level_to_try(history[:2], SQUATS, "squats.toml") is None  # two are not enough
    history.append(session(WEDNESDAY))
    assert level_to_try(history, SQUATS, "squats.toml") is None
    history.append(session(WEDNESDAY, status="stopped", done=1))  # a new run of three starts
    history += [session(WEDNESDAY)] * 3
    assert level_to_try(history, SQUATS, "squats.toml") == ("standard", "harder")


def test_a_stopped_a_resumed_a_skipped_or_a_mixed_session_breaks_the_run() -> None:
    for spoiler in (session(MONDAY, status="stopped", done=1),
                    session(MONDAY, resumed=True),  # stopped early once, then carried on
                    session(MONDAY, done=1),  # finished, but an exercise skipped
                    session(MONDAY, level="easier")):
        history = three()[:2] + [spoiler]
        assert level_to_try(history, SQUATS, "squats.toml") is None, spoiler


def test_only_where_the_routine_has_the_next_level() -> None:
    holds = [session(date(2025, 3, day), routine="Holds", source="holds.toml") for day in (3, 5, 10)]
    assert level_to_try(holds, PLAIN, "holds.toml") is None  # no harder table at all
    assert level_to_try(three("harder"), SQUATS, "squats.toml") is None  # nothing above
    # The summary passes the routine as it just ran: at easier, standard is above.
    assert level_to_try(three("easier"), at_level(SQUATS, "easier"), "squats.toml") == (
        "easier", "standard")


def test_other_routines_sessions_neither_count_nor_break_the_run() -> None:
    history = three()
    history.insert(1, session(MONDAY, routine="Holds", source="holds.toml", status="stopped"))
    assert level_to_try(history, SQUATS, "squats.toml") == ("standard", "harder")


# -- goals per routine -----------------------------------------------------------

def test_each_routine_with_per_week_counts_this_weeks_sessions() -> None:
    history = [session(date(2025, 3, 7)),  # last week
               session(MONDAY), session(WEDNESDAY, status="stopped", done=0),  # not counted
               session(WEDNESDAY, routine="Holds", source="holds.toml"),
               session(WEDNESDAY, routine="Hold 60 s", source="hold")]
    goals = routine_goals(history, [(SQUATS, "squats.toml"), (PLAIN, "holds.toml"),
                                    (Routine("No goal", ()), "none.toml")], MONDAY)
    assert [(goal.name, goal.count, goal.per_week) for goal in goals] == [
        ("Squats", 1, 2), ("Holds", 1, 3)]
    assert [goal.text for goal in goals] == ["Squats: 1 of 2", "Holds: 1 of 3"]


def test_a_session_counts_for_its_file_its_name_and_each_routine_run_back_to_back() -> None:
    history = [session(MONDAY, routine="Squats", source="/moved/squats.toml"),
               session(MONDAY, routine="Squats + Holds", source="squats.toml + holds.toml"),
               session(WEDNESDAY, routine="Renamed", source="squats.toml")]
    [goal] = routine_goals(history, [(SQUATS, "squats.toml")], MONDAY)
    assert goal.count == 3 and goal.text == "Squats: 3 of 2, met"


def test_a_quick_hold_counts_toward_no_goal() -> None:
    hold = session(WEDNESDAY, routine="Hold 60 s", source="hold")
    assert not hold.counts
    assert routine_goals([hold], [(Routine("Hold 60 s", (), per_week=1), "hold.toml")],
                         MONDAY)[0].count == 0


# -- `hiptimer history` ----------------------------------------------------------

def test_history_prints_each_routines_goal_beside_the_weekly_one_and_the_next_level(
        tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    wall = WallClock()
    store, _ = open_store(db, wall_clock=wall)
    morning = plan_of()  # "Morning hips", recorded from test.toml
    for day in (3, 5, 10):
        wall.now = datetime(2025, 3, day, 7, 0, tzinfo=ZONE)
        run_workout(store, morning, wall)
    wall.now = datetime(2025, 3, 11, 7, 0, tzinfo=ZONE)
    run_workout(store, morning, wall, actions={3.0: Engine.stop})
    store.close()
    harder = Exercise("Bridge", hold=5)
    written = Routine("Morning hips", (Exercise("Clamshell", reps=2, tempo=1, sides="each"),
                                       Exercise("Bridge", hold=3, harder=harder)), per_week=3)
    out = io.StringIO()
    assert history_command(db, 2, "text", out, today=WEDNESDAY,
                           routines=[(written, "test.toml"), (PLAIN, "holds.toml")]) == 0
    assert out.getvalue().splitlines()[-4:] == [
        "This week: 1 of 2 sessions",  # Tuesday's stop did less than half its blocks
        "  Morning hips: 1 of 3",
        "  Holds: 0 of 3",
        "Streak: 1 week"]  # and it broke the run of three: no next level is said


def test_history_says_the_next_level_after_the_third_clean_session(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    wall = WallClock()
    store, _ = open_store(db, wall_clock=wall)
    for day in (3, 5, 10):
        wall.now = datetime(2025, 3, day, 7, 0, tzinfo=ZONE)
        run_workout(store, plan_of(), wall)
    store.close()
    written = Routine("Morning hips", (Exercise("Bridge", hold=3, harder=Exercise("B", hold=9)),))
    out = io.StringIO()
    history_command(db, 2, "text", out, today=WEDNESDAY, routines=[(written, "test.toml")])
    assert out.getvalue().splitlines()[-2:] == [
        "", "Morning hips: 3 sessions in a row at the standard level, every exercise done: "
            "the harder level is worth a try (--level harder)."]

