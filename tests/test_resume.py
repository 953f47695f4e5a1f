"""Resuming an unfinished session: which one, where in the plan, and the TUI's offer."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import FakeClock

from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.history.blocks import BlockKey
from hiptimer.history.resume import latest_unfinished, resumed_plan
from hiptimer.history.opening import open_store
from hiptimer.history.summary import ExerciseSummary, SessionSummary, load_sessions
from hiptimer.history.writer import HistoryListener, HistoryWriter
from hiptimer.paths import Paths
from hiptimer.session import WorkoutSession
from hiptimer.tui.app import make_app
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

from test_tui_support import SHORT, FakePlayer, text_of

NOON = datetime(2026, 12, 1, 12, 0, tzinfo=timezone.utc)


def routine() -> Routine:
    return Routine("Two", (Exercise("Bridge", reps=2, tempo=1), Exercise("Pigeon", hold=3, sides="each")),
                   Timing(prepare=2, rest=1, switch=1, countdown=0))


def session(status: str, source: str = "two.toml", *, blocks=(), when: datetime = NOON,
            id: int = 1) -> SessionSummary:
    exercises = tuple(ExerciseSummary(name, set_, side, 1.0, 1.0, None, None, block_status, index)
                      for name, index, set_, side, block_status in blocks)
    return SessionSummary(id, "Two", source, when, None, when, 10.0, 3, status, exercises)


def test_the_resumed_plan_starts_with_a_get_ready_at_the_first_block_not_done() -> None:
    plan = build_plan(routine())
    done = frozenset({BlockKey(0, 1, None), BlockKey(1, 1, "left")})
    resumed, first = resumed_plan(plan, done)
    assert resumed.steps[first].kind == "prepare" and resumed.steps[first].seconds == 2
    after = resumed.steps[first + 1]
    assert (after.kind, after.exercise_name, after.side) == ("hold", "Pigeon", "right")
    assert resumed.steps[:first] == plan.steps[:first]


def test_a_routine_without_get_ready_still_gets_one_on_resume() -> None:
    plan = build_plan(Routine("R", (Exercise("A", hold=2), Exercise("B", hold=2)),
                              Timing(prepare=0, rest=0)))
    resumed, first = resumed_plan(plan, frozenset({BlockKey(0, 1, None)}))
    assert resumed.steps[first].kind == "prepare" and resumed.steps[first].seconds == 5


def test_only_the_routines_latest_session_can_be_resumed_and_only_if_it_ended_early() -> None:
    stopped = session("stopped", blocks=[("Bridge", 0, 1, None, "done")])
    finished_later = session("completed", id=2)
    other = session("interrupted", source="other.toml", id=3)
    assert latest_unfinished([stopped], source="two.toml").done == {BlockKey(0, 1, None)}
    assert latest_unfinished([stopped, finished_later], source="two.toml") is None
    assert latest_unfinished([stopped, other], source="two.toml").session_id == 1
    assert latest_unfinished([stopped], since=NOON + timedelta(hours=1)) is None


def test_a_resumed_session_is_one_session_with_two_stretches(tmp_path: Path,
                                                             fake_clock: FakeClock) -> None:
    db = tmp_path / "history.sqlite3"
    plan = build_plan(routine())
    writer = HistoryWriter(open_store(db)[0])
    first = WorkoutSession(plan, clock=fake_clock, listeners=[HistoryListener(writer, "two.toml")])
    first.start()
    fake_clock.advance(2 + 2 + 1 + 3 + 0.5)  # the bridge and the left pigeon done
    first.advance()
    first.close()
    point = latest_unfinished(load_sessions(writer), source="two.toml")
    assert point is not None and point.done == {BlockKey(0, 1, None), BlockKey(1, 1, "left")}
    resumed, start = resumed_plan(plan, point.done)
    second = WorkoutSession(resumed, clock=fake_clock, first=start,
                            listeners=[HistoryListener(writer, "two.toml", point.session_id)])
    second.start()
    fake_clock.advance(60)
    second.advance()
    assert second.completed
    summary = second.summary()
    assert summary.done == ("Bridge", "Pigeon")  # one summary for the whole workout
    [record] = load_sessions(writer)
    writer.close()
    assert record.status == "completed" and record.resumed and len(record.stretches) == 2
    assert [(block.exercise, block.side, block.status) for block in record.exercises] == [
        ("Bridge", None, "done"), ("Pigeon", "left", "done"), ("Pigeon", "right", "done")]
    assert record.planned_seconds == plan.total_seconds  # the routine's, not the resumed plan's


async def test_the_library_offers_to_resume_the_last_unfinished_session(
        home: Paths, fake_clock: FakeClock) -> None:
    shutil.copy(SHORT, home.routines / "tui-short.toml")
    source = str(home.routines / "tui-short.toml")
    writer = HistoryWriter(open_store(home.history)[0])
    try:
        from test_tui_support import short_routine
        stopped = WorkoutSession(build_plan(short_routine()), clock=fake_clock,
                                 listeners=[HistoryListener(writer, source)])
        stopped.start()
        fake_clock.advance(3 + 20 + 3 + 1)  # the side plank's left side done
        stopped.advance()
        stopped.close()
        now = lambda: datetime.now().astimezone()  # noqa: E731 - the session was just written
        app = make_app(paths=home, player=FakePlayer(), store=writer, clock=fake_clock,
                       tick_interval=None, now=now)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, LibraryScreen)
            assert "Press R to resume it" in text_of(app, "#library-resume")
            await pilot.press("R")
            assert isinstance(app.screen, WorkoutScreen)
            state = app.screen.session.state()
            assert state.step.kind == "prepare"
            assert app.screen.session.plan.steps[state.index + 1].side == "right"
    finally:
        writer.close()
