"""SVG snapshots of each screen at 80x24, from a fixed routine, a fake clock and no live timer.

Update after an intended change with: pytest tests/test_tui_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

import hiptimer.library
from hiptimer.paths import Paths

from test_tui_support import DATA, build, short_routine


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """Built-in routines replaced by the test data, so new built-ins don't change the picture."""
    monkeypatch.setattr(hiptimer.library, "builtin_folder", lambda: Path(DATA))


def test_library(snap_compare, home: Paths, fake_clock) -> None:
    assert snap_compare(build(home, fake_clock), terminal_size=(80, 24))


def test_preview(snap_compare, home: Paths, fake_clock) -> None:
    assert snap_compare(build(home, fake_clock), press=["down", "enter"], terminal_size=(80, 24))


def test_workout_mid_hold_on_the_left_side(snap_compare, home: Paths, fake_clock) -> None:
    async def into_the_hold(pilot: Pilot) -> None:
        fake_clock.advance(3 + 8.4)
        pilot.app.screen.tick()
        await pilot.pause()

    app = build(home, fake_clock, routine=short_routine())
    assert snap_compare(app, run_before=into_the_hold, terminal_size=(80, 24))


def test_workout_paused(snap_compare, home: Paths, fake_clock) -> None:
    async def pause_in_the_hold(pilot: Pilot) -> None:
        fake_clock.advance(3 + 8.4)
        pilot.app.screen.tick()
        await pilot.press("space")

    app = build(home, fake_clock, routine=short_routine())
    assert snap_compare(app, run_before=pause_in_the_hold, terminal_size=(80, 24))


def test_summary(snap_compare, home: Paths, fake_clock) -> None:
    async def stop_after_the_left_side(pilot: Pilot) -> None:
        fake_clock.advance(3 + 20 + 1)
        pilot.app.screen.tick()
        await pilot.press("space")
        fake_clock.advance(30)  # a long pause, then quit
        await pilot.press("q", "y")

    app = build(home, fake_clock, routine=short_routine())
    assert snap_compare(app, run_before=stop_after_the_left_side, terminal_size=(80, 24))
