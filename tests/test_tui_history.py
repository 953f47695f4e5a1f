"""The history screen and the summary's history line, from a real store with a fake wall clock."""

from __future__ import annotations

import threading
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

import hiptimer.history.report
import hiptimer.library
from hiptimer.history.report import sessions
from hiptimer.history.store import HistoryStore
from hiptimer.history.opening import open_store
from hiptimer.paths import Paths
from hiptimer.tui.app import HiptimerApp, make_app
from hiptimer.tui.history_screen import HistoryScreen
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.summary_screen import SummaryScreen

from test_history_helpers import ZONE, WallClock, plan_of, run_workout
from test_tui_support import DATA, FakePlayer, install_short, short_routine, text_of

WEDNESDAY = date(2025, 3, 12)  # this week: Monday 10 to Sunday 16 March


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hiptimer.library, "builtin_folder", lambda: Path(DATA))


def store_with_sessions(path: Path, *days: date) -> tuple[HistoryStore, WallClock]:
    """A history file with one completed workout at 07:30 on each of ``days``."""
    wall = WallClock()
    store, notice = open_store(path, wall_clock=wall)
    assert notice is None
    for day in days:
        wall.now = datetime(day.year, day.month, day.day, 7, 30, tzinfo=ZONE)
        run_workout(store, plan_of(), wall)
    wall.now = datetime(2025, 3, 12, 18, 0, tzinfo=ZONE)
    return store, wall


def history_app(paths: Paths, store: Any, clock: Any, **options: Any) -> HiptimerApp:
    return make_app(paths=paths, player=FakePlayer(), clock=clock, tick_interval=None,
                    store=store, today=lambda: WEDNESDAY, **options)


def calendar_rows(app: HiptimerApp) -> list[str]:
    return text_of(app, "#history-calendar").splitlines()


