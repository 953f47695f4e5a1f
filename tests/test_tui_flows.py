"""Whole TUI flows driven by Pilot with a fake clock: the UI shows what the engine says."""

from __future__ import annotations

from datetime import date

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import DataTable

from hiptimer.core.events import Finished
from hiptimer.library import load_routine
from hiptimer.library import Entry
from hiptimer.paths import Paths
from hiptimer.tui.widgets.big_text import BigText
from hiptimer.tui.confirm_quit import ConfirmQuit
from hiptimer.tui.editor_screen import ConfirmLeave, EditorScreen
from hiptimer.tui.history_screen import HistoryScreen
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.messages import StartWorkout
from hiptimer.tui.palette import SteadyCommandPalette
from hiptimer.tui.preview_screen import PreviewScreen
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

from test_tui_support import (SHORT, FakePlayer, FakeStore, build, install_short, short_routine,
                              text_of)


async def tick(pilot: Pilot, clock, seconds: float) -> None:
    clock.advance(seconds)
    pilot.app.screen.tick()
    await pilot.pause()


def digits(pilot: Pilot) -> str:
    return pilot.app.screen.query_one("#remaining", BigText).text


def library_names(pilot: Pilot) -> list[str]:
    table = pilot.app.screen.query_one("#routines", DataTable)
    return [str(name) for name in table.get_column("name")]


async def test_library_to_preview_to_workout_to_summary(home: Paths, fake_clock) -> None:
    install_short(home)
    app = build(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, LibraryScreen)
        assert "TUI test routine" in library_names(pilot)
        await pilot.press("slash", *"tui test", "enter")
        assert isinstance(app.screen, PreviewScreen)
        assert "Total ~1:" in text_of(app, "#preview-facts")
        assert "mat, band" in text_of(app, "#preview-facts")
        table = app.screen.query_one("#exercises", DataTable)
        assert [str(cell) for cell in table.get_row_at(0)[1:]] == [
            "Side plank", "hold 20 s", "each side, left first", "1 set"]
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)
        assert text_of(app, "#phase-name") == "GET READY"
        await tick(pilot, fake_clock, 3 + 20 + 3 + 20 + 5)
        assert app.screen.query_one("#instruction").has_class("-waiting")
        await pilot.press("r", "r", "r")
        await tick(pilot, fake_clock, 5 + 10)
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-title") == "Workout complete"
        assert "Exercises done:  3 of 3" in text_of(app, "#summary-facts")
        assert app.status == 0
        await pilot.press("enter")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("q")
    assert app.return_code == 0


