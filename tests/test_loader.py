"""The routine loader: every rule of ROUTINE_FORMAT.md and every kind of problem."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hiptimer.core import loader
from hiptimer.core.loader import Problem, parse_routine, parse_time
from hiptimer.library import MAX_ROUTINE_BYTES as MAX_FILE_BYTES, load_routine
from hiptimer.core.model import Exercise, Timing

DATA = Path(__file__).parent / "data"
BAD_FILES = sorted(path for path in (DATA / "bad").glob("*.toml") if path.name != "several_problems.toml")
GOOD_FILES = sorted((DATA / "good").glob("*.toml"))


def expectation(path: Path) -> tuple[str, int | None]:
    """A corpus file's first two comment lines: its one expected problem and line."""
    first, second = path.read_bytes().decode("ascii", "replace").splitlines()[:2]
    problem = first.removeprefix("# problem: ").replace("PATH", str(path), 1)
    line = second.removeprefix("# line: ")
    return problem, None if line == "none" else int(line)


def messages(text: str, path: str = "r.toml") -> list[str]:
    return [str(problem) for problem in parse_routine(text, path).problems]


# ---------------------------------------------------------------- the corpus

def test_the_bad_corpus_is_big_and_every_file_states_its_expectation() -> None:
    assert len(BAD_FILES) >= 60
    for path in BAD_FILES:
        assert path.read_bytes().startswith(b"# problem: PATH"), path.name


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda path: path.stem)
def test_each_bad_file_yields_exactly_its_one_problem(path: Path) -> None:
    expected, line = expectation(path)
    loaded = load_routine(path)
    assert loaded.routine is None and not loaded.ok
    assert [str(problem) for problem in loaded.problems] == [expected]
    assert loaded.problems[0].line == line


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda path: path.stem)
def test_good_files_load_without_problems(path: Path) -> None:
    loaded = load_routine(path)
    assert loaded.problems == ()
    assert loaded.ok and loaded.routine is not None


def test_several_problems_are_all_reported_in_one_run() -> None:
    path = DATA / "bad" / "several_problems.toml"
    loaded = load_routine(path)
    assert loaded.routine is None
    assert [(str(problem), problem.line) for problem in loaded.problems] == [
        (f"{path}:2:1: name must not be empty", 2),
        (f"{path}:3:1: unknown key 'tagz' (did you mean 'tags'?)", 3),
        (f'{path}:6:1: timing.rest must be 0 s or more, got "-10s"', 6),
        (f'{path}: exercise 1 "Glute bridge": reps must be a whole number from 1 to 1000, '
         "got true", 10),
        (f'{path}: exercise 2 "Leg swings": duration cannot be combined with hold: '
         "use duration alone for timed work", 14),
        (f"{path}: exercise 3: unknown key 'hodl' (did you mean 'hold'?)", 20),
        (f"{path}: exercise 3: missing required key 'name'", 17),
        (f'{path}: exercise 3: sides = "alternate" needs reps', 19),
    ]


# ---------------------------------------------------------------- the contract's example

def test_the_contract_example_means_what_the_contract_says() -> None:
    routine = load_routine(DATA / "good" / "example.toml").routine
    assert routine is not None
    assert routine.name == "Glute wake-up"
    assert routine.description == "Two-minute activation before an easy run."
    assert routine.tags == ("warm-up", "glutes") and routine.equipment == ("mat",)
    assert routine.timing == Timing(prepare=5, rest=15, set_rest=20, switch=5, tempo=3, countdown=3)
    bridge, stretch, march, swings, clamshell = routine.exercises
    assert bridge == Exercise(
        "Glute bridge", reps=10, hold=5, tempo=2,
        how=("Lie on your back, knees bent, feet flat.",
             "Lift the hips until knees, hips and shoulders line up."),
        tip="Keep the pressure off your neck.")
    assert (stretch.shape, stretch.hold, stretch.sides) == ("hold", 60, "each")
    assert (march.shape, march.reps, march.hold, march.sides) == ("reps", 8, 2, "alternate")
    assert (swings.shape, swings.duration, swings.sides) == ("duration", 30, "each")
    assert clamshell == Exercise("Clamshell", reps=12, self_paced=True, tempo=None, sets=2,
                                 sides="each")


