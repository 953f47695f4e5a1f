"""Routine files written by hiptimer: the starter routine, built-in copies, atomic saves and
the external editor loop (with a fake editor)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import hiptimer.editing as editing
from hiptimer.library import load_routine
from hiptimer.core.plan import build_plan
from hiptimer.editing import (editable_copy, new_routine, save_atomic, slugify)
from hiptimer.external_editor import edit_external, editor_command
from hiptimer.library import builtin_folder, discover
from hiptimer.paths import Paths

VALID = 'name = "Tiny"\n\n[[exercise]]\nname = "Plank"\nhold = 20\n'
INVALID = 'name = "Tiny"\n\n[[exercise]]\nname = "Plank"\nhodl = 20\n'


# ---------------------------------------------------------------- new routine

@pytest.mark.parametrize("name, slug", [
    ("Morning hips", "morning-hips"),
    ("  Étirements du soir!  ", "etirements-du-soir"),
    ("Hips #2 -- fast", "hips-2-fast"),
    ("UPPER_case.Name", "upper-case-name"),
])
def test_slug_is_lowercase_ascii_with_hyphens(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_new_routine_is_a_valid_routine_with_every_shape(tmp_path: Path) -> None:
    folder = tmp_path / "not" / "yet"
    path = new_routine('Morning "hips"', folder)
    assert path == folder / "morning-hips.toml"
    loaded = load_routine(path)
    assert loaded.ok, loaded.problems
    routine = loaded.routine
    assert routine.name == 'Morning "hips"'
    exercises = routine.exercises
    assert any(e.duration is not None for e in exercises)
    assert any(e.hold is not None and e.reps is None for e in exercises)
    assert any(e.reps is not None and e.hold for e in exercises)
    assert any(e.self_paced for e in exercises)
    assert {e.sides for e in exercises} == {"none", "each", "alternate"}
    assert build_plan(routine).total_seconds > 0
    text = path.read_text(encoding="utf-8")
    assert text.count("# Shape") >= 4  # each shape explained


def test_new_routine_refuses_to_overwrite(tmp_path: Path) -> None:
    existing = tmp_path / "morning-hips.toml"
    existing.write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError) as raised:
        new_routine("Morning hips", tmp_path)
    assert str(existing) in str(raised.value)
    assert existing.read_text(encoding="utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["morning-hips.toml"]


@pytest.mark.parametrize("name", ["", "   ", "!!!", "\x1b[;\x07 \u202e"])
def test_new_routine_refuses_a_name_without_letters(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        new_routine(name, tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name, file_name", [
    ("日本語", "日本語.toml"), ("Растяжка бедра", "растяжка-бедра.toml"),
    ("تمارين الورك", "تمارين-الورك.toml"), ("Ελληνικά 2", "ελληνικά-2.toml"),
])
def test_a_name_in_any_script_makes_a_valid_routine_file(tmp_path: Path, name: str,
                                                         file_name: str) -> None:
    path = new_routine(name, tmp_path)
    assert path == tmp_path / file_name
    loaded = load_routine(path)
    assert loaded.ok and loaded.routine is not None and loaded.routine.name == name


def test_an_over_long_name_is_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as raised:
        new_routine("hips " * 100, tmp_path)
    assert "too long" in str(raised.value) and "\n" not in str(raised.value)
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- built-in copy

def test_editing_a_builtin_copies_it_byte_for_byte(home: Paths) -> None:
    builtin = next(entry for entry in discover(home) if entry.builtin)
    path, message = editable_copy(builtin, home.routines)
    assert path == home.routines / builtin.path.name
    assert path.read_bytes() == builtin.path.read_bytes()
    assert message is not None and str(path) in message and "replaces" in message
    shadowed = next(entry for entry in discover(home) if entry.stem == builtin.stem)
    assert not shadowed.builtin


def test_a_user_copy_already_there_is_used_as_is(home: Paths) -> None:
    builtin = next(entry for entry in discover(home) if entry.builtin)
    mine = home.routines / builtin.path.name
    mine.write_text(VALID, encoding="utf-8")
    path, _ = editable_copy(builtin, home.routines)
    assert path == mine
    assert mine.read_text(encoding="utf-8") == VALID


def test_a_user_routine_is_edited_in_place(home: Paths) -> None:
    (home.routines / "tiny.toml").write_text(VALID, encoding="utf-8")
    entry = next(entry for entry in discover(home) if entry.stem == "tiny")
    assert editable_copy(entry, home.routines) == (home.routines / "tiny.toml", None)
    assert builtin_folder() not in (home.routines / "tiny.toml").parents


# ---------------------------------------------------------------- atomic save

def test_save_keeps_the_previous_version_as_bak(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(VALID, encoding="utf-8")
    path.chmod(0o640)
    save_atomic(path, VALID.replace("20", "30"))
    assert path.read_text(encoding="utf-8") == VALID.replace("20", "30")
    assert (tmp_path / "tiny.toml.bak").read_text(encoding="utf-8") == VALID
    assert path.stat().st_mode & 0o777 == 0o640
    save_atomic(path, VALID)
    assert (tmp_path / "tiny.toml.bak").read_text(encoding="utf-8") == VALID.replace("20", "30")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tiny.toml", "tiny.toml.bak"]


def test_save_of_a_new_file_makes_no_bak(tmp_path: Path) -> None:
    save_atomic(tmp_path / "new.toml", VALID)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.toml"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_save_leaves_the_file_intact_and_no_temp(tmp_path: Path, failing: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tiny.toml"
    original = VALID.encode("utf-8") + b"# \xc3\xa9 kept byte for byte\r\n"
    path.write_bytes(original)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(editing.os, failing, broken)
    with pytest.raises(OSError) as raised:
        save_atomic(path, "something else entirely")
    monkeypatch.undo()
    assert str(raised.value) == f"cannot save {path}: No space left on device"
    assert path.read_bytes() == original
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_save_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text(VALID, encoding="utf-8")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    save_atomic(link, INVALID)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == INVALID


# ---------------------------------------------------------------- external editor

class FakeEditor:
    """Stands in for subprocess.run: each run writes the next text into the file."""

    def __init__(self, *texts: str) -> None:
        self.texts = list(texts)
        self.calls: list[list[str]] = []

    def __call__(self, argv: list[str], **kwargs: Any) -> None:
        assert "shell" not in kwargs
        self.calls.append(list(argv))
        Path(argv[-1]).write_text(self.texts.pop(0), encoding="utf-8")


def run_editor(path: Path, editor: FakeEditor, answers: list[str],
               environ: dict[str, str] | None = None) -> tuple[int, list[str], list[str]]:
    asked: list[str] = []
    printed: list[str] = []

    def ask(question: str) -> str:
        asked.append(question)
        return answers.pop(0)

    code = edit_external(path, environ=environ or {"EDITOR": "myeditor"}, run=editor,
                         ask=ask, out=printed.append)
    return code, asked, printed


def test_external_edit_valid_at_once(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(VALID, encoding="utf-8")
    editor = FakeEditor(VALID.replace("20", "40"))
    code, asked, _ = run_editor(path, editor, [])
    assert code == 0 and asked == []
    assert editor.calls == [["myeditor", str(path)]]


def test_external_edit_invalid_then_fixed_on_reopen(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    editor = FakeEditor(INVALID, VALID)
    code, asked, printed = run_editor(path, editor, [""])
    assert code == 0
    assert asked == ["Reopen the editor? [Y/n] "]
    assert len(editor.calls) == 2
    assert any("line 5" in line and "hodl" in line for line in printed)


def test_external_edit_invalid_and_given_up_leaves_the_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    editor = FakeEditor(INVALID, INVALID)
    code, asked, printed = run_editor(path, editor, ["y", "n"])
    assert code == 1
    assert len(asked) == 2 and len(editor.calls) == 2
    assert path.read_text(encoding="utf-8") == INVALID
    assert "left as it is" in printed[-1]


def test_end_of_input_at_the_question_gives_up(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"

    def no_input(question: str) -> str:
        raise EOFError

    code = edit_external(path, environ={"EDITOR": "ed"}, run=FakeEditor(INVALID),
                         ask=no_input, out=lambda line: None)
    assert code == 1


def test_visual_wins_over_editor_and_is_split_without_a_shell(tmp_path: Path) -> None:
    path = tmp_path / "my routine.toml"
    editor = FakeEditor(VALID)
    code, _, _ = run_editor(path, editor, [],
                            environ={"VISUAL": "code --wait", "EDITOR": "nano"})
    assert code == 0
    assert editor.calls == [["code", "--wait", str(path)]]


def test_editor_words_with_quotes_are_split_like_a_shell() -> None:
    assert editor_command({"EDITOR": "'/opt/My Editor/bin/ed' -n"}) == [
        "/opt/My Editor/bin/ed", "-n"]
    assert editor_command({"VISUAL": "  ", "EDITOR": "vim"}) == ["vim"]


def test_without_editor_variables_nano_or_vi_is_used(tmp_path: Path) -> None:
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    vi = bin_folder / "vi"
    vi.write_text("#!/bin/sh\n")
    vi.chmod(0o755)
    assert editor_command({"PATH": str(bin_folder)}) == [str(vi)]


def test_no_editor_at_all_is_a_clear_error(tmp_path: Path) -> None:
    printed: list[str] = []
    code = edit_external(tmp_path / "x.toml", environ={"PATH": str(tmp_path)},
                         run=FakeEditor(), ask=lambda q: "", out=printed.append)
    assert code == 1
    assert "set $EDITOR" in printed[0]


def test_an_editor_that_does_not_exist_is_reported(tmp_path: Path) -> None:
    def missing(argv: list[str], **kwargs: Any) -> None:
        raise FileNotFoundError(2, "No such file or directory")

    printed: list[str] = []
    code = edit_external(tmp_path / "x.toml", environ={"EDITOR": "nosuch"}, run=missing,
                         ask=lambda q: "", out=printed.append)
    assert code == 1
    assert printed == ["hiptimer: cannot start the editor 'nosuch': No such file or directory"]


def test_fsync_is_really_called_on_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(editing.os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    save_atomic(tmp_path / "tiny.toml", VALID)
    assert len(synced) >= 2  # the file and its folder
