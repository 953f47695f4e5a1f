"""Whatever a file holds, the loader answers with a routine or located problems, never raises."""

from __future__ import annotations

import datetime
import math
import re
import tempfile
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.core.text import printable
from hiptimer.core.loader import EXERCISE_KEYS, TIMING_KEYS, TOP_KEYS, Loaded, parse_routine
from hiptimer.library import load_routine
from hiptimer.core.plan import build_plan

EXAMPLE = Path(__file__).parent / "data" / "good" / "example.toml"
EXAMPLE_LINES = EXAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
PATH = "routines/my routine.toml"
BOUNDED = settings(max_examples=200, deadline=None)
NESTED = settings(max_examples=100, deadline=None)  # nested values are slow to generate


def assert_answered(loaded: Loaded, path: str = PATH) -> None:
    """Either a valid routine that compiles, or at least one plain, located problem."""
    if loaded.routine is not None:
        assert loaded.ok and loaded.problems == ()
        if loaded.parts:  # its exercises come from the parts, found outside the core
            assert loaded.routine.exercises == ()
            return
        plan = build_plan(loaded.routine)
        assert math.isfinite(plan.total_seconds) and plan.steps
        return
    assert loaded.problems
    for problem in loaded.problems:
        text = str(problem)
        assert text.startswith(path + ":")
        assert "\n" not in text and "internal error" not in text


# ---------------------------------------------------------------- arbitrary input

@BOUNDED
@given(st.binary(max_size=400))
def test_random_bytes_from_a_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "r.toml"
        path.write_bytes(data)
        assert_answered(load_routine(path), str(path))


@BOUNDED
@given(st.text(max_size=300))
def test_random_text(text: str) -> None:
    assert_answered(parse_routine(text, PATH))


# Small alphabets keep generation cheap; random_text above covers all of Unicode.
any_key = st.sampled_from(TOP_KEYS + TIMING_KEYS + EXERCISE_KEYS) | st.text("abdehlmnoprst_ .\"\né", max_size=8)
scalars = st.one_of(
    st.booleans(), st.integers(-10**6, 10**6), st.floats(), st.text("ams 019.-\t\"é", max_size=12),
    st.sampled_from(["self", "each", "alternate", "left", "90s", "1m30s", "2 min", ""]),
    st.datetimes(), st.dates(), st.times(),
)
values = st.recursive(scalars, lambda children: st.lists(children, max_size=3)
                      | st.dictionaries(any_key, children, max_size=3), max_leaves=5)


@NESTED
@given(st.dictionaries(any_key, values, max_size=5))
def test_random_toml_documents(document: dict[str, object]) -> None:
    assert_answered(parse_routine(tomli_w.dumps(document), PATH))


def exercise_tables() -> st.SearchStrategy[dict[str, object]]:
    """Exercise tables that are often almost right."""
    return st.dictionaries(st.sampled_from(EXERCISE_KEYS) | any_key, values | scalars, max_size=6)


@NESTED
@given(st.fixed_dictionaries(
    {"name": st.text(max_size=10) | scalars, "exercise": st.lists(exercise_tables(), max_size=3)},
    optional={"timing": st.dictionaries(st.sampled_from(TIMING_KEYS) | any_key, values, max_size=4)},
))
def test_routine_shaped_documents(document: dict[str, object]) -> None:
    assert_answered(parse_routine(tomli_w.dumps(document), PATH))


# ---------------------------------------------------------------- valid documents round-trip

whole = st.integers(1, 1000)
positive_seconds = st.integers(1, 3600) | st.sampled_from(["90s", "1m30s", "2 min", "1h", 2.5])