def test_defaults_apply_when_keys_are_left_out() -> None:
    routine = parse_routine('name = "R"\n[[exercise]]\nname = "E"\nhold = 30\n', "r.toml").routine
    assert routine is not None
    assert routine.timing == Timing(prepare=5, rest=15, set_rest=20, switch=5, tempo=3, countdown=3)
    assert routine.exercises[0] == Exercise("E", hold=30)
    exercise = routine.exercises[0]
    assert (exercise.sets, exercise.sides, exercise.first, exercise.tempo) == (1, "none", "left", None)
    assert (routine.description, routine.source, routine.tags, routine.equipment) == ("", "", (), ())


def test_every_key_of_an_exercise_is_read() -> None:
    text = """name = "R"
[[exercise]]
name = "Side plank"
reps = 4
hold = "10s"
tempo = 1.5
sets = 3
sides = "alternate"
first = "right"
rest = "1m"
set_rest = 40
how = "Stack the hips."
tip = "Breathe."
equipment = ["mat"]
targets = ["gluteus medius", "obliques"]
"""
    routine = parse_routine(text, "r.toml").routine
    assert routine is not None
    assert routine.exercises[0] == Exercise(
        "Side plank", reps=4, hold=10, tempo=1.5, sets=3, sides="alternate", first="right",
        rest=60, set_rest=40, how=("Stack the hips.",), tip="Breathe.", equipment=("mat",),
        targets=("gluteus medius", "obliques"))


def test_forgiving_spellings_are_normalised() -> None:
    routine = load_routine(DATA / "good" / "units.toml").routine
    assert routine is not None
    assert routine.name == "Units"
    assert routine.timing == Timing(prepare=0, rest=90, set_rest=90, switch=2.5, tempo=1.5,
                                    countdown=0)
    a, b, c = routine.exercises
    assert a.hold == 120
    assert (b.duration, b.sides, b.first) == (3600, "each", "right")
    assert (c.self_paced, c.tempo, c.sets, c.rest, c.set_rest) == (True, None, 3, 45, 120)
    assert c.how == ("One step only.",)


def test_inline_tables_as_tomli_w_writes_them_are_accepted() -> None:
    routine = load_routine(DATA / "good" / "inline_tables.toml").routine
    assert routine is not None
    assert (routine.timing.rest, routine.timing.prepare) == (0, 0)
    assert [exercise.name for exercise in routine.exercises] == ["Bridge", "Side plank"]
    assert routine.exercises[1].first == "right"


def test_first_without_sides_is_accepted_and_harmless() -> None:
    loaded = parse_routine('name = "R"\n[[exercise]]\nname = "E"\nhold = 5\nfirst = "right"\n', "r")
    assert loaded.ok


# ---------------------------------------------------------------- times

@pytest.mark.parametrize(("value", "seconds"), [
    (5, 5.0), (2.5, 2.5), (0, 0.0), ("90s", 90.0), ("1m", 60.0), ("1m30s", 90.0),
    ("2 min", 120.0), ("1 m 30 s", 90.0), ("45 sec", 45.0), ("2 mins", 120.0), ("1h", 3600.0),
    ("1.5m", 90.0), (" 1M30S ", 90.0), ("90", 90.0), ("10 seconds", 10.0), ("1 minute", 60.0),
    ("1 hour", 3600.0), ("1h 2m 3s", 3723.0), (".5s", 0.5), ("-5s", -5.0),
])
def test_parse_time_reads_numbers_and_units(value: object, seconds: float) -> None:
    assert parse_time(value) == seconds


@pytest.mark.parametrize("value", [
    True, False, "", "   ", "abc", "s", "m30", "30s1m", "1m1m", "1m 30", "5 minuets", "1,5m",
    float("nan"), float("inf"), -float("inf"), None, [5], {"s": 5}, "self",
])
def test_parse_time_refuses_what_is_not_a_time(value: object) -> None:
    with pytest.raises(ValueError):
        parse_time(value)


