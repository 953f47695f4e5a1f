"""The "Training over weeks" keys of the loader: caution, per_week, check, levels, parts, [sound].

Each wrong value of these keys has its one-problem file in tests/data/bad
(``level_*``, ``parts_*``, ``sound_*``, ...); here: what good values mean,
and several problems reported together.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.core.compose import at_level
from hiptimer.core.loader import PartRef, parse_routine
from hiptimer.core.model import CUE_NAMES, Exercise, Routine, RoutineSound
from hiptimer.sound import cues

SQUAT = """\
name = "R"
caution = "Stop on sharp pain."
per_week = 2.0

[[exercise]]
name = "Squat"
reps = 12
tempo = 3
check = "Did both heels stay on the floor?"
[exercise.easier]
reps = 8
[exercise.harder]
name = "Single-leg squat"
reps = 8
sides = "each"
"""


def routine_of(text: str, path: str = "r.toml") -> Routine:
    loaded = parse_routine(text, path)
    assert loaded.problems == ()
    assert loaded.routine is not None
    return loaded.routine


def messages(text: str) -> list[str]:
    return [str(problem) for problem in parse_routine(text, "r.toml").problems]


def one_exercise(level_table: str, base: str = "reps = 10\ntempo = 2") -> Exercise:
    text = f'name = "R"\n[[exercise]]\nname = "E"\n{base}\n[exercise.harder]\n{level_table}\n'
    harder = routine_of(text).exercises[0].harder
    assert harder is not None
    return harder


def test_the_contract_example_loads_with_its_caution_per_week_check_and_levels() -> None:
    routine = routine_of(SQUAT)
    assert routine.caution == "Stop on sharp pain."
    assert routine.per_week == 2 and isinstance(routine.per_week, int)
    squat = routine.exercises[0]
    assert squat.check == "Did both heels stay on the floor?"
    assert squat.easier == Exercise("Squat", reps=8, tempo=3,
                                    check="Did both heels stay on the floor?")
    assert squat.harder == Exercise("Single-leg squat", reps=8, tempo=3, sides="each",
                                    check="Did both heels stay on the floor?")
    assert routine.levels == ("easier", "standard", "harder")


def test_a_routine_without_the_new_keys_has_their_defaults() -> None:
    routine = routine_of('name = "R"\n[[exercise]]\nname = "E"\nhold = 5\n')
    assert routine.caution == "" and routine.per_week is None and routine.parts == ()
    assert routine.sound == RoutineSound() and routine.levels == ("standard",)
    assert routine.exercises[0].check == "" and routine.exercises[0].harder is None


@pytest.mark.parametrize("per_week", [1, 14, 3.0])
def test_per_week_takes_whole_numbers_from_1_to_14(per_week: float) -> None:
    text = f'name = "R"\nper_week = {per_week}\n[[exercise]]\nname = "E"\nhold = 5\n'
    assert routine_of(text).per_week == int(per_week)


@pytest.mark.parametrize("per_week", ["0", "15", "2.5", "true", '"2"'])
def test_per_week_outside_1_to_14_is_a_located_problem(per_week: str) -> None:
    text = f'name = "R"\nper_week = {per_week}\n[[exercise]]\nname = "E"\nhold = 5\n'
    [problem] = messages(text)
    assert problem.startswith("r.toml:2:1: per_week must be a whole number from 1 to 14, got ")


# ---------------------------------------------------------------- the level merge rule

def test_a_hold_in_a_level_of_a_reps_exercise_keeps_its_reps() -> None:
    harder = one_exercise("hold = 5")
    assert (harder.reps, harder.hold, harder.tempo, harder.shape) == (10, 5.0, 2.0, "reps")


def test_a_duration_in_a_level_makes_timed_work_of_a_reps_exercise() -> None:
    harder = one_exercise("duration = 30", base="reps = 10\nhold = 2")
    assert (harder.reps, harder.hold, harder.duration, harder.shape) == (None, None, 30.0,
                                                                          "duration")


def test_reps_or_a_hold_in_a_level_drop_the_base_duration() -> None:
    with_reps = one_exercise("reps = 6", base="duration = 40")
    assert (with_reps.duration, with_reps.reps) == (None, 6)
    with_hold = one_exercise('hold = "20s"', base="duration = 40")
    assert (with_hold.duration, with_hold.hold, with_hold.shape) == (None, 20.0, "hold")


def test_a_level_keeps_every_key_it_does_not_name() -> None:
    base = 'reps = 10\nsets = 2\nsides = "each"\nfirst = "right"\nhow = "Go."\ntip = "T"'
    harder = one_exercise('tempo = "self"', base)
    assert harder == Exercise("E", reps=10, sets=2, sides="each", first="right", how=("Go.",),
                              tip="T", self_paced=True)


def test_an_empty_level_runs_as_the_base() -> None:
    harder = one_exercise("")
    assert harder == Exercise("E", reps=10, tempo=2.0)


def test_a_level_written_inline_is_the_same_level() -> None:
    text = 'name = "R"\n[[exercise]]\nname = "E"\nreps = 10\neasier = { reps = 5, hold = 2 }\n'
    easier = routine_of(text).exercises[0].easier
    assert easier == Exercise("E", reps=5, hold=2.0)


# ---------------------------------------------------------------- several problems, one run

def test_problems_of_the_base_and_of_both_levels_come_in_one_run() -> None:
    text = """\
