"""Pilot flows of training over weeks: levels, cautions, routines back to back, the next level."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable

import hiptimer.library
from hiptimer.history.opening import open_store
from hiptimer.history.summary import load_sessions
from hiptimer.history.writer import HistoryWriter
from hiptimer.paths import Paths
from hiptimer.tui.app import HiptimerApp, make_app
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.preview_screen import PreviewScreen
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

from conftest import write_routine
from test_tui_support import FakePlayer, text_of

SQUATS = """
name = "Squats"
caution = "Stop if a knee hurts sharply."
source = "Strength for runners, part 2"
per_week = 2
[timing]
prepare = 2
countdown = 0
[[exercise]]
name = "Squat"
hold = 4
[exercise.easier]
name = "Chair squat"
hold = 2
[exercise.harder]
name = "Jump squat"
hold = 6
"""
"""prepare 2, one hold: 2 s easier, 4 s standard, 6 s harder."""

BRIDGE = """
name = "Bridge"
[timing]
prepare = 2
countdown = 0
[[exercise]]
name = "Bridge hold"
hold = 3
"""


@pytest.fixture(autouse=True)
def only_these_routines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No built-in routines: the library lists Bridge, then Squats."""
    empty = tmp_path / "no-builtins"
    empty.mkdir()
    monkeypatch.setattr(hiptimer.library, "builtin_folder", lambda: empty)


@pytest.fixture
def writer(home: Paths) -> Iterator[HistoryWriter]:
    """The real history behind its writer thread, in the test's home."""
    history = HistoryWriter(open_store(home.history)[0])
    yield history
    history.close()


def app_of(home: Paths, clock, writer: HistoryWriter) -> HiptimerApp:
    write_routine(home.routines, "squats", SQUATS)
    write_routine(home.routines, "bridge", BRIDGE)
    return make_app(paths=home, player=FakePlayer(), clock=clock, tick_interval=None,
                    store=writer)


