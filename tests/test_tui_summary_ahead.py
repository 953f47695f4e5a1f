"""The summary is built while the last step runs and says, when shown, what happened by then."""

from __future__ import annotations

from textual.pilot import Pilot

from hiptimer.paths import Paths
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

from test_tui_support import build, short_routine, text_of


async def tick(pilot: Pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


async def to_last_step(pilot: Pilot) -> None:
    """Skip by exercise from the start to Leg swings, the last step (after Clamshell's rest)."""
    await pilot.press("N", "N", "N", "N", "N")
    assert text_of(pilot.app, "#phase-name") == "WORK"


async def test_built_during_the_last_step_and_shown_at_the_end(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.summary_ahead is None  # not while the workout is far from its end
        await to_last_step(pilot)
        prepared = app.summary_ahead
        assert isinstance(prepared, SummaryScreen) and isinstance(app.screen, WorkoutScreen)
        await tick(pilot, fake_clock, 10)
        assert app.screen is prepared and app.summary_ahead is None
        assert text_of(app, "#summary-title") == "Workout complete"
        assert app.screen.query_one("#summary-title").has_class("-completed")
        assert "Exercises done:  1 of 3" in text_of(app, "#summary-facts")
        assert "Skipped: Side plank" in text_of(app, "#summary-skipped")


async def test_a_back_then_a_stop_in_the_last_step_change_what_it_says(home: Paths,
                                                                      fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await to_last_step(pilot)
        prepared = app.summary_ahead
        await tick(pilot, fake_clock, 3)
        await pilot.press("b")  # back to the start of Leg swings
        await tick(pilot, fake_clock, 4)
        assert "0:06" in text_of(app, "#progress-row")  # 10 s, 4 s of them done
        assert app.summary_ahead is prepared  # built once
        await pilot.press("q", "y")
        assert app.screen is prepared
        assert text_of(app, "#summary-title") == "Workout stopped"
        assert not app.screen.query_one("#summary-title").has_class("-completed")
        assert "Partly done: Leg swings" in text_of(app, "#summary-skipped")
        assert "Time taken:  0:07 (0:07 active)" in text_of(app, "#summary-facts")


async def test_a_workout_stopped_before_its_last_step_has_its_summary_built_then(
        home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await tick(pilot, fake_clock, 5)
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-title") == "Workout stopped"
        assert "Partly done: Side plank" in text_of(app, "#summary-skipped")
        assert not app.screen.query_one("#summary-history").display  # no history here
