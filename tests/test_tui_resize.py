"""Every screen keeps working from 80x24 down to 40x12 and back, across resizes."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from hiptimer.paths import Paths
from hiptimer.tui.confirm_quit import ConfirmQuit
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.preview_screen import PreviewScreen
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

from test_tui_support import build, install_short, short_routine, text_of

SIZES = [(40, 12), (52, 15), (64, 18), (120, 40), (80, 24)]


async def resize_through(pilot: Pilot, screen_type: type) -> None:
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
        await pilot.pause()
        assert isinstance(pilot.app.screen, screen_type)
        pilot.app.screen.refresh()
        pilot.app.export_screenshot()  # renders every widget at this size


async def test_library_and_preview_survive_resizes(home: Paths, fake_clock) -> None:
    install_short(home)
    (home.routines / "broken.toml").write_text('name = ""\n')
    app = build(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await resize_through(pilot, LibraryScreen)
        await pilot.press("slash", *"tui", "enter")
        await resize_through(pilot, PreviewScreen)
        await pilot.press("escape", "escape", "down")
        await resize_through(pilot, LibraryScreen)


@pytest.mark.parametrize("press", [(), ("space",), ("N", "N"), ("q",)],
                         ids=["running", "paused", "waiting-for-rep", "quit-question"])
async def test_workout_survives_resizes(home: Paths, fake_clock, press: tuple[str, ...]) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        fake_clock.advance(3 + 18)  # into the last seconds of the hold: the flashing state
        app.screen.tick()
        await pilot.press(*press)
        screen_type = ConfirmQuit if press == ("q",) else WorkoutScreen
        await resize_through(pilot, screen_type)
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        if screen_type is WorkoutScreen:
            assert text_of(app, "#phase-name").endswith(("HOLD · LEFT", "REPS"))
            assert app.screen.query_one("#phase-name").region.height == 1


async def test_summary_survives_resizes(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q", "y")
        await resize_through(pilot, SummaryScreen)