async def test_filter_narrows_the_list_as_you_type(home: Paths, fake_clock) -> None:
    install_short(home)
    app = build(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        everything = library_names(pilot)
        assert len(everything) > 1
        await pilot.press("slash", *"tui zzz")
        assert library_names(pilot) == []  # every word must match
        assert "No routine matches" in text_of(app, "#library-empty")
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert library_names(pilot) == ["TUI test routine"]
        await pilot.press("escape", "r")
        assert isinstance(app.screen, WorkoutScreen)
        assert text_of(app, "#exercise-name") == "Next up: Side plank"


async def test_filter_cleared_shows_everything_again(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        everything = library_names(pilot)
        await pilot.press("slash", *"zzz")
        assert library_names(pilot) == []
        await pilot.press("backspace", "backspace", "backspace")
        assert library_names(pilot) == everything


async def test_invalid_routine_is_listed_with_its_error(home: Paths, fake_clock) -> None:
    (home.routines / "broken.toml").write_text('name = "Broken"\n[[exercise]]\nname = "x"\nhodl = 3\n')
    app = build(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.screen.query_one("#routines", DataTable)
        names = library_names(pilot)
        assert names.count("broken") == 1
        assert "hodl" in str(list(table.get_column("detail"))[names.index("broken")])
        table.move_cursor(row=names.index("broken"))
        await pilot.press("r")  # refused: it can't run
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("enter")
        assert isinstance(app.screen, PreviewScreen)
        assert "hodl" in text_of(app, "#preview-problems")
        await pilot.press("enter")  # no start for a broken routine
        assert isinstance(app.screen, PreviewScreen)


async def test_pause_freezes_the_countdown_and_says_paused(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await tick(pilot, fake_clock, 3 + 5)  # 5 s into the 20 s hold
        assert digits(pilot) == "15"
        await pilot.press("space")
        assert "PAUSED" in text_of(app, "#phase-name")
        assert app.screen.query_one("#phase-panel").has_class("-paused")
        await tick(pilot, fake_clock, 30)
        assert digits(pilot) == "15"
        assert text_of(app, "#exercise-name") == "Side plank"
        await pilot.press("space")
        await tick(pilot, fake_clock, 4)
        assert "PAUSED" not in text_of(app, "#phase-name")
        assert digits(pilot) == "11"


async def test_skip_step_skip_exercise_and_back(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert text_of(app, "#phase-name") == "HOLD · LEFT"
        assert app.screen.query_one("#side", BigText).text == "LEFT"
        await pilot.press("right")
        assert text_of(app, "#phase-name") == "SWITCH SIDES → RIGHT"
        assert app.screen.query_one("#side", BigText).text == "RIGHT"
        await pilot.press("b")  # early in a step: back to the previous one
        assert text_of(app, "#phase-name") == "HOLD · LEFT"
        assert app.screen.query_one("#side", BigText).text == "LEFT"
        await pilot.press("N")  # rest of Side plank skipped: lands on the rest
        assert text_of(app, "#phase-name") == "REST"
        assert "Clamshell" in text_of(app, "#next-up")
        await tick(pilot, fake_clock, 2)
        await pilot.press("plus")
        assert digits(pilot) == "13"


async def test_quit_asks_first(home: Paths, fake_clock) -> None:
    store = FakeStore()
    app = build(home, fake_clock, routine=short_routine(), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await tick(pilot, fake_clock, 5)
        await pilot.press("q")
        assert isinstance(app.screen, ConfirmQuit)
        await pilot.press("n")
        assert isinstance(app.screen, WorkoutScreen)
        await tick(pilot, fake_clock, 1)
        assert digits(pilot) == "17"  # still going
        await pilot.press("q", "y")
        assert isinstance(app.screen, SummaryScreen)
        assert text_of(app, "#summary-title") == "Workout stopped"
        assert "Skipped: Clamshell" in text_of(app, "#summary-skipped")
        assert any(isinstance(e, Finished) and not e.completed for e in store.events)
        await pilot.press("enter")
    assert app.return_code == 130


async def test_self_paced_reps_are_counted_by_key(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N", "N", "N")  # to Side plank, its rest, then Clamshell
        assert app.screen.query_one("#instruction").has_class("-waiting")
        assert "Press space, r or Enter" in text_of(app, "#instruction")
        assert "Rep 1/3" in text_of(app, "#counters")
        await tick(pilot, fake_clock, 60)  # nothing moves on its own
        assert "Rep 1/3" in text_of(app, "#counters")
        await pilot.press("r")
        assert "Rep 2/3" in text_of(app, "#counters")
        await pilot.press("enter")
        assert "Rep 3/3" in text_of(app, "#counters")
        await pilot.press("space")  # counts, rather than pausing a clock that isn't running
        assert not app.screen.query_one("#phase-panel").has_class("-paused")
        assert text_of(app, "#phase-name") == "REST"
        assert not app.screen.query_one("#instruction").has_class("-waiting")


async def test_mute_toggles_the_player(home: Paths, fake_clock) -> None:
    player = FakePlayer()
    app = build(home, fake_clock, routine=short_routine(), player=player)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.query_one("#mute-flag").display
        await pilot.press("m")
        assert player.muted is True
        assert app.screen.query_one("#mute-flag").display
        await pilot.press("m")
        assert player.muted is False


async def test_events_reach_player_and_store_and_notice_shows_once(home: Paths, fake_clock) -> None:
    player, store = FakePlayer(notice="sound is off because there is no sound device"), FakeStore()
    app = build(home, fake_clock, routine=short_routine(), player=player, store=store)
    shown: list[str] = []
    app.notify = lambda message, **kwargs: shown.append(message)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await tick(pilot, fake_clock, 4)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert player.prepared
        assert shown == [player.notice]
        assert player.events and player.events == store.events


async def test_direct_run_ends_the_app_after_the_summary(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, WorkoutScreen)
        await pilot.press("N", "N", "N", "N", "N", "N")
        assert isinstance(app.screen, SummaryScreen)
        assert "Skipped:  3" in text_of(app, "#summary-facts")
        await pilot.press("enter")
    assert app.return_code == 0


async def test_palette_offers_the_screen_keys(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Pause", "Skip", "Back", "Mute", "Quit"} <= titles
        assert "Rep" not in titles  # only while a self-paced rep waits
        await pilot.press("ctrl+p", *"Pause")
        await pilot.pause(0.3)  # the palette searches in a worker
        await pilot.press("enter")
        assert isinstance(app.screen, WorkoutScreen)
        assert "PAUSED" in text_of(app, "#phase-name")


@pytest.mark.parametrize("picker", ["commands", "themes"])
async def test_palette_pages_only_a_list_it_has_drawn(home: Paths, fake_clock,
                                                      picker: str) -> None:
    """PageDown while the palette's list has no room (a short terminal, or typed with ctrl+p)."""
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 4)) as pilot:
        if picker == "commands":
            await pilot.press("ctrl+p")
        else:
            app.search_themes()  # the palette's "Theme" command
        await pilot.pause()
        listing = app.screen.query_one(CommandList)
        assert listing.option_count > 3 and not listing.scrollable_content_region
        await pilot.press("pagedown", "pageup")  # Textual 8.2.8 alone raises KeyError
        assert listing.highlighted == 0
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("pagedown")
        assert listing.highlighted > 0


SCREENS = {
    "library": lambda app: LibraryScreen(app.parts.library),
    "preview": lambda app: PreviewScreen.of(Entry(SHORT, False, load_routine(SHORT))),
    "history": lambda app: HistoryScreen(app.store, weekly_goal=2, today=date(2026, 11, 22)),
    "editor": lambda app: EditorScreen(SHORT),
    "quit question": lambda app: ConfirmQuit(),
    "unsaved question": lambda app: ConfirmLeave("short.toml"),
    "command palette": lambda app: SteadyCommandPalette(),
}


@pytest.mark.parametrize("name", SCREENS)
async def test_closing_the_app_as_a_screen_opens_is_quiet(home: Paths, fake_clock,
                                                         name: str) -> None:
    """ctrl+q, or the terminal closing, the instant a screen opens: no traceback on the way out.

    Textual then sends Mount to a screen whose widgets were never mounted.
    """
    app = build(home, fake_clock, store=FakeStore())
    async with app.run_test(size=(80, 24)):
        app.push_screen(SCREENS[name](app))
        app.exit()  # run_test re-raises anything the app raised


async def test_closing_the_app_as_a_workout_opens_keeps_it_as_stopped(home: Paths,
                                                                      fake_clock) -> None:
    store = FakeStore()
    app = build(home, fake_clock, store=store)
    async with app.run_test(size=(80, 24)):
        app.post_message(StartWorkout(short_routine(), str(SHORT)))
        app.exit()
    assert [(type(event), event.completed) for event in store.events] == [(Finished, False)]


async def test_text_colours_follow_each_phase_colour(home: Paths, fake_clock) -> None:
    """Readable from across the room: the panel's text contrasts with every phase's colour."""
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        seen = set()
        for key in ("n", "n", "space", "space", "N"):  # hold, switch, paused, hold again, rest
            await pilot.press(key)
            await pilot.pause()
            panel = app.screen.query_one("#phase-panel")
            background = panel.styles.background
            seen.add(background.hex)
            for selector in ("#exercise-name", "#counters", "#side"):
                style = app.screen.query_one(selector).visual_style
                assert style.background == background, (key, selector)
                assert style.foreground.rgb == background.get_contrast_text().rgb, (key, selector)
        assert len(seen) >= 3  # the phases really had different colours
