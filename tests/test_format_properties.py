"""Properties of levels and parts: a level is its merge checked as an exercise of its own; a
parts plan adds up; every loop among parts files is found."""

from __future__ import annotations

import tempfile
from pathlib import Path

import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.core.compose import at_level, compose
from hiptimer.core.loader import parse_routine
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.library import discover
from hiptimer.paths import user_paths

EXAMPLES = settings(max_examples=150, deadline=None)
FEW = settings(max_examples=40, deadline=None)  # each example writes and reads files

# Mostly good values, a few bad ones: most files are valid, many are not.
field_values = {
    "name": st.sampled_from(["Single-leg squat", "Squat", ""]),
    "reps": st.sampled_from([1, 8, 12, 2.0, 0]),
    "hold": st.sampled_from([2, "30s", 5, -1]),
    "duration": st.sampled_from([30, "1m", 0]),
    "tempo": st.sampled_from([2, "self", 3, 0]),
    "sets": st.sampled_from([1, 2, 0]),
    "sides": st.sampled_from(["none", "each", "alternate", "both"]),
    "first": st.sampled_from(["left", "right"]),
    "rest": st.sampled_from([0, 20, -5]),
    "tip": st.sampled_from(["Slowly.", 3]),
}
tables = st.dictionaries(st.sampled_from(sorted(field_values)), st.none(), max_size=4).flatmap(
    lambda keys: st.fixed_dictionaries({key: field_values[key] for key in keys}))
bases = st.tuples(st.sampled_from([{"reps": 10}, {"hold": 20}, {"duration": 40}]), tables).map(
    lambda pair: {"name": "Squat", **pair[0], **pair[1]})


def contract_merge(base: dict[str, object], level: dict[str, object]) -> dict[str, object]:
    """The contract's merge rule, written out again for the test."""
    merged = dict(base)
    if "duration" in level:
        merged.pop("reps", None)
        merged.pop("hold", None)
    if "reps" in level or "hold" in level:
        merged.pop("duration", None)
    merged.update(level)
    return merged


def loaded_exercise(table: dict[str, object]) -> Exercise | None:
    loaded = parse_routine(tomli_w.dumps({"name": "R", "exercise": [table]}), "r.toml")
    return loaded.routine.exercises[0] if loaded.ok and loaded.routine else None


def obeys_every_rule(exercise: Exercise) -> bool:
    shapes = [exercise.duration, exercise.hold, exercise.reps]
    return (exercise.name.strip() != ""
            and (exercise.duration is None or (exercise.reps, exercise.hold) == (None, None))
            and any(shape is not None for shape in shapes)
            and all(value is None or value > 0 for value in shapes)
            and (exercise.sides != "alternate" or exercise.reps is not None)
            and (not exercise.self_paced or exercise.reps is not None)
            and exercise.sets >= 1)


@EXAMPLES
@given(bases, st.dictionaries(st.sampled_from(["easier", "harder"]), tables, min_size=1,
                              max_size=2))
def test_a_level_is_its_merge_loaded_as_an_exercise_of_its_own(
        base: dict[str, object], levels: dict[str, dict[str, object]]) -> None:
    loaded = parse_routine(tomli_w.dumps({"name": "R", "exercise": [{**base, **levels}]}),
                           "r.toml")
    alone = {level: loaded_exercise(contract_merge(base, table)) for level, table in levels.items()}
    base_alone = loaded_exercise(base)
    if base_alone is None or None in alone.values():
        assert not loaded.ok and loaded.problems  # the file is reported
        for level, merged in alone.items():
            if merged is None and base_alone is not None:  # the level is what is wrong
                assert any(problem.level == level for problem in loaded.problems)
        return
    assert loaded.ok and loaded.routine is not None
    exercise = loaded.routine.exercises[0]
    for level, merged in alone.items():
        at = at_level(loaded.routine, level).exercises[0]  # type: ignore[arg-type]
        assert at == merged == exercise.at_level(level)  # type: ignore[arg-type]
        assert obeys_every_rule(at)
        steps = build_plan(at_level(loaded.routine, level)).steps  # type: ignore[arg-type]
        assert all(step.self_paced or step.seconds > 0 for step in steps)