@st.composite
def valid_routines(draw: st.DrawFn) -> dict[str, object]:
    exercises = []
    for index in range(draw(st.integers(1, 3))):
        shape = draw(st.sampled_from(["duration", "hold", "reps"]))
        exercise: dict[str, object] = {"name": f"Exercise {index}", shape: draw(
            whole.filter(lambda n: n <= 20) if shape == "reps" else positive_seconds)}
        if shape == "reps":
            exercise["tempo"] = draw(positive_seconds | st.just("self"))
        exercise["sides"] = draw(st.sampled_from(
            ["none", "each", "alternate"] if shape == "reps" else ["none", "each"]))
        exercise["sets"] = draw(st.integers(1, 3))
        exercises.append(exercise)
    timing = {key: draw(st.integers(0, 60)) for key in TIMING_KEYS}
    timing["tempo"] = max(1, int(timing["tempo"]))
    return {"name": draw(st.text(min_size=1, max_size=10).filter(str.strip)),
            "timing": timing, "exercise": exercises}


@NESTED
@given(valid_routines())
def test_valid_documents_load_and_keep_their_values(document: dict[str, object]) -> None:
    loaded = parse_routine(tomli_w.dumps(document), PATH)
    assert loaded.problems == ()
    routine = loaded.routine
    # Kept, but made safe to show: a control character is written as its escape.
    assert routine is not None and routine.name == printable(str(document["name"]).strip(),
                                                             keep_lines=True)
    written = document["exercise"]
    assert isinstance(written, list)
    assert [exercise.sides for exercise in routine.exercises] == [e["sides"] for e in written]
    assert [exercise.self_paced for exercise in routine.exercises] == [
        e.get("tempo") == "self" for e in written]
    assert_answered(loaded)


# ---------------------------------------------------------------- mutations of the example

REPLACEMENTS = ["true", '"x"', "[1]", "{a = 1}", "nan", "-inf", "-1", "0", "1979-05-27",
                "07:32:00", '"1h1s"', "1001", '""', "[]", '"self"']
VALUE_LINE = re.compile(r"^(\s*[A-Za-z_]+\s*=\s*)(.*)$")


@st.composite
def mutated_examples(draw: st.DrawFn) -> str:
    lines = list(EXAMPLE_LINES)
    for _ in range(draw(st.integers(1, 3))):
        position = draw(st.integers(0, len(lines) - 1))
        mutation = draw(st.sampled_from(["delete", "duplicate", "swap", "retype"]))
        if mutation == "delete":
            del lines[position]
        elif mutation == "duplicate":
            lines.insert(position, lines[position])
        elif mutation == "swap" and len(lines[position]) > 2:
            line = lines[position]
            at = draw(st.integers(0, len(line) - 2))
            lines[position] = line[:at] + line[at + 1] + line[at] + line[at + 2:]
        elif mutation == "retype" and (match := VALUE_LINE.match(lines[position])):
            lines[position] = match.group(1) + draw(st.sampled_from(REPLACEMENTS)) + "\n"
        if not lines:
            break
    return "".join(lines)


@BOUNDED
@given(mutated_examples())
def test_mutations_of_the_example(text: str) -> None:
    assert_answered(parse_routine(text, PATH))


def test_the_unmutated_example_is_valid() -> None:
    assert parse_routine("".join(EXAMPLE_LINES), PATH).ok


@pytest.mark.parametrize("key", ["reps", "hold", "tempo", "sets"])
@pytest.mark.parametrize("bad", [value for value in REPLACEMENTS if value not in ("1001", '"self"')])
def test_a_wrong_value_is_one_problem_located_in_its_exercise(bad: str, key: str) -> None:
    text = 'name = "R"\n[[exercise]]\nname = "E"\nreps = 5\n[[exercise]]\nname = "F"\nreps = 5\n'
    text += f"{key} = {bad}\n" if key != "reps" else ""
    text = text.replace("reps = 5\n", f"reps = {bad}\n", 2).replace(f"reps = {bad}", "reps = 5", 1) \
        if key == "reps" else text
    [problem] = parse_routine(text, PATH).problems
    assert (problem.exercise, problem.exercise_name) == (2, "F")
    assert problem.line == (7 if key == "reps" else 8)
    assert problem.message.startswith(f"{key} must be")


def test_datetimes_are_named_plainly() -> None:
    text = tomli_w.dumps({"name": "R", "exercise": [
        {"name": "E", "hold": datetime.datetime(2024, 1, 1, 12, 0)}]})
    [problem] = parse_routine(text, PATH).problems
    assert problem.message.endswith("got a date and time")