@pytest.mark.parametrize(("hold", "ok"), [
    ("3600", True), (3600, True), ('"1h"', True), ("3600.5", False), ('"60m 1s"', False),
    ("0.1", True), ("0", False),
])
def test_a_time_may_be_up_to_one_hour(hold: str, ok: bool) -> None:
    loaded = parse_routine(f'name = "R"\n[[exercise]]\nname = "E"\nhold = {hold}\n', "r.toml")
    assert loaded.ok is ok


def test_whole_numbers_may_be_written_as_whole_floats() -> None:
    routine = parse_routine('name = "R"\n[[exercise]]\nname = "E"\nreps = 10.0\n', "r").routine
    assert routine is not None and routine.exercises[0].reps == 10
    assert isinstance(routine.exercises[0].reps, int)


def test_tempo_self_is_case_and_space_tolerant() -> None:
    routine = parse_routine('name = "R"\n[[exercise]]\nname = "E"\nreps = 3\ntempo = " SELF"\n',
                            "r").routine
    assert routine is not None and routine.exercises[0].self_paced


# ---------------------------------------------------------------- problems and their format

def test_problem_formats() -> None:
    assert str(Problem("r.toml", "TOML syntax: Invalid value", 3, 8)) == \
        "r.toml:3:8: TOML syntax: Invalid value"
    assert str(Problem("r.toml", "reps must be ...", 7, 1, 3, "Clamshell")) == \
        'r.toml: exercise 3 "Clamshell": reps must be ...'
    assert str(Problem("r.toml", "missing required key 'name'", 5, 1, 3)) == \
        "r.toml: exercise 3: missing required key 'name'"
    assert str(Problem("r.toml", "missing required key 'name'")) == \
        "r.toml: missing required key 'name'"


def test_syntax_errors_carry_line_and_column_without_the_tomllib_suffix() -> None:
    [problem] = parse_routine('name = "R"\nreps = [1, 2\n\n', "r.toml").problems
    assert "(at line" not in problem.message and "end of document" not in problem.message
    assert problem.line is not None and problem.col is not None
    assert str(problem).startswith(f"r.toml:{problem.line}:{problem.col}: TOML syntax: ")


def test_rule_breaks_point_at_the_key_inside_the_right_exercise() -> None:
    text = """name = "R"
description = \"\"\"
reps = 5
[[exercise]]
\"\"\"
[[exercise]]
name = "A"
reps = 5

[[exercise]]  # the second one
name = "B"
  reps = 0
"""
    [problem] = parse_routine(text, "r.toml").problems
    assert (problem.exercise, problem.exercise_name, problem.line, problem.col) == (2, "B", 12, 3)


def test_a_problem_without_a_key_points_at_the_exercise_header() -> None:
    text = 'name = "R"\n[[exercise]]\nname = "A"\nreps = 1\n[[exercise]]\nname = "B"\n'
    [problem] = parse_routine(text, "r.toml").problems
    assert (problem.message, problem.line) == ("needs one of reps, hold or duration", 5)


def test_unknown_keys_are_named_with_a_suggestion_at_every_level() -> None:
    text = ('name = "R"\nexercises = []\nNAME = "x"\n[timing]\nswich = 5\nhold = 3\n'
            '[[exercise]]\nname = "E"\nreps = 2\nsetz = 2\nprepare = 3\ntips = "a"\n')
    assert messages(text) == [
        "r.toml:2:1: unknown key 'exercises' (did you mean 'exercise'?)",
        "r.toml:3:1: unknown key 'NAME' (did you mean 'name'?)",
        "r.toml:5:1: unknown key 'swich' in [timing] (did you mean 'switch'?)",
        "r.toml:6:1: unknown key 'hold' in [timing] (it belongs in an [[exercise]])",
        'r.toml: exercise 1 "E": unknown key \'setz\' (did you mean \'sets\'?)',
        'r.toml: exercise 1 "E": unknown key \'prepare\' (it belongs in [timing])',
        'r.toml: exercise 1 "E": unknown key \'tips\' (did you mean \'tip\'?)',
    ]


