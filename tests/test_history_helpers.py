"""Shared helpers for the history tests (this module holds no tests of its own)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import FakeClock

from hiptimer.core.engine import Engine
from hiptimer.core.events import Event
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, build_plan
from hiptimer.history.store import HistoryStore
from hiptimer.history.opening import open_store
from hiptimer.history.writer import HistoryListener
from hiptimer.session import WorkoutSession

ZONE = timezone(timedelta(hours=1))


class WallClock:
    """An aware local time that only moves when told to."""

    def __init__(self, start: datetime = datetime(2025, 3, 12, 7, 30, tzinfo=ZONE)) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def two_exercises() -> Routine:
    """Clamshells, 2 reps of 1 s on each side, then a 3 s bridge hold."""
    return Routine("Morning hips", (
        Exercise("Clamshell", reps=2, tempo=1, sides="each"),
        Exercise("Bridge", hold=3),
    ), Timing(prepare=1, rest=1, switch=1, set_rest=1))


def plan_of(routine: Routine | None = None) -> Plan:
    return build_plan(routine or two_exercises())


Action = Callable[[Engine, float], list[Event]]


def run_workout(store: HistoryStore, plan: Plan, wall: WallClock | None = None,
                actions: dict[float, Action] | None = None,
                after_each: Callable[[float, list[Event]], None] | None = None,
                until: float = 1000.0) -> list[Event]:
    """Drive a real engine a second at a time, feeding every batch to ``store``.

    ``actions`` maps an instant to a command (skip, stop...) given at that instant.
    """
    engine = Engine(plan)
    store.begin(plan, "test.toml")
    events = engine.start(0.0)
    store.handle(events)
    seen = list(events)
    now = 0.0
    while not engine.finished and now < until:
        now += 1.0
        if wall is not None:
            wall.advance(1.0)
        action = (actions or {}).get(now)
        batch = action(engine, now) if action else engine.advance(now)
        store.handle(batch)
        seen += batch
        if after_each is not None:
            after_each(now, batch)
    return seen


def rows(path: Path, sql: str, *parameters: object) -> list[tuple[object, ...]]:
    """Query the file through a connection of its own, as another process would."""
    connection = sqlite3.connect(path, isolation_level=None)  # autocommit
    try:
        return connection.execute(sql, parameters).fetchall()
    finally:
        connection.close()


def block_rows(path: Path) -> list[tuple[object, ...]]:
    return rows(path, "SELECT exercise, set_number, side, planned_seconds, actual_seconds,"
                      " reps_done, reps_target, status FROM blocks ORDER BY session_id, position")


SQUAT_Q = "Seat near the heels?"
BRIDGE_Q = "Hips level?"


def checked_routine() -> Routine:
    """prepare 0-1, squat 1-4, rest 4-5, bridge left 5-9, switch 9-10, right 10-14."""
    return Routine("Hip self-tests", (
        Exercise("Deep squat", reps=1, tempo=3, check=SQUAT_Q),
        Exercise("Bridge", hold=4, sides="each", check=BRIDGE_Q),
    ), Timing(prepare=1, rest=1, switch=1))


def record_checks(db: Path, wall: WallClock, answers: dict[float, bool], *,
                  skip_left: bool = False) -> None:
    """One session; ``answers``: seconds after the start -> the answer given then."""
    store, _ = open_store(db, wall_clock=wall)
    clock = FakeClock()
    session = WorkoutSession(build_plan(checked_routine()), clock=clock,
                             listeners=[HistoryListener(store, "hip-self-test.toml")])
    session.start()
    start = clock.now
    for second in range(1, 20):
        clock.now = start + second
        session.advance()
        if skip_left and second == 5:
            session.skip_step()
        if second in answers:
            session.answer(answers[second])
    session.close()
    store.close()


def two_sessions(tmp_path: Path) -> Path:
    """Two sessions of ``checked_routine`` three days apart; the second skips the left side."""
    db = tmp_path / "history.sqlite3"
    wall = WallClock()
    record_checks(db, wall, {5: False, 10: True, 16: False})  # 2025-03-12 07:30
    wall.now += timedelta(days=3, hours=10)
    record_checks(db, wall, {5: True, 12: True}, skip_left=True)  # 2025-03-15 17:30
    return db
