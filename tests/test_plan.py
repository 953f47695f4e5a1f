"""build_plan against the contract's timing rules (ROUTINE_FORMAT.md, "Timing rules")."""

from __future__ import annotations

import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.library import load_routine
from hiptimer.core.model import Exercise, Routine, Timing, other_side
from hiptimer.core.plan import Plan, Step, build_plan

EXAMPLE = Path(__file__).parent / "data" / "good" / "example.toml"

Row = tuple[str, str | None, str | None, int | None, int | None, float | None]


def rows(plan: Plan) -> list[Row]:
    return [(s.kind, s.exercise_name, s.side, s.set, s.rep, s.seconds) for s in plan.steps]


def example_plan() -> Plan:
    routine = load_routine(EXAMPLE).routine
    assert routine is not None
    return build_plan(routine)


def expected_example_rows() -> list[Row]:
    """The contract example, worked out by hand from the rules (defaults: prepare 5,
    rest 15, set_rest 20, switch 5, tempo 3)."""
    bridge, stretch, march, swings, clam = ("Glute bridge", "Half-kneeling hip flexor stretch",
                                            "Hip march", "Leg swings", "Clamshell")
    expected: list[Row] = [("prepare", None, None, None, None, 5.0)]
    # Glute bridge: 10 reps of tempo 2 + hold 5 = 7 s, no sides.
    expected += [("rep", bridge, None, 1, rep, 7.0) for rep in range(1, 11)]
    expected += [("rest", None, None, None, None, 15.0)]
    # Stretch: one 60 s hold per side with a switch to the right between.
    expected += [("hold", stretch, "left", 1, None, 60.0), ("switch", stretch, "right", 1, None, 5.0),
                 ("hold", stretch, "right", 1, None, 60.0)]
    expected += [("rest", None, None, None, None, 15.0)]
    # Hip march: 8 reps per side, alternating from the left, tempo 3 + hold 2 = 5 s.
    expected += [("rep", march, side, 1, rep, 5.0)
                 for rep in range(1, 9) for side in ("left", "right")]
    expected += [("rest", None, None, None, None, 15.0)]
    expected += [("work", swings, "left", 1, None, 30.0), ("switch", swings, "right", 1, None, 5.0),
                 ("work", swings, "right", 1, None, 30.0)]
    expected += [("rest", None, None, None, None, 15.0)]
    # Clamshell: self-paced (seconds null), 2 sets of 12 per side; no rest after it.
    for set_number in (1, 2):
        if set_number == 2:
            expected += [("set_rest", clam, None, 1, None, 20.0)]
        expected += [("rep", clam, "left", set_number, rep, None) for rep in range(1, 13)]
        expected += [("switch", clam, "right", set_number, None, 5.0)]
        expected += [("rep", clam, "right", set_number, rep, None) for rep in range(1, 13)]
    return expected


def test_the_contract_example_compiles_to_the_steps_worked_out_by_hand() -> None:
    assert rows(example_plan()) == expected_example_rows()


def test_the_contract_example_total_is_estimated_from_the_routine_tempo() -> None:
    plan = example_plan()
    # 5 + 70 + 15 + 125 + 15 + 80 + 15 + 65 + 15 + (36 + 5 + 36) * 2 + 20
    assert plan.total_seconds == 579.0
    assert plan.estimated
    clam_reps = [step for step in plan.steps if step.self_paced]
    assert len(clam_reps) == 48 and all(step.estimate == 3.0 for step in clam_reps)


def test_show_json_matches_the_contract_shape() -> None:
    document = example_plan().to_json()
    assert document["name"] == "Glute wake-up"
    assert document["total_seconds"] == 579.0 and document["estimated"] is True
    assert document["steps"][0] == {"kind": "prepare", "exercise": None, "side": None,
                                    "set": None, "rep": None, "seconds": 5.0, "part": 0}
    assert {"kind": "rep", "exercise": "Clamshell", "side": "left", "set": 2, "rep": 12,
            "seconds": None, "part": 0} in document["steps"]
    assert len(document["steps"]) == 88