async def test_history_screen_shows_the_weeks_the_goal_and_the_streak(home: Paths, fake_clock,
                                                                      tmp_path: Path) -> None:
    store, _ = store_with_sessions(tmp_path / "history.sqlite3",
                                   date(2025, 3, 3), date(2025, 3, 6),  # last week: met
                                   date(2025, 3, 11), date(2025, 3, 11))  # twice yesterday
    app = history_app(home, store, fake_clock, weekly_goal=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        week = text_of(app, "#history-week")
        assert "2 of 2 this week: goal met" in week
        assert "Streak: 2 weeks" in week
        rows = calendar_rows(app)
        assert len(rows) == 1 + 12 + 1  # the day names, twelve weeks, the key
        assert rows[0].split()[-7:] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        assert rows[-2].startswith("Mar 10")
        assert rows[-2].split()[2:5] == ["·", "●●", "·"]  # Tuesday twice, today none yet
        assert rows[-2].rstrip().endswith("2/2 ✓")
        assert rows[-3].startswith("Mar 03") and rows[-3].count("●") == 2
        assert rows[1].startswith("Dec 23")
        assert "Morning hips" in text_of(app, "#history-recent")
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
    store.close()


async def test_history_screen_fits_a_small_terminal(home: Paths, fake_clock,
                                                    tmp_path: Path) -> None:
    store, _ = store_with_sessions(tmp_path / "history.sqlite3", date(2025, 3, 11))
    app = history_app(home, store, fake_clock, weekly_goal=3)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("h")
        assert isinstance(app.screen, HistoryScreen)
        assert "1 of 3 this week: 2 more to go" in text_of(app, "#history-week")
        assert not app.screen.query_one("#history-recent-box").display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert app.screen.query_one("#history-recent-box").display
    store.close()


async def test_history_off_or_empty_says_so(home: Paths, fake_clock, tmp_path: Path) -> None:
    app = history_app(home, None, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert "History is off" in text_of(app, "#history-notice")
        assert "0 of 2 this week" in text_of(app, "#history-week")
    store, _ = store_with_sessions(tmp_path / "empty.sqlite3")
    app = history_app(home, store, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        assert "No sessions yet" in text_of(app, "#history-recent")
        assert not app.screen.query_one("#history-notice").display
    store.close()


async def reach_summary(pilot: Pilot, clock: Any) -> None:
    """Work through the short routine to its end (holds, three self-paced reps, swings)."""
    for seconds, keys in ((3 + 20 + 3 + 20 + 5, ("r", "r", "r")), (5 + 10, ())):
        clock.advance(seconds)
        pilot.app.screen.tick()
        await pilot.pause()
        await pilot.press(*keys)


async def week_read(pilot: Pilot) -> None:
    """Let the summary's read of the week (started after its first frame) finish."""
    for _ in range(50):
        await pilot.pause()
        if any(worker.group == "week" for worker in pilot.app.workers):
            break
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def finish_short(pilot: Pilot, clock: Any) -> None:
    """The short routine to its end, and the summary's read of the week finished."""
    await reach_summary(pilot, clock)
    await week_read(pilot)


async def test_summary_says_the_session_was_saved_and_where_the_week_stands(
        home: Paths, fake_clock, tmp_path: Path) -> None:
    store, _ = store_with_sessions(tmp_path / "history.sqlite3", date(2025, 3, 10))
    install_short(home)
    app = history_app(home, store, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"tui-short", "enter", "enter")  # through the preview
        await finish_short(pilot, fake_clock)
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-history") == (
            "Saved to your history. 2 of 2 this week: goal met.")
    latest = sessions(store)[-1]
    assert (latest.routine, latest.status) == ("TUI test routine", "completed")
    assert latest.source == str(home.routines / "tui-short.toml")  # begun with its file
    store.close()


class SlowRead:
    """The history's read of every session, held until ``release``: a big history on a slow disk."""

    def __init__(self) -> None:
        self.started, self.released = threading.Event(), threading.Event()

    def __call__(self, source: Any) -> list[Any]:
        self.started.set()
        assert self.released.wait(10)
        return sessions(source)


@pytest.fixture
def slow_read(monkeypatch: pytest.MonkeyPatch) -> SlowRead:
    read = SlowRead()
    monkeypatch.setattr(hiptimer.history.report, "sessions", read)
    return read


async def test_the_summary_shows_before_a_slow_history_read_ends(
        home: Paths, fake_clock, tmp_path: Path, slow_read: SlowRead) -> None:
    store, _ = store_with_sessions(tmp_path / "history.sqlite3", date(2025, 3, 10))
    app = history_app(home, store, fake_clock, routine=short_routine(),
                      source="/x/short.toml")
    async with app.run_test(size=(80, 24)) as pilot:
        await reach_summary(pilot, fake_clock)
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-history") == "Saved to your history."
        slow_read.released.set()
        await week_read(pilot)
        assert text_of(app, "#summary-history") == (
            "Saved to your history. 2 of 2 this week: goal met.")
    store.close()


async def test_leaving_the_summary_before_the_history_read_ends_is_quiet(
        home: Paths, fake_clock, tmp_path: Path, slow_read: SlowRead) -> None:
    store, _ = store_with_sessions(tmp_path / "history.sqlite3")
    install_short(home)
    app = history_app(home, store, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"tui-short", "enter", "enter")  # through the preview
        await reach_summary(pilot, fake_clock)
        for _ in range(50):
            if slow_read.started.is_set():
                break
            await pilot.pause()
        assert slow_read.started.is_set()
        await pilot.press("enter")  # done, while the week is being read
        assert isinstance(app.screen, LibraryScreen)
        slow_read.released.set()
        await week_read(pilot)
        assert isinstance(app.screen, LibraryScreen) and app.is_running
    store.close()


async def test_a_direct_run_is_recorded_as_hold_and_counts_toward_no_goal_unless_given_its_file(
        home: Paths, fake_clock, tmp_path: Path) -> None:
    store, _ = store_with_sessions(tmp_path / "history.sqlite3")
    for count, source, expected in ((0, None, "hold"), (1, "/x/short.toml", "/x/short.toml")):
        app = history_app(home, store, fake_clock, routine=short_routine(), source=source)
        async with app.run_test(size=(80, 24)) as pilot:
            await finish_short(pilot, fake_clock)
            assert f"{count} of 2 this week" in text_of(app, "#summary-history")
            await pilot.press("enter")
        assert sessions(store)[-1].source == expected
    store.close()


async def test_summary_says_when_history_is_not_saved(home: Paths, fake_clock,
                                                      tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("in the way")
    store, notice = open_store(blocked / "history.sqlite3")  # its folder can't be made
    assert not store.saving and notice
    app = history_app(home, store, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_short(pilot, fake_clock)
        assert "not saved" in text_of(app, "#summary-history")
    store.close()