async def tick(pilot: Pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


async def settle(pilot: Pilot) -> None:
    """Let the screen's worker threads (history reads) finish and their results show."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def exercise_names(app: HiptimerApp) -> list[str]:
    return [str(name) for name in app.screen.query_one("#exercises", DataTable).get_column_at(1)]


def marks(app: HiptimerApp) -> list[str]:
    return [str(mark) for mark in app.screen.query_one("#routines", DataTable).get_column("mark")]


async def test_l_cycles_the_previews_level_and_enter_runs_that_level(
        home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")  # Squats
        assert isinstance(app.screen, PreviewScreen)
        assert text_of(app, "#preview-level").startswith("Level: standard")
        assert exercise_names(app) == ["Squat"]
        assert "Total 0:06" in text_of(app, "#preview-facts")
        await pilot.press("l")
        assert text_of(app, "#preview-level").startswith("Level: harder")
        assert exercise_names(app) == ["Jump squat"]
        assert "Total 0:08" in text_of(app, "#preview-facts")
        await pilot.press("l", "l")  # on to easier, and round to standard
        assert text_of(app, "#preview-level").startswith("Level: standard")
        await pilot.press("l")
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)
        assert "Harder level" in text_of(app, "#counters")
        await tick(pilot, fake_clock, 2)
        assert text_of(app, "#exercise-name") == "Jump squat"
        await tick(pilot, fake_clock, 6)
        assert isinstance(app.screen, SummaryScreen)
        await settle(pilot)
    [session] = load_sessions(writer)
    assert (session.routine, session.level, session.status) == ("Squats", "harder", "completed")


async def test_a_routine_without_levels_has_no_level_key_or_line(
        home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # Bridge
        assert isinstance(app.screen, PreviewScreen)
        assert not app.screen.query_one("#preview-level").display
        await pilot.press("l")  # nothing to cycle through
        assert exercise_names(app) == ["Bridge hold"]
        await pilot.press("enter")
        assert "level" not in text_of(app, "#counters")


async def test_the_caution_shows_on_the_preview_and_while_getting_ready(
        home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter")
        assert text_of(app, "#preview-caution") == "Caution: Stop if a knee hurts sharply."
        assert text_of(app, "#preview-source") == "Source: Strength for runners, part 2"
        await pilot.press("enter")
        assert text_of(app, "#phase-name") == "GET READY"
        assert text_of(app, "#instruction") == "Caution: Stop if a knee hurts sharply."
        assert app.screen.query_one("#instruction").display
        await tick(pilot, fake_clock, 2.5)  # the hold has begun: the line has done its work
        assert text_of(app, "#phase-name") == "HOLD"
        assert "Caution" not in text_of(app, "#instruction")


async def test_marked_routines_preview_together_and_run_as_one_session(
        home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("down", "space", "up", "space")  # Squats first, then Bridge
        assert marks(app) == ["✓2", "✓1"]
        assert text_of(app, "#library-marked").endswith("marked (Enter previews, r runs them "
                                                        "as one, esc unmarks): Squats + Bridge")
        await pilot.press("enter")
        assert isinstance(app.screen, PreviewScreen)
        assert text_of(app, "#preview-title") == "Squats + Bridge"
        assert exercise_names(app) == ["Squat", "Bridge hold"]
        assert "2 parts, 2 exercises" in text_of(app, "#preview-facts")
        assert text_of(app, "#preview-caution") == "Caution: Stop if a knee hurts sharply."
        await pilot.press("escape")
        assert marks(app) == ["✓2", "✓1"]  # still marked on the way back
        await pilot.press("r")
        assert isinstance(app.screen, WorkoutScreen)
        # The default timing of `run A B C`: a get-ready of 5 s, a rest of 15 s between parts.
        await tick(pilot, fake_clock, 5 + 4 + 15)
        assert text_of(app, "#exercise-name") == "Bridge hold"
        await tick(pilot, fake_clock, 3)
        assert isinstance(app.screen, SummaryScreen)  # one summary for both
        assert "Exercises done:  2 of 2" in text_of(app, "#summary-facts")
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)
        assert marks(app) == ["", ""]  # started: the marks are spent
    [session] = load_sessions(writer)
    assert session.routine == "Squats + Bridge"
    assert session.source == f"{home.routines / 'squats.toml'} + {home.routines / 'bridge.toml'}"
    assert [(block.exercise, block.part) for block in session.exercises] == [
        ("Squat", 0), ("Bridge hold", 1)]


async def test_space_again_or_esc_unmarks(home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "down", "space")
        assert marks(app) == ["✓1", "✓2"]
        await pilot.press("space")  # Squats unmarked
        assert marks(app) == ["✓1", ""]
        await pilot.press("slash", *"squ")  # typed into the filter: a space here is text
        await pilot.press("escape")  # out of the filter: the marks stay
        assert marks(app) == [""]
        app.screen.query_one("#filter").value = ""
        await pilot.pause()
        assert marks(app) == ["✓1", ""]
        await pilot.press("escape")
        assert marks(app) == ["", ""]
        assert not app.screen.query_one("#library-marked").display
        await pilot.press("enter")  # no marks: the highlighted routine alone
        assert text_of(app, "#preview-title") == "Bridge"


async def test_the_summary_says_the_next_level_on_the_third_clean_session(
        home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        for number in (1, 2, 3, 4):
            await pilot.press("down", "r")  # Squats, at standard
            await tick(pilot, fake_clock, 2 + 4)
            assert isinstance(app.screen, SummaryScreen)
            await settle(pilot)
            said = "the harder level is worth a try" in text_of(app, "#summary-history")
            assert said == (number == 3), number  # once: on the third, not the fourth
            await pilot.press("enter")
            await settle(pilot)
    assert [session.level for session in load_sessions(writer)] == ["standard"] * 4


async def test_a_resumed_session_carries_on_at_its_level(
        home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "enter", "l", "enter")  # Squats at harder
        await tick(pilot, fake_clock, 1)
        await pilot.press("q", "y")  # stopped while getting ready
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert "Press R to resume it" in text_of(app, "#library-resume")
        await pilot.press("R")
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.plan.routine.level == "harder"
        assert "Harder level" in text_of(app, "#counters")


async def test_the_history_screen_shows_each_routines_week_against_its_per_week(
        home: Paths, fake_clock, writer: HistoryWriter) -> None:
    app = app_of(home, fake_clock, writer)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("down", "r")  # Squats, per_week = 2
        await tick(pilot, fake_clock, 2 + 4)
        await settle(pilot)
        await pilot.press("enter", "h")
        await settle(pilot)
        assert text_of(app, "#history-week").startswith("1 of 2 this week")
        assert text_of(app, "#history-goals") == "Squats: 1 of 2"  # Bridge has no per_week