name = "R"
per_week = 20
[[exercise]]
name = "Squat"
reps = 0
[exercise.easier]
hodl = 3
[exercise.harder]
duration = 30
sides = "alternate"
"""
    assert messages(text) == [
        "r.toml:2:1: per_week must be a whole number from 1 to 14, got 20",
        'r.toml: exercise 1 "Squat": reps must be a whole number from 1 to 1000, got 0',
        "r.toml: exercise 1 \"Squat\" (easier): unknown key 'hodl' (did you mean 'hold'?)",
        'r.toml: exercise 1 "Squat" (harder): sides = "alternate" needs reps',
    ]


def test_a_rule_the_base_breaks_is_not_reported_again_for_its_level() -> None:
    text = 'name = "R"\n[[exercise]]\nname = "E"\n[exercise.harder]\nsets = 2\n'
    assert messages(text) == ['r.toml: exercise 1 "E": needs one of reps, hold or duration']


def test_a_level_problem_carries_the_line_of_its_key() -> None:
    text = 'name = "R"\n[[exercise]]\nname = "E"\nreps = 5\n[exercise.harder]\nsets = 0\n'
    [problem] = parse_routine(text, "r.toml").problems
    assert (problem.level, problem.exercise, problem.line, problem.col) == ("harder", 1, 6, 1)


def test_a_level_of_an_exercise_without_a_name_is_labelled_by_number() -> None:
    text = 'name = "R"\n[[exercise]]\nreps = 5\n[exercise.easier]\nreps = -1\n'
    assert messages(text) == [
        "r.toml: exercise 1: missing required key 'name'",
        "r.toml: exercise 1 (easier): reps must be a whole number from 1 to 1000, got -1",
    ]


# ---------------------------------------------------------------- at a level

def test_at_level_swaps_in_each_exercise_that_has_the_level_and_keeps_the_others() -> None:
    text = SQUAT + '\n[[exercise]]\nname = "Bridge"\nhold = 30\n'
    routine = routine_of(text)
    harder = at_level(routine, "harder")
    assert harder.level == "harder"
    assert [e.name for e in harder.exercises] == ["Single-leg squat", "Bridge"]
    assert harder.exercises[1] is routine.exercises[1]
    assert at_level(routine, "easier").exercises[0].reps == 8
    assert at_level(routine, "standard") is routine


def test_at_level_takes_the_routine_as_written() -> None:
    with pytest.raises(ValueError):
        at_level(at_level(routine_of(SQUAT), "harder"), "easier")


# ---------------------------------------------------------------- [sound]

def test_the_sound_table_and_its_cue_paths_relative_to_the_routine(tmp_path: Path) -> None:
    path = tmp_path / "routines" / "r.toml"
    text = ('name = "R"\n[sound]\nvoice = true\nvolume = 55.4\ntick = false\n'
            f'go = "bell.wav"\nfinish = "{tmp_path}/done.wav"\nrest = "~/rest.wav"\n'
            '[[exercise]]\nname = "E"\nhold = 5\n')
    sound = routine_of(text, str(path)).sound
    assert (sound.voice, sound.volume, sound.tick) == (True, 55, False)
    assert sound.cues == {"go": str(tmp_path / "routines" / "bell.wav"),
                          "finish": str(tmp_path / "done.wav"),
                          "rest": str(Path("~/rest.wav").expanduser())}


def test_tick_as_a_path_replaces_the_tick_sound_and_leaves_it_on() -> None:
    text = 'name = "R"\n[sound]\ntick = "/s/t.wav"\n[[exercise]]\nname = "E"\nhold = 5\n'
    sound = routine_of(text).sound
    assert sound.tick is None and sound.cues == {"tick": "/s/t.wav"}


def test_every_problem_of_the_sound_table_in_one_run() -> None:
    text = ('name = "R"\n[sound]\nvolume = -1\nvoice = 1\nswich = "s.wav"\ngo = ""\n'
            '[[exercise]]\nname = "E"\nhold = 5\n')
    assert messages(text) == [
        "r.toml:3:1: sound.volume must be a number from 0 to 100, got -1",
        "r.toml:4:1: sound.voice must be true or false, got 1",
        "r.toml:5:1: unknown key 'swich' in [sound] (did you mean 'switch'?)",
        'r.toml:6:1: sound.go must be the path of a WAV file in quotes, got ""',
    ]


def test_the_routine_cue_names_are_the_players_cue_names() -> None:
    assert CUE_NAMES == cues.CUE_NAMES


# ---------------------------------------------------------------- parts, as the core reads them

def test_a_parts_file_loads_with_its_entries_and_where_each_is_written() -> None:
    text = ('name = "Full"\ncaution = "Careful."\nparts = [\n  "mobility-warmup",  # first\n'
            "  'strength-6', \"../mine/cool.toml\"\n]\n[timing]\nrest = 30\n")
    loaded = parse_routine(text, "r.toml")
    assert loaded.ok and loaded.routine is not None
    assert loaded.routine.exercises == () and loaded.routine.timing.rest == 30
    assert loaded.parts == (PartRef("mobility-warmup", 4, 3), PartRef("strength-6", 5, 3),
                            PartRef("../mine/cool.toml", 5, 17))


def test_parts_on_one_line_with_escapes_are_each_located() -> None:
    text = 'name = "F"\nparts = ["a\\"b", \'c\', """d"""]\n'
    assert parse_routine(text, "r.toml").parts == (
        PartRef('a"b', 2, 10), PartRef("c", 2, 18), PartRef("d", 2, 23))


def test_neither_exercises_nor_parts_says_both_ways() -> None:
    assert messages('name = "R"\n') == [
        "r.toml: no exercises: add at least one [[exercise]] table (or parts = [...] "
        "to run other routines)"]


def test_exercises_written_beside_parts_are_still_checked() -> None:
    text = 'name = "R"\nparts = ["a"]\n[[exercise]]\nname = "E"\nreps = 0\n'
    assert messages(text) == [
        "r.toml:2:1: a routine has either [[exercise]] tables or parts, not both: make the "
        "exercises a routine of their own and name it in parts",
        'r.toml: exercise 1 "E": reps must be a whole number from 1 to 1000, got 0',
    ]
