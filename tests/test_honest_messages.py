"""Messages that say what is true: settings and hold under the routine files' rules, names
in any script, routines found by a few words, the first problem first, aligned columns."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_routine

from hiptimer.cli import build_parser, main
from hiptimer.commands import hold_routine
from hiptimer.paths import Paths
from hiptimer.settings import load_settings

ROUTINE = 'name = "{name}"\n[timing]\nprepare = 0\n[[exercise]]\nname = "Plank"\nhold = 0.05\n'


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


# ---------------------------------------------------------------- settings

@pytest.mark.parametrize("written, goal", [("2.0", 2), ("3", 3), ("50.0", 50)])
def test_a_whole_weekly_goal_may_be_written_with_a_decimal_point(tmp_path: Path, written: str,
                                                                 goal: int) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"weekly_goal = {written}\n", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.weekly_goal == goal and loaded.notices == ()


@pytest.mark.parametrize("written", ["0", "-1", "2.5", "51", '"2"', "inf", "nan"])
def test_a_weekly_goal_that_is_not_a_count_is_a_notice_and_the_default(tmp_path: Path,
                                                                       written: str) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"weekly_goal = {written}\n", encoding="utf-8")
    loaded = load_settings(path)
    assert loaded.settings.weekly_goal == 2
    assert loaded.notice is not None
    assert "weekly_goal must be a whole number from 1 to 50" in loaded.notice
    assert loaded.notice.endswith("using 2")


def test_every_command_using_the_weekly_goal_shows_its_notice(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    home.config.write_text("weekly_goal = 0\n", encoding="utf-8")
    code, out, err = run(capsys, "history")
    assert code == 0 and "weekly_goal must be a whole number" in err
    code, out, err = run(capsys, "history", "--json")  # the notice stays off the JSON
    assert code == 0 and out.strip() == "[]" and "weekly_goal" in err
    code, out, err = run(capsys, "hold", "0.05", "--plain", "--mute")
    assert code == 0 and "weekly_goal must be a whole number" in out + err


# ---------------------------------------------------------------- hold

@pytest.mark.parametrize("args, said", [
    (["3601"], "SECONDS must be at most 1 hour (3600 s), got 3601"),
    (["2h"], "SECONDS must be at most 1 hour (3600 s), got 2h"),
    (["0"], "SECONDS must be more than 0 s, got 0"),
    (["60", "--rest", "-5"], "--rest must be 0 s or more, got -5"),
    (["60", "--rest", "61m"], "--rest must be at most 1 hour (3600 s), got 61m"),
])
def test_hold_takes_the_limits_of_routine_files(home: Paths, capsys: pytest.CaptureFixture[str],
                                                args: list[str], said: str) -> None:
    code, out, err = run(capsys, "hold", *args, "--plain", "--mute")
    assert code == 1 and err == f"hiptimer: hold: {said}\n"


@pytest.mark.parametrize("args, title", [
    (["3600"], "Hold 1:00:00"), (["90", "--sides"], "Hold 1:30 each side"),
    (["45.5", "--sets", "3"], "Hold 45.5 s, 3 sets"), (["0.0000001"], "Hold 0 s"),
])
def test_hold_prints_its_times_as_minutes_and_seconds(args: list[str], title: str) -> None:
    parsed = build_parser().parse_args(["hold", *args])
    routine = hold_routine(parsed.seconds, parsed.sides, parsed.sets, parsed.rest)
    assert routine.name == title


# ---------------------------------------------------------------- new

def test_new_makes_a_file_name_from_a_name_in_any_script(home: Paths,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    code, out, err = run(capsys, "new", "日本語")
    assert code == 0 and out.strip() == str(home.routines / "日本語.toml")
    code, out, err = run(capsys, "check", out.strip())
    assert code == 0


def test_new_refuses_an_over_long_name_in_one_line(home: Paths,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "new", "Morning hips " * 30)
    assert code == 1 and err.count("\n") == 1 and "too long" in err
    assert list(home.routines.iterdir()) == []


# ---------------------------------------------------------------- finding a routine

def test_a_built_in_routine_is_found_by_a_few_words_of_its_name(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "stronger hips")
    assert code == 0 and "\nStronger hips, five moves: " in out, err  # after its caution


def test_a_routine_is_found_by_a_prefix_or_a_few_words_of_its_name(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "a1", ROUTINE.format(name="Morning mobility for runners"))
    write_routine(home.routines, "a2", ROUTINE.format(name="Evening calm"))
    for query in ("morning mobility", "Morning mob", "mobility runners", "a1"):
        code, out, err = run(capsys, "show", query)
        assert code == 0 and out.startswith("Morning mobility for runners:"), (query, err)


def test_an_ambiguous_name_lists_a_few_matches_not_the_library(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    for number in range(300):
        write_routine(home.routines, f"r{number:03d}", ROUTINE.format(name=f"Hips {number}"))
    code, out, err = run(capsys, "show", "hips")
    assert code == 1 and err.count("\n") == 1
    assert "names 300 routines" in err and "and 292 more" in err
    assert err.count('"Hips ') == 8
    code, out, err = run(capsys, "show", "hisp 12")  # a typo: close matches, a few
    assert code == 1 and err.count("\n") == 1 and "did you mean" in err
    assert err.count('"Hips ') <= 8


def test_edit_accepts_mute_and_voice(home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "tiny", ROUTINE.format(name="Tiny"))
    editor = home.data / "editor.sh"
    editor.write_text("#!/bin/sh\nexit 0\n")
    editor.chmod(0o755)
    os.environ["EDITOR"] = str(editor)
    try:
        for flags in (["--mute"], ["--voice"], ["--mute", "--voice"]):
            code, out, err = run(capsys, "edit", "tiny", "--external", *flags)
            assert code == 0, err
    finally:
        del os.environ["EDITOR"]


# ---------------------------------------------------------------- problems and columns

def test_a_routines_first_problem_is_printed_first(home: Paths,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "bad", 'name = "Bad"\nfirst_typo = 1\n[[exercise]]\n'
                                        'name = "E"\nreps = 0\n')
    code, out, err = run(capsys, "show", "bad")
    lines = err.splitlines()
    assert code == 1 and len(lines) == 2
    assert "first_typo" in lines[0] and "reps" in lines[1]


def test_list_keeps_its_columns_aligned_for_wide_and_long_names(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    from rich.cells import cell_len

    write_routine(home.routines, "wide", ROUTINE.format(name="日本語のストレッチ"))
    write_routine(home.routines, "long", ROUTINE.format(name="Long " * 40))
    code, out, err = run(capsys, "list")
    header, *rows = out.split("\n\n")[0].splitlines()
    time_column = header.index("TIME") + len("TIME")  # right-aligned: its end is fixed
    for row in rows:
        name_end = row.index("  ")
        shown = row[:time_column + (len(row[:time_column]) - cell_len(row[:time_column]))]
        assert cell_len(shown) == time_column, row
    long_row = next(row for row in rows if row.startswith("Long"))
    assert "…" in long_row and cell_len(long_row.split("  ")[0]) <= 40


# ---------------------------------------------------------------- history, read-only

def cannot_write() -> list[str]:
    """A prefix that runs a command without the right to write where it is denied: root
    ignores file modes, so it gives up that capability first."""
    if os.geteuid() != 0:
        return []
    caps = "-dac_override,-dac_read_search,-fowner"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}"]


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {path.name: (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
            for path in folder.iterdir() if path.is_file()}


@pytest.mark.parametrize("locked", ["folder", "file"])
def test_history_reads_a_history_it_may_not_write(tmp_path: Path, locked: str) -> None:
    home = tmp_path / "home"
    (home / "routines").mkdir(parents=True)
    (home / "routines" / "quick.toml").write_text(ROUTINE.format(name="Quick plank"),
                                                  encoding="utf-8")
    env = {**os.environ, "HIPTIMER_HOME": str(home)}
    subprocess.run([sys.executable, "-m", "hiptimer", "run", "quick", "--plain", "--mute"],
                   env=env, check=True, capture_output=True, timeout=60)
    before = snapshot(home)
    (home / "history.sqlite3").chmod(0o444)
    if locked == "folder":
        home.chmod(0o555)
    try:
        done = subprocess.run([*cannot_write(), sys.executable, "-m", "hiptimer", "history"],
                              env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert "Quick plank" in done.stdout and done.stderr == ""
        assert snapshot(home) == before
    finally:
        home.chmod(0o755)
