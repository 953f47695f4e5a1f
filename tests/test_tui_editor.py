"""The routine editor, driven by Pilot at 80x24: validation, saving, leaving, and the ways in."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, TextArea

import hiptimer.library
from hiptimer.library import load_routine
from hiptimer.paths import Paths
from hiptimer.tui.app import HiptimerApp, make_app
from hiptimer.tui.editor_screen import ConfirmLeave, EditorScreen
from hiptimer.tui.ask_name import AskName
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

from test_tui_support import DATA, FakePlayer, text_of

VALID = 'name = "Tiny"\n\n[[exercise]]\nname = "Plank"\nhold = 20\n'
"""prepare 5 + hold 20: total 0:25."""


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hiptimer.library, "builtin_folder", lambda: Path(DATA))


def editor_app(paths: Paths, clock: Any, *, edit: Path | None = None,
               debounce: float = 0.0, notice: str | None = None) -> HiptimerApp:
    return make_app(paths=paths, player=FakePlayer(), clock=clock, tick_interval=None,
                    edit=edit, edit_notice=notice, edit_debounce=debounce)


def tiny(paths: Paths) -> Path:
    path = paths.routines / "tiny.toml"
    path.write_bytes(VALID.encode("utf-8"))
    return path


def text_area(app: HiptimerApp) -> TextArea:
    return app.screen.query_one("#editor-text", TextArea)


def notifications(app: HiptimerApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def replace_text(pilot: Pilot, text: str) -> None:
    area = text_area(pilot.app)
    area.select_all()
    area.replace(text, area.selection.start, area.selection.end)
    await pilot.pause()


async def test_opens_the_file_with_toml_highlighting_and_line_numbers(home: Paths,
                                                                      fake_clock) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, EditorScreen)
        area = text_area(app)
        assert area.text == VALID
        assert area.show_line_numbers
        assert area.is_syntax_aware  # tree-sitter-toml loaded: it fails silently otherwise
        colours = {segment.style.color for segment in area.render_line(0)
                   if segment.text.strip() and segment.style is not None}
        assert len(colours) >= 3  # line number, key and string each in their own colour
        assert "Valid · total 0:25 · 1 exercise · saved" == text_of(app, "#editor-status")
        await pilot.press("escape")
    assert app.return_code is not None


async def test_invalid_text_is_not_saved_and_the_problem_shows_its_line(home: Paths,
                                                                       fake_clock) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_text(pilot, VALID.replace("hold", "hodl"))
        assert "line 5" in text_of(app, "#editor-problems")
        assert "hodl" in text_of(app, "#editor-problems")
        assert app.screen.has_class("-invalid")
        await pilot.press("ctrl+s")
        assert path.read_bytes() == VALID.encode("utf-8")
        assert not (home.routines / "tiny.toml.bak").exists()
        assert any("line 5" in message for message in notifications(app))
        assert "unsaved changes" in text_of(app, "#editor-status")


async def test_a_valid_save_writes_the_file_and_keeps_a_bak(home: Paths, fake_clock) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_text(pilot, VALID.replace("20", "\"1m\""))
        assert "total 1:05" in text_of(app, "#editor-status")  # the preview follows the typing
        await pilot.press("ctrl+s")
        assert path.read_text(encoding="utf-8") == VALID.replace("20", "\"1m\"")
        assert (home.routines / "tiny.toml.bak").read_bytes() == VALID.encode("utf-8")
        assert text_of(app, "#editor-status").endswith("· saved")
        await pilot.press("escape")  # nothing unsaved: leaves at once (out of `hiptimer edit`)
    assert app.return_code is not None


async def test_typing_is_validated_after_the_pause(home: Paths, fake_clock) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path, debounce=0.3)
    async with app.run_test(size=(80, 24)) as pilot:
        text_area(app).move_cursor((4, 0))
        await pilot.press(*"x")  # "xhold = 20": an unknown key
        assert not app.screen.query_one("#editor-problems").display  # not yet: still typing
        assert text_of(app, "#editor-status").startswith("checking")
        await pilot.pause(0.4)
        assert "line 5" in text_of(app, "#editor-problems")
        assert "xhold" in text_of(app, "#editor-problems")
        await pilot.press("backspace")
        await pilot.pause(0.4)
        assert not app.screen.query_one("#editor-problems").display
        assert text_of(app, "#editor-status").startswith("Valid")


async def test_leaving_with_unsaved_changes_asks_first(home: Paths, fake_clock) -> None:
    tiny(home)
    app = editor_app(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"tiny", "escape", "e")
        assert isinstance(app.screen, EditorScreen)
        await replace_text(pilot, VALID.replace("Plank", "Side plank"))
        await pilot.press("escape")
        assert isinstance(app.screen, ConfirmLeave)
        await pilot.press("escape")  # cancel: stay, changes kept
        assert isinstance(app.screen, EditorScreen)
        assert "Side plank" in text_area(app).text
        await pilot.press("ctrl+q")  # quitting asks too
        assert isinstance(app.screen, ConfirmLeave)
        await pilot.press("c")
        await pilot.press("escape", "d")  # discard: back to the library, file untouched
        assert isinstance(app.screen, LibraryScreen)
        assert (home.routines / "tiny.toml").read_text(encoding="utf-8") == VALID


async def test_save_and_leave_from_the_question(home: Paths, fake_clock) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_text(pilot, VALID.replace("Plank", "Side plank"))
        await pilot.press("escape", "s")
    assert "Side plank" in path.read_text(encoding="utf-8")


async def test_editing_a_builtin_copies_it_first(home: Paths, fake_clock) -> None:
    builtin = DATA / "short.toml"
    app = editor_app(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"short", "escape", "e")
        assert isinstance(app.screen, EditorScreen)
        copy = home.routines / "short.toml"
        assert app.screen.path == copy
        assert copy.read_bytes() == builtin.read_bytes()
        assert any("copied the built-in routine" in message for message in notifications(app))
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one("#routines", DataTable)
        assert table.row_count == 1  # the copy replaces the built-in: still one row


async def test_new_routine_from_the_library(home: Paths, fake_clock) -> None:
    app = editor_app(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert isinstance(app.screen, AskName)
        await pilot.press(*"Evening hips")
        assert "evening-hips.toml" in text_of(app, "#name-hint")
        await pilot.press("enter")
        assert isinstance(app.screen, EditorScreen)
        path = home.routines / "evening-hips.toml"
        assert app.screen.path == path
        assert load_routine(path).ok
        assert text_of(app, "#editor-status").startswith("Valid")
        await pilot.press("escape")
        await pilot.press("n", *"Evening hips")
        assert "exists already" in text_of(app, "#name-hint")
        await pilot.press("enter")  # refused: the modal stays, the file is not touched
        assert isinstance(app.screen, AskName)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_run_from_the_editor_needs_a_saved_valid_file(home: Paths, fake_clock) -> None:
    path = tiny(home)
    store = RecordingStore()
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, tick_interval=None,
                   edit=path, edit_debounce=0, store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_text(pilot, VALID.replace("20", "30"))
        await pilot.press("ctrl+r")  # unsaved: refused
        assert isinstance(app.screen, EditorScreen)
        assert any("Save first" in message for message in notifications(app))
        await pilot.press("ctrl+s", "ctrl+r")
        assert isinstance(app.screen, WorkoutScreen)
        assert app.screen.plan.total_seconds == 35
        assert store.begun == [(path.name, str(path))]
        await pilot.press("q", "y", "enter")  # stop, then the summary's Done
        assert isinstance(app.screen, EditorScreen)  # back to editing


async def test_palette_offers_the_editor_keys(home: Paths, fake_clock) -> None:
    app = editor_app(home, fake_clock, edit=tiny(home))
    async with app.run_test(size=(80, 24)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Save", "Run", "Back"} <= titles


async def test_the_library_offers_edit_new_and_history(home: Paths, fake_clock) -> None:
    app = editor_app(home, fake_clock)
    async with app.run_test(size=(80, 24)):
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Edit", "New", "History"} <= titles
        assert app.screen.query_one("#filter", Input)


class RecordingStore:
    """Remembers which sessions were begun: (routine file name, source)."""

    saving = False
    problem = None

    def __init__(self) -> None:
        self.begun: list[tuple[str, str]] = []

    def begin(self, plan: Any, source: str, resume: int | None = None,
              level: str = "standard") -> None:
        self.begun.append((Path(source).name, source))

    def handle(self, events: Any) -> None:
        pass

    def read(self, query: Any) -> Any:
        raise AssertionError("not used")


async def test_a_small_terminal_still_shows_text_status_and_problems(home: Paths,
                                                                    fake_clock) -> None:
    path = home.routines / "broken.toml"
    path.write_text('name = 3\n[[exercise]]\nname = "a"\nhodl = 2\nreps = 0\n', encoding="utf-8")
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = app.screen
        for selector in ("#editor-text", "#editor-status", "#editor-problems"):
            assert screen.query_one(selector).region.height >= 1, selector
        assert "3 problems" in text_of(app, "#editor-status")
