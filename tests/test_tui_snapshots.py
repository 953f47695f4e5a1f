"""SVG snapshots of each screen at 80x24, from a fixed routine, a fake clock and no live timer.

Update after an intended change with: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from textual.pilot import Pilot

import hiptimer.library
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.history.opening import open_store
from hiptimer.paths import Paths
from hiptimer.tui.app import make_app

from test_history_helpers import ZONE, WallClock, plan_of, run_workout
from test_tui_support import DATA, FakePlayer, build, short_routine


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """Built-in routines replaced by the test data, so new built-ins don't change the picture."""
    monkeypatch.setattr(hiptimer.library, "builtin_folder", lambda: Path(DATA))


def test_library(snap_compare, home: Paths, fake_clock) -> None:
    assert snap_compare(build(home, fake_clock), terminal_size=(80, 24))


def test_preview(snap_compare, home: Paths, fake_clock) -> None:
    assert snap_compare(build(home, fake_clock), press=["down", "enter"], terminal_size=(80, 24))


WORKOUT_SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])


def paced_routine() -> Routine:
    return Routine("Paced reps", (Exercise(
        "Glute bridge", reps=10, tempo=3.0, sides="each",
        how=("Lie on your back, knees bent, feet flat.",
             "Lift the hips until knees, hips and shoulders line up."),
        tip="Squeeze at the top; lower slowly."),), Timing(prepare=2))


def ticked_to(seconds: float, fake_clock, *keys: str):
    async def run_before(pilot: Pilot) -> None:
        fake_clock.advance(seconds)
        pilot.app.screen.tick()
        await pilot.press(*keys)

    return run_before


@WORKOUT_SIZES
def test_workout_mid_hold_on_the_left_side(snap_compare, home: Paths, fake_clock, size) -> None:
    app = build(home, fake_clock, routine=short_routine())
    assert snap_compare(app, run_before=ticked_to(3 + 8.4, fake_clock), terminal_size=size)


@WORKOUT_SIZES
def test_workout_paused(snap_compare, home: Paths, fake_clock, size) -> None:
    app = build(home, fake_clock, routine=short_routine())
    assert snap_compare(app, run_before=ticked_to(3 + 8.4, fake_clock, "space"), terminal_size=size)


@WORKOUT_SIZES
def test_workout_switching_sides(snap_compare, home: Paths, fake_clock, size) -> None:
    app = build(home, fake_clock, routine=short_routine())
    assert snap_compare(app, run_before=ticked_to(3 + 20 + 1.5, fake_clock), terminal_size=size)


@WORKOUT_SIZES
def test_workout_paced_rep(snap_compare, home: Paths, fake_clock, size) -> None:
    """The 4th of 10 reps, a second into its three: the count big, the rep's tempo under it."""
    app = build(home, fake_clock, routine=paced_routine())
    assert snap_compare(app, run_before=ticked_to(2 + 3 * 3 + 1.2, fake_clock), terminal_size=size)


def test_summary(snap_compare, home: Paths, fake_clock) -> None:
    async def stop_after_the_left_side(pilot: Pilot) -> None:
        fake_clock.advance(3 + 20 + 1)
        pilot.app.screen.tick()
        await pilot.press("space")
        fake_clock.advance(30)  # a long pause, then quit
        await pilot.press("q", "y")

    app = build(home, fake_clock, routine=short_routine())
    assert snap_compare(app, run_before=stop_after_the_left_side, terminal_size=(80, 24))


def test_editor(snap_compare, home: Paths, fake_clock) -> None:
    path = home.routines / "tiny.toml"
    path.write_text('name = "Tiny"\ndescription = "A small routine."\n\n[timing]\nprepare = 3\n\n'
                    '[[exercise]]\nname = "Side plank"\nhold = "30s"\nsides = "each"\n\n'
                    '[[exercise]]\nname = "Clamshell"\nreps = 10\ntempo = 2\n', encoding="utf-8")
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, tick_interval=None,
                   edit=path, edit_debounce=0)
    assert snap_compare(app, terminal_size=(80, 24))


def test_history(snap_compare, home: Paths, fake_clock, tmp_path: Path) -> None:
    wall = WallClock()
    store, _ = open_store(tmp_path / "history.sqlite3", wall_clock=wall)
    for day in (date(2025, 2, 18), date(2025, 2, 20), date(2025, 3, 3), date(2025, 3, 6),
                date(2025, 3, 11), date(2025, 3, 11)):
        wall.now = datetime(day.year, day.month, day.day, 7, 30, tzinfo=ZONE)
        run_workout(store, plan_of(), wall)
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, tick_interval=None,
                   store=store, today=lambda: date(2025, 3, 12))
    try:
        assert snap_compare(app, press=["h"], terminal_size=(80, 24))
    finally:
        store.close()