def test_a_self_paced_rep_estimate_adds_the_hold() -> None:
    routine = Routine("R", (Exercise("E", reps=2, hold=4, self_paced=True, tempo=None),),
                      Timing(prepare=0, tempo=2))
    plan = build_plan(routine)
    assert [(step.seconds, step.estimate) for step in plan.steps] == [(None, 6.0), (None, 6.0)]


def test_zero_second_steps_are_left_out() -> None:
    routine = Routine("R", (Exercise("A", hold=5, sides="each", sets=2, rest=0),
                            Exercise("B", duration=5)),
                      Timing(prepare=0, switch=0, set_rest=0, rest=10))
    assert [step.kind for step in build_plan(routine).steps] == ["hold"] * 4 + ["work"]


def test_an_exercise_rest_overrides_the_routine_rest() -> None:
    routine = Routine("R", (Exercise("A", hold=5, rest=42, set_rest=7, sets=2),
                            Exercise("B", hold=5), Exercise("C", hold=5)), Timing(prepare=0))
    assert [(step.kind, step.seconds) for step in build_plan(routine).steps] == [
        ("hold", 5.0), ("set_rest", 7.0), ("hold", 5.0), ("rest", 42.0),
        ("hold", 5.0), ("rest", 15.0), ("hold", 5.0)]


def test_alternate_starts_with_first_and_counts_reps_per_side() -> None:
    routine = Routine("R", (Exercise("A", reps=2, sides="alternate", first="right"),),
                      Timing(prepare=0))
    assert [(step.side, step.rep) for step in build_plan(routine).steps] == [
        ("right", 1), ("left", 1), ("right", 2), ("left", 2)]


# ---------------------------------------------------------------- properties

times = st.one_of(st.integers(0, 90).map(float), st.sampled_from([0.5, 2.5, 0.25]))
positive_times = times.filter(lambda seconds: seconds > 0)


@st.composite
def exercises(draw: st.DrawFn, index: int) -> Exercise:
    shape = draw(st.sampled_from(["duration", "hold", "reps"]))
    reps = draw(st.integers(1, 6)) if shape == "reps" else None
    hold = draw(positive_times) if shape == "hold" or (reps and draw(st.booleans())) else None
    duration = draw(positive_times) if shape == "duration" else None
    self_paced = bool(reps) and draw(st.booleans())
    tempo = None if self_paced else draw(st.none() | positive_times)
    sides = draw(st.sampled_from(["none", "each", "alternate"] if reps else ["none", "each"]))
    return Exercise(
        f"Exercise {index}", reps=reps, hold=hold, duration=duration, tempo=tempo,
        self_paced=self_paced, sets=draw(st.integers(1, 3)), sides=sides,
        first=draw(st.sampled_from(["left", "right"])),
        rest=draw(st.none() | times), set_rest=draw(st.none() | times))


@st.composite
def routines(draw: st.DrawFn) -> Routine:
    count = draw(st.integers(1, 4))
    timing = Timing(prepare=draw(times), rest=draw(times), set_rest=draw(times),
                    switch=draw(times), tempo=draw(positive_times), countdown=3)
    return Routine("Generated", tuple(draw(exercises(i)) for i in range(count)), timing)


def total_by_the_rules(routine: Routine) -> float:
    """The routine's total computed in closed form from the contract's rules."""
    timing = routine.timing
    total = timing.prepare
    for index, exercise in enumerate(routine.exercises):
        if exercise.duration is not None:
            block = exercise.duration
        elif exercise.reps is None:
            block = exercise.hold or 0.0
        else:
            tempo = timing.tempo if exercise.self_paced or exercise.tempo is None else exercise.tempo
            block = exercise.reps * (tempo + (exercise.hold or 0.0))
        per_set = {"none": block, "each": 2 * block + timing.switch, "alternate": 2 * block}
        set_rest = timing.set_rest if exercise.set_rest is None else exercise.set_rest
        total += exercise.sets * per_set[exercise.sides] + (exercise.sets - 1) * set_rest
        if index < len(routine.exercises) - 1:
            total += timing.rest if exercise.rest is None else exercise.rest
    return total