@st.composite
def routines(draw: st.DrawFn, name: str = "R") -> Routine:
    exercises = []
    for index in range(draw(st.integers(1, 3))):
        shape = draw(st.sampled_from(["duration", "hold", "reps"]))
        value = draw(st.integers(1, 40))
        sides = draw(st.sampled_from(["none", "each", "alternate"] if shape == "reps"
                                     else ["none", "each"]))
        exercises.append(Exercise(f"E{index}", sides=sides, sets=draw(st.integers(1, 2)),
                                  self_paced=shape == "reps" and draw(st.booleans()),
                                  rest=draw(st.none() | st.integers(0, 9)),
                                  **{shape: value}))  # type: ignore[arg-type]
    timing = Timing(prepare=draw(st.integers(0, 9)), rest=draw(st.integers(0, 20)),
                    switch=draw(st.integers(0, 5)), tempo=draw(st.integers(1, 4)),
                    set_rest=draw(st.integers(0, 9)))
    return Routine(name, tuple(exercises), timing)


def prepare_seconds(routine: Routine) -> float:
    return sum(step.estimate for step in build_plan(routine).steps if step.kind == "prepare")


@EXAMPLES
@given(st.lists(routines(), min_size=1, max_size=4), st.integers(0, 9), st.integers(0, 30),
       st.booleans())
def test_a_parts_plan_adds_up(parts: list[Routine], prepare: int, rest: int,
                              nest_first: bool) -> None:
    if nest_first and len(parts) > 1:  # the first part itself made of two parts
        inner = compose(Routine("Inner", (), Timing(rest=rest + 1)),
                        [(parts[0], ""), (parts[1], "")])
        parts = [inner, *parts[2:]]
    whole = compose(Routine("Whole", (), Timing(prepare=prepare, rest=rest)),
                    [(part, "") for part in parts])
    plan = build_plan(whole)
    expected = (sum(build_plan(part).total_seconds - prepare_seconds(part) for part in parts)
                + prepare + rest * (len(parts) - 1))
    assert abs(plan.total_seconds - expected) < 1e-6
    assert [step.kind for step in plan.steps].count("prepare") == (1 if prepare else 0)
    # every step's exercise is an index into the whole, inside the part the step names
    for step in plan.steps:
        if step.exercise is not None:
            assert whole.exercises[step.exercise].name == step.exercise_name
            assert step.exercise in whole.parts[step.part].exercises
    assert [step.part for step in plan.steps] == sorted(step.part for step in plan.steps)


@FEW
@given(st.lists(st.lists(st.integers(0, 3), max_size=3), min_size=4, max_size=4))
def test_every_loop_among_parts_files_is_found(edges: list[list[int]]) -> None:
    """Four files: one with no parts is an exercise routine; one that reaches a loop is invalid."""
    with tempfile.TemporaryDirectory() as folder:
        paths = user_paths({"HIPTIMER_HOME": folder})
        paths.routines.mkdir()
        for number, parts in enumerate(edges):
            body = ({"parts": [f"f{part}" for part in parts]} if parts
                    else {"exercise": [{"name": "E", "hold": 5}]})
            (paths.routines / f"f{number}.toml").write_text(
                tomli_w.dumps({"name": f"F{number}", **body}), encoding="utf-8")
        entries = {entry.stem: entry for entry in discover(paths) if not entry.builtin}

        def reaches_a_loop(node: int, seen: tuple[int, ...] = ()) -> bool:
            return node in seen or any(reaches_a_loop(part, seen + (node,)) for part in edges[node])

        for number in range(4):
            entry = entries[f"f{number}"]
            assert (entry.routine is None) == reaches_a_loop(number), edges
            if entry.routine is None:
                text = " ".join(str(problem) for problem in entry.loaded.problems)
                assert "makes a loop" in text
                lines = entry.path.read_text(encoding="utf-8").splitlines()
                for problem in entry.loaded.problems:  # each at the string of its entry
                    assert problem.line is not None and problem.col is not None
                    assert lines[problem.line - 1][problem.col - 1:].startswith('"f')
