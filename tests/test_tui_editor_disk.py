"""The editor and the file on disk: what it saves always loads, a file changed behind its
back or made read-only is not overwritten without asking, and no temporary file piles up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import hiptimer.library
from hiptimer.editing import save_atomic, temp_path
from hiptimer.library import load_routine
from hiptimer.paths import Paths
from hiptimer.tui.confirm import ConfirmOverwrite
from hiptimer.tui.editor_screen import EditorScreen
from hiptimer.tui.library_screen import LibraryScreen

from test_tui_editor import VALID, editor_app, notifications, replace_text, text_of, tiny
from test_tui_support import DATA

OTHER = VALID.replace("Tiny", "Changed elsewhere")


@pytest.fixture(autouse=True)
def fixed_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hiptimer.library, "builtin_folder", lambda: Path(DATA))


async def test_a_text_over_one_mib_is_refused_with_the_reason_in_the_status_line(
        home: Paths, fake_clock: Any) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        big = VALID + "# " + "x" * (1024 * 1024) + "\n"  # valid TOML, but no routine file
        await replace_text(pilot, big)
        await pilot.press("ctrl+s")
        status = text_of(app, "#editor-status")
        assert "Not saved: the text is 1.0 MiB; a routine file is at most 1 MiB" in status
        assert path.read_text(encoding="utf-8") == VALID


async def test_a_file_changed_on_disk_is_overwritten_only_when_confirmed(
        home: Paths, fake_clock: Any) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_text(pilot, VALID.replace("20", "30"))
        path.write_text(OTHER, encoding="utf-8")  # another editor saved meanwhile
        os.utime(path, ns=(1, 1))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmOverwrite)
        assert "changed on disk" in text_of(app, "#confirm-question")
        await pilot.press("escape")
        assert isinstance(app.screen, EditorScreen)
        assert path.read_text(encoding="utf-8") == OTHER  # kept
        await pilot.press("ctrl+s")
        await pilot.press("o")
        assert isinstance(app.screen, EditorScreen)
        assert path.read_text(encoding="utf-8") == VALID.replace("20", "30")
        assert any(message.startswith("Saved tiny.toml") for message in notifications(app))
        await pilot.press("ctrl+s")  # the file is the editor's own again: no question
        assert isinstance(app.screen, EditorScreen)


async def test_ctrl_q_while_asking_about_the_file_on_disk_does_not_leave(
        home: Paths, fake_clock: Any) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_text(pilot, VALID.replace("20", "30"))
        path.write_text(OTHER, encoding="utf-8")
        os.utime(path, ns=(1, 1))
        await pilot.press("ctrl+s")
        await pilot.press("ctrl+q")  # the unsaved changes are not lost to a stray quit
        assert isinstance(app.screen, ConfirmOverwrite) and app.return_code is None


async def test_a_read_only_file_asks_before_it_is_replaced(home: Paths, fake_clock: Any,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    path = tiny(home)
    path.chmod(0o444)
    real_access = os.access
    # root may write anything: ask the question a user would be asked
    monkeypatch.setattr(os, "access", lambda target, mode, *args, **kwargs:
                        False if Path(target) == path and mode == os.W_OK
                        else real_access(target, mode, *args, **kwargs))
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await replace_text(pilot, VALID.replace("20", "40"))
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmOverwrite)
        assert "read-only" in text_of(app, "#confirm-question")
        await pilot.press("c")
        assert path.read_text(encoding="utf-8") == VALID


async def test_leaving_with_save_waits_for_the_overwrite_answer(home: Paths,
                                                                fake_clock: Any) -> None:
    path = tiny(home)
    app = editor_app(home, fake_clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"tiny", "escape", "e")
        assert isinstance(app.screen, EditorScreen)
        await replace_text(pilot, VALID.replace("20", "30"))
        path.write_text(OTHER, encoding="utf-8")
        os.utime(path, ns=(1, 1))
        await pilot.press("escape")  # unsaved changes: save, discard or cancel?
        await pilot.press("s")
        assert isinstance(app.screen, ConfirmOverwrite)  # not gone without an answer
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        assert load_routine(path).ok and "30" in path.read_text(encoding="utf-8")


async def test_a_file_that_could_not_be_read_is_never_saved_over(home: Paths,
                                                                 fake_clock: Any) -> None:
    path = home.routines / "pipe.toml"
    os.mkfifo(path)
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert any("named pipe" in message for message in notifications(app))
        await replace_text(pilot, VALID)
        await pilot.press("ctrl+s")
        assert "Not saved: the file could not be read" in text_of(app, "#editor-status")
    assert not path.is_file()


def test_a_temporary_file_left_by_an_interrupted_save_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(VALID, encoding="utf-8")
    leftover = temp_path(path)
    leftover.write_text("half a save, then the power went", encoding="utf-8")
    save_atomic(path, OTHER)
    assert path.read_text(encoding="utf-8") == OTHER
    assert sorted(item.name for item in tmp_path.iterdir()) == ["tiny.toml", "tiny.toml.bak"]


def test_a_link_planted_as_the_temporary_file_is_not_written_through(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(VALID, encoding="utf-8")
    victim = tmp_path / "victim"
    victim.write_text("mine", encoding="utf-8")
    temp_path(path).symlink_to(victim)
    save_atomic(path, OTHER)
    assert victim.read_text(encoding="utf-8") == "mine"
    assert path.read_text(encoding="utf-8") == OTHER


async def test_control_characters_in_the_file_are_kept_not_drawn_and_announced(
        home: Paths, fake_clock: Any) -> None:
    path = home.routines / "odd.toml"
    raw = VALID.replace('"Plank"', '"Pl\u202eank\u200d"') + "# \x9b2J\n"
    path.write_text(raw, encoding="utf-8")
    app = editor_app(home, fake_clock, edit=path)
    async with app.run_test(size=(80, 24)) as pilot:
        assert any("holds 3 control or invisible character(s)" in message
                   for message in notifications(app))
        area = app.screen.query_one("#editor-text")
        drawn = "".join(segment.text for y in range(area.size.height)
                        for segment in area.render_line(y))
        assert "Plank" in drawn and not set("\u202e\u200d\x9b") & set(drawn)
        await replace_text(pilot, raw.replace("20", "25"))
        await pilot.press("ctrl+s")
    assert path.read_text(encoding="utf-8") == raw.replace("20", "25")  # kept in the file