def steps_of(plan: Plan, index: int, set_number: int) -> list[Step]:
    return [step for step in plan.steps
            if step.exercise == index and step.set == set_number and step.kind != "set_rest"]


def check_total_follows_the_rules(routine: Routine, plan: Plan) -> None:
    assert math.isclose(plan.total_seconds, total_by_the_rules(routine), abs_tol=1e-9)
    json_steps = plan.to_json()["steps"]
    json_total = sum(shown["seconds"] if shown["seconds"] is not None else step.estimate
                     for shown, step in zip(json_steps, plan.steps))
    assert math.isclose(plan.to_json()["total_seconds"], json_total, abs_tol=1e-9)
    assert plan.estimated == any(exercise.self_paced for exercise in routine.exercises)


def check_no_zero_second_steps(routine: Routine, plan: Plan) -> None:
    for step in plan.steps:
        assert step.estimate > 0
        assert step.seconds is None or step.seconds > 0


def check_switches_sit_between_the_sides(routine: Routine, plan: Plan) -> None:
    for index, exercise in enumerate(routine.exercises):
        for set_number in range(1, exercise.sets + 1):
            steps = steps_of(plan, index, set_number)
            switches = [i for i, step in enumerate(steps) if step.kind == "switch"]
            if exercise.sides != "each":
                assert switches == []
                continue
            second = other_side(exercise.first)
            sides = [step.side for step in steps if step.kind != "switch"]
            half = len(sides) // 2
            assert half > 0 and sides == [exercise.first] * half + [second] * half
            if routine.timing.switch > 0:
                assert switches == [half]
                assert steps[half].side == second
            else:
                assert switches == []
    assert all(step.exercise is not None and routine.exercises[step.exercise].sides == "each"
               for step in plan.steps if step.kind == "switch")


def check_prepare_first_rests_between(routine: Routine, plan: Plan) -> None:
    steps = plan.steps
    kinds = [step.kind for step in steps]
    assert kinds.count("prepare") == (1 if routine.timing.prepare > 0 else 0)
    if routine.timing.prepare > 0:
        assert kinds[0] == "prepare"
    assert kinds[-1] not in ("rest", "set_rest", "switch", "prepare")
    for position, step in enumerate(steps):
        if step.kind == "rest":
            assert (step.exercise, step.side, step.set) == (None, None, None)
            before, after = steps[position - 1].exercise, steps[position + 1].exercise
            assert before is not None and after == before + 1
        if step.kind == "set_rest":
            assert steps[position + 1].set == step.set + 1  # carries the set just finished
    exercise_order = [step.exercise for step in steps if step.exercise is not None]
    assert exercise_order == sorted(exercise_order)
    assert set(exercise_order) == set(range(len(routine.exercises)))


def check_each_rep_once_per_side(routine: Routine, plan: Plan) -> None:
    for index, exercise in enumerate(routine.exercises):
        if exercise.reps is None:
            continue
        for set_number in range(1, exercise.sets + 1):
            reps = [(step.side, step.rep) for step in steps_of(plan, index, set_number)
                    if step.kind == "rep"]
            sides = [None] if exercise.sides == "none" else ["left", "right"]
            assert sorted(reps, key=str) == sorted(
                [(side, rep) for side in sides for rep in range(1, exercise.reps + 1)], key=str)


@settings(max_examples=200, deadline=None)
@given(routines())
def test_generated_routines_compile_by_the_rules(routine: Routine) -> None:
    """One generated routine, every property (one test keeps generation cost down)."""
    plan = build_plan(routine)
    check_total_follows_the_rules(routine, plan)
    check_no_zero_second_steps(routine, plan)
    check_switches_sit_between_the_sides(routine, plan)
    check_prepare_first_rests_between(routine, plan)
    check_each_rep_once_per_side(routine, plan)