def test_an_empty_document_lacks_a_name_and_exercises() -> None:
    assert messages("# only a comment\n") == [
        "r.toml: missing required key 'name'",
        "r.toml: no exercises: add at least one [[exercise]] table (or parts = [...] "
        "to run other routines)",
    ]


def test_strange_text_in_values_and_keys_stays_on_one_printable_line() -> None:
    text = 'name = "R"\n"a\\nb" = 1\n[[exercise]]\nname = "E"\nsides = "x\\ty"\nreps = 1\n'
    problems = messages(text)
    assert problems == [
        "r.toml:2:1: unknown key 'a\\nb' (allowed keys: name, description, source, tags, "
        "equipment, caution, per_week, timing, sound, exercise, parts)",
        'r.toml: exercise 1 "E": sides must be "none", "each" or "alternate", got "x\\ty"',
    ]


@pytest.mark.parametrize("text", [
    "x = " + "9" * 5000,  # past Python's integer digit limit: a ValueError inside tomllib
    "x = " + "[" * 3000 + "]" * 3000,  # deep nesting: a RecursionError inside tomllib
    'name = "\ud800"\n[[exercise]]\nname = "\udfff"\nreps = "\ud800"\n',
    "\ufeff\ufeff",
    "name = 10000000000000000000000\n[[exercise]]\nname = 1.0e308\nhold = -1e999\n",
])
def test_pathological_text_gives_problems_not_exceptions(text: str) -> None:
    loaded = parse_routine(text, "r.toml")
    assert loaded.routine is None and loaded.problems
    for problem in loaded.problems:
        assert str(problem).startswith("r.toml")
        assert "\n" not in str(problem)
        str(problem).encode("utf-8")  # printable: no lone surrogate left


def test_a_bom_is_stripped_in_text_as_in_files() -> None:
    assert parse_routine('\ufeffname = "R"\n[[exercise]]\nname = "E"\nhold = 5\n', "r").ok


# ---------------------------------------------------------------- reading files

def refused(loaded: loader.Loaded, path: Path) -> str:
    assert loaded.routine is None and len(loaded.problems) == 1
    message = str(loaded.problems[0])
    assert message.startswith(f"{path}: ")
    return message


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    for content in (b"", b"\xef\xbb\xbf", b"  \n\t\n"):
        path = tmp_path / "empty.toml"
        path.write_bytes(content)
        assert "file is empty" in refused(load_routine(path), path)


def test_a_file_over_one_mib_is_refused_without_opening_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.toml"
    with open(path, "wb") as file:
        file.truncate(64 * MAX_FILE_BYTES)  # sparse: costs no disk
    opened: list[object] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda *args, **kwargs: opened.append(args[0])
                        or real_open(*args, **kwargs))
    assert "over 1 MiB" in refused(load_routine(path), path)
    assert str(path) not in map(str, opened)


def test_a_file_of_exactly_one_mib_is_read(tmp_path: Path) -> None:
    text = 'name = "R"\n[[exercise]]\nname = "E"\nhold = 5\n#'
    path = tmp_path / "padded.toml"
    path.write_bytes(text.encode() + b"x" * (MAX_FILE_BYTES - len(text)))
    assert load_routine(path).ok


def test_a_missing_file_or_a_folder_gives_one_problem(tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    assert "no such file" in refused(load_routine(missing), missing)
    assert "folder" in refused(load_routine(tmp_path), tmp_path)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX, not root")
def test_an_unreadable_file_gives_one_problem(tmp_path: Path) -> None:
    path = tmp_path / "locked.toml"
    path.write_text('name = "R"\n')
    path.chmod(0)
    try:
        assert "permission denied" in refused(load_routine(str(path)), path)
    finally:
        path.chmod(0o600)


def test_load_routine_accepts_a_string_path_and_reports_it_as_given(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    loaded = load_routine("bad/reps_bool.toml")
    assert str(loaded.problems[0]).startswith('bad/reps_bool.toml: exercise 1 "Clamshell": ')
