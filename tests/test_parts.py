"""Routines made of parts: found by stem, name or relative path, planned back to back, and
every missing, invalid or looping part reported at its entry."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import write_routine

from hiptimer.core.plan import build_plan
from hiptimer.library import discover, load_with_parts, resolve
from hiptimer.paths import Paths

WARM = """\
name = "Warm up"
caution = "Easy does it."
equipment = ["mat"]
[timing]
prepare = 7
rest = 4
switch = 2
tempo = 1
[[exercise]]
name = "Swings"
reps = 2
sides = "each"
[[exercise]]
name = "March"
duration = 10
"""

STRONG = """\
name = "Strong"
[timing]
prepare = 9
[[exercise]]
name = "Squat"
reps = 2
tempo = 3
[exercise.harder]
name = "Jump squat"
reps = 1
"""


def library(home: Paths) -> None:
    write_routine(home.routines, "warm", WARM)
    write_routine(home.routines, "strong", STRONG)


def routine_named(home: Paths, stem: str):  # noqa: ANN201 - a Routine, asserted valid
    entry = resolve(stem, home)
    assert entry.loaded.problems == (), [str(p) for p in entry.loaded.problems]
    assert entry.routine is not None
    return entry.routine


def problems_of(home: Paths, stem: str) -> list[str]:
    entry = next(entry for entry in discover(home) if entry.stem == stem)
    assert entry.routine is None
    return [str(problem) for problem in entry.loaded.problems]


def test_parts_named_by_stem_name_and_relative_path_run_back_to_back(home: Paths) -> None:
    library(home)
    (home.routines / "more").mkdir()
    write_routine(home.routines / "more", "cool", 'name = "Cool"\n[[exercise]]\n'
                                                  'name = "Stretch"\nhold = 20\n')
    write_routine(home.routines, "session", 'name = "Session"\nparts = ["warm", "STRONG", '
                                            '"more/cool.toml"]\n[timing]\nprepare = 3\nrest = 30\n')
    routine = routine_named(home, "session")
    assert [e.name for e in routine.exercises] == ["Swings", "March", "Squat", "Stretch"]
    assert [(p.name, list(p.exercises)) for p in routine.parts] == [
        ("Warm up", [0, 1]), ("Strong", [2]), ("Cool", [3])]
    assert routine.parts[2].source == str(home.routines / "more" / "cool.toml")
    assert routine.caution == "Easy does it." and routine.all_equipment() == ("mat",)
    assert [routine.part_of(index) for index in range(4)] == [0, 0, 1, 2]

    steps = [(s.kind, s.exercise, s.side, s.seconds, s.part) for s in build_plan(routine).steps]
    assert steps == [
        ("prepare", None, None, 3.0, 0),  # the whole's prepare, none of the parts'
        ("rep", 0, "left", 1.0, 0), ("rep", 0, "left", 1.0, 0),  # the part's own tempo
        ("switch", 0, "right", 2.0, 0),  # and its own switch
        ("rep", 0, "right", 1.0, 0), ("rep", 0, "right", 1.0, 0),
        ("rest", None, None, 4.0, 0),  # a rest inside the part is the part's
        ("work", 1, None, 10.0, 0),
        ("rest", None, None, 30.0, 1),  # between parts: the whole's rest
        ("rep", 2, None, 3.0, 1), ("rep", 2, None, 3.0, 1),
        ("rest", None, None, 30.0, 2),
        ("hold", 3, None, 20.0, 2),
    ]


def test_show_json_names_the_part_of_every_step(home: Paths) -> None:
    library(home)
    write_routine(home.routines, "both", 'name = "Both"\nparts = ["warm", "strong"]\n')
    document = build_plan(routine_named(home, "both")).to_json()
    assert {step["part"] for step in document["steps"]} == {0, 1}
    assert document["steps"][-1] == {"kind": "rep", "exercise": "Squat", "side": None,
                                     "set": 1, "rep": 2, "seconds": 3.0, "part": 1}


def test_a_part_made_of_parts_keeps_its_own_rest_between_its_parts(home: Paths) -> None:
    library(home)
    write_routine(home.routines, "inner", 'name = "Inner"\nparts = ["strong", "strong"]\n'
                                          "[timing]\nrest = 11\n")
    write_routine(home.routines, "outer", 'name = "Outer"\nparts = ["inner", "warm"]\n'
                                          "[timing]\nrest = 22\nprepare = 0\n")
    routine = routine_named(home, "outer")
    assert [p.name for p in routine.parts] == ["Inner", "Warm up"]
    assert [p.name for p in routine.parts[0].routine.parts] == ["Strong", "Strong"]
    rests = [(s.seconds, s.part) for s in build_plan(routine).steps if s.kind == "rest"]
    assert rests == [(11.0, 0), (22.0, 1), (4.0, 1)]
    assert build_plan(routine).steps[0].kind == "rep"  # prepare = 0 is left out


def test_a_missing_part_is_a_problem_of_this_file_at_its_entry(home: Paths) -> None:
    library(home)
    path = write_routine(home.routines, "s", 'name = "S"\nparts = ["warm",\n  "strnog"]\n')
    assert problems_of(home, "s") == [
        f"""{path}:3:3: part "strnog": no routine called 'strnog' (did you mean 'strong'?)"""]


def test_a_missing_relative_path_is_reported_at_its_entry(home: Paths) -> None:
    path = write_routine(home.routines, "s", 'name = "S"\nparts = ["gone/x.toml"]\n')
    assert problems_of(home, "s") == [
        f'{path}:2:10: part "gone/x.toml": no routine file at {home.routines / "gone/x.toml"}']


def test_a_part_that_names_a_pipe_is_refused_without_reading_it(home: Paths) -> None:
    """A file in the library must not make `hiptimer list` wait on a pipe or a terminal."""
    os.mkfifo(home.routines / "pipe.toml")
    path = write_routine(home.routines.parent, "s", 'name = "S"\nparts = ["routines/pipe.toml",'
                                                    ' "/dev/stdin"]\n')
    result = subprocess.run([sys.executable, "-m", "hiptimer", "check", str(path)],
                            capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f'{path}:2:10: part "routines/pipe.toml": no routine file at {home.routines / "pipe.toml"}',
        f'{path}:2:32: part "/dev/stdin": no routine file at /dev/stdin']


def test_an_invalid_part_is_reported_with_its_first_problem_and_a_count(home: Paths) -> None:
    bad = write_routine(home.routines, "bad", 'name = "Bad"\n[[exercise]]\nname = "E"\n'
                                              "reps = 0\nhodl = 1\n")
    path = write_routine(home.routines, "s", 'name = "S"\nparts = ["bad"]\n')
    assert problems_of(home, "s") == [
        f'{path}:2:10: part "bad": is not a valid routine: {bad}: exercise 1 "E": '
        "reps must be a whole number from 1 to 1000, got 0 (and 1 more problem)"]


def test_a_loop_through_two_files_is_found_in_both(home: Paths) -> None:
    a = write_routine(home.routines, "a", 'name = "A"\nparts = ["b"]\n')
    b = write_routine(home.routines, "b", 'name = "B"\nparts = ["a"]\n')
    [in_a] = problems_of(home, "a")
    [in_b] = problems_of(home, "b")
    assert in_a == (f'{a}:2:10: part "b": is not a valid routine: '
                    f'{b}:2:10: part "a": makes a loop: a.toml -> b.toml -> a.toml')
    assert in_b == f'{b}:2:10: part "a": makes a loop: a.toml -> b.toml -> a.toml'
    # resolved on its own (not through the library listing), the loop reads from b
    assert [str(p) for p in resolve("b", home).loaded.problems] == [in_b]


def test_a_routine_naming_itself_is_a_loop(home: Paths) -> None:
    path = write_routine(home.routines, "me", 'name = "Me"\nparts = ["Me"]\n')
    assert problems_of(home, "me") == [f'{path}:2:10: part "Me": makes a loop: me.toml -> me.toml']


def test_a_file_used_twice_without_a_loop_is_fine(home: Paths) -> None:
    library(home)
    write_routine(home.routines, "twice", 'name = "Twice"\nparts = ["warm", "warm"]\n')
    routine = routine_named(home, "twice")
    assert [e.name for e in routine.exercises] == ["Swings", "March"] * 2


def test_parts_that_multiply_past_a_thousand_exercises_are_refused(home: Paths) -> None:
    library(home)

    def times(stem: str, count: int) -> str:
        return "[" + ", ".join([f'"{stem}"'] * count) + "]"

    write_routine(home.routines, "x20", f'name = "X20"\nparts = {times("warm", 10)}\n')
    write_routine(home.routines, "x400", f'name = "X400"\nparts = {times("x20", 20)}\n')
    path = write_routine(home.routines, "x4000", f'name = "X4000"\nparts = {times("x400", 10)}\n')
    assert len(routine_named(home, "x400").exercises) == 400
    assert problems_of(home, "x4000") == [
        f"{path}:2:10: parts: together the parts have more than 1000 exercises"]


def test_a_file_outside_the_library_finds_its_parts_in_the_library(home: Paths,
                                                                    tmp_path: Path) -> None:
    library(home)
    outside = write_routine(tmp_path, "mine", 'name = "Mine"\nparts = ["warm", "nope"]\n')
    [problem] = [str(p) for p in load_with_parts(outside, home).problems]
    assert problem.startswith(f'{outside}:2:18: part "nope": no routine called')


def test_a_file_without_parts_is_loaded_without_reading_the_library(home: Paths) -> None:
    write_routine(home.routines, "loop", 'name = "L"\nparts = ["loop"]\n')  # would be a problem
    plain = write_routine(home.routines, "plain",
                          'name = "P"\n[[exercise]]\nname = "E"\nhold = 1\n')
    assert load_with_parts(plain, home).ok
