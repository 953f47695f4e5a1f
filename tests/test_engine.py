"""The workout engine on a fake clock: plain floats passed as ``now``."""

from __future__ import annotations

import random
import time

import pytest

from hiptimer.core.engine import BACK_GRACE_SECONDS, HALFWAY_MIN_SECONDS, Engine
from hiptimer.core.events import (
    Countdown, Event, Extended, Finished, Halfway, Paused, RepCounted, Resumed,
    SideSwitched, Skipped, StepEnded, StepStarted, WentBack,
)
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, build_plan

T0 = 1000.0


def plan_of(*exercises: Exercise, **timing: float) -> Plan:
    return build_plan(Routine("test", exercises, Timing(**timing)))


def started(plan: Plan, at: float = T0) -> Engine:
    engine = Engine(plan)
    engine.start(at)
    return engine


def of_type(events: list[Event], kind: type) -> list:
    return [event for event in events if isinstance(event, kind)]


def names(events: list[Event]) -> list[str]:
    return [type(event).__name__ for event in events]


def boundaries(events: list[Event]) -> list[tuple[str, int, float]]:
    """(event, step index, instant) for step starts and ends only."""
    return [(type(e).__name__, e.index, e.at) for e in events
            if isinstance(e, (StepStarted, StepEnded))]


# Two holds: prepare 5 (0-5), hold 30 (5-35), rest 10 (35-45), hold 20 (45-65).
TWO_HOLDS = plan_of(Exercise("bridge", hold=30), Exercise("plank", hold=20),
                    prepare=5, rest=10)
# prepare 5, then set 1: L1 L2 L3 switch R1 R2 R3, set_rest, set 2: the same, rest, hold.
CLAMS = plan_of(Exercise("clam", reps=3, sets=2, sides="each"), Exercise("bridge", hold=30),
                prepare=5, rest=10, set_rest=8, switch=4, tempo=2)
SELF_PACED = plan_of(Exercise("squat", reps=3, self_paced=True, sides="each"),
                     Exercise("bridge", hold=30), prepare=5, rest=10, switch=4, tempo=3)


# -- start and the clock ---------------------------------------------------------


def test_start_begins_the_first_step_at_the_start_instant() -> None:
    engine = Engine(TWO_HOLDS)
    events = engine.start(T0)
    assert events == [StepStarted(T0, 0, TWO_HOLDS.steps[0])]
    assert engine.start(T0 + 1) == []


def test_commands_before_start_do_nothing() -> None:
    engine = Engine(TWO_HOLDS)
    for command in (engine.advance, engine.pause, engine.skip_step, engine.back,
                    engine.count_rep, engine.finish_set, engine.skip_exercise):
        assert command(T0) == []
    assert not engine.started and not engine.finished
    assert engine.state(T0).remaining == 5.0


def test_next_step_starts_at_the_deadline_not_at_the_late_tick() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 4.0)
    events = engine.advance(T0 + 5.7)
    assert boundaries(events) == [("StepEnded", 0, T0 + 5), ("StepStarted", 1, T0 + 5)]
    # The hold is timed from its scheduled start, not from the tick that noticed it.
    assert engine.state(T0 + 5.7).elapsed == pytest.approx(0.7)
    assert boundaries(engine.advance(T0 + 35.0)) == [("StepEnded", 1, T0 + 35),
                                                     ("StepStarted", 2, T0 + 35)]


def test_a_tick_ten_seconds_late_reports_every_step_crossed_with_its_own_instant() -> None:
    engine = started(CLAMS)
    events = engine.advance(T0 + 15.0)
    assert boundaries(events) == [
        ("StepEnded", 0, T0 + 5), ("StepStarted", 1, T0 + 5),
        ("StepEnded", 1, T0 + 7), ("StepStarted", 2, T0 + 7),
        ("StepEnded", 2, T0 + 9), ("StepStarted", 3, T0 + 9),
        ("StepEnded", 3, T0 + 11), ("StepStarted", 4, T0 + 11),
        ("StepEnded", 4, T0 + 15), ("StepStarted", 5, T0 + 15),
    ]
    reps = of_type(events, RepCounted)
    assert [(r.rep, r.of, r.side, r.at) for r in reps] == [
        (1, 3, "left", T0 + 7), (2, 3, "left", T0 + 9), (3, 3, "left", T0 + 11)]
    assert [e.at for e in events] == sorted(e.at for e in events)
    assert of_type(events, SideSwitched) == [SideSwitched(T0 + 11, 4, "right")]


def test_one_advance_can_run_a_whole_routine() -> None:
    engine = started(CLAMS)
    events = engine.advance(T0 + 10_000)
    assert engine.finished
    assert events[-1] == Finished(T0 + CLAMS.total_seconds, True, len(CLAMS.steps), 0)
    assert [e.index for e in of_type(events, StepStarted)] == list(range(1, len(CLAMS.steps)))
    assert set(engine.outcomes.values()) == {"done"}


def test_same_instant_order_is_ended_started_switched_then_the_rest() -> None:
    engine = started(CLAMS)
    events = [e for e in engine.advance(T0 + 11.0) if e.at == T0 + 11.0]
    assert names(events) == ["StepEnded", "StepStarted", "SideSwitched", "RepCounted"]


def test_zero_second_steps_are_not_walked() -> None:
    plan = plan_of(Exercise("clam", hold=10, sides="each"), prepare=0, switch=0)
    assert [step.kind for step in plan.steps] == ["hold", "hold"]
    engine = Engine(plan)
    events = engine.start(T0) + engine.advance(T0 + 100)
    assert of_type(events, SideSwitched) == []
    assert boundaries(events) == [("StepStarted", 0, T0), ("StepEnded", 0, T0 + 10),
                                  ("StepStarted", 1, T0 + 10), ("StepEnded", 1, T0 + 20)]
    assert events[-1].at == T0 + 20


def test_backwards_clock_is_treated_as_the_latest_instant_seen() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 10)
    assert engine.advance(T0 + 3) == []
    assert engine.skip_step(T0 + 3)[0].at == T0 + 10


# -- countdown pips and halfway --------------------------------------------------


def test_countdown_pips_at_exactly_three_two_one_before_the_deadline() -> None:
    engine = started(TWO_HOLDS)
    assert engine.advance(T0 + 1.999) == []
    assert engine.advance(T0 + 2.0) == [Countdown(T0 + 2, 0, 3)]
    assert engine.advance(T0 + 2.5) == []
    assert engine.advance(T0 + 3.0) == [Countdown(T0 + 3, 0, 2)]
    assert engine.advance(T0 + 4.0) == [Countdown(T0 + 4, 0, 1)]
    assert of_type(engine.advance(T0 + 5.0), Countdown) == []


def test_pips_only_after_the_start_of_a_step_shorter_than_the_countdown() -> None:
    plan = plan_of(Exercise("tap", hold=2), Exercise("clam", hold=3), prepare=0, rest=1)
    engine = Engine(plan)
    events = engine.start(T0) + engine.advance(T0 + 10)
    pips = [(p.index, p.remaining, p.at) for p in of_type(events, Countdown)]
    assert pips == [(0, 1, T0 + 1),                    # 2-s hold: no pip at its own start
                    (2, 2, T0 + 4), (2, 1, T0 + 5)]    # the 1-s rest has none at all


def test_paced_reps_tick_without_pips() -> None:
    engine = Engine(plan_of(Exercise("bridge", reps=3, hold=5, tempo=2), prepare=0))
    events = engine.start(T0) + engine.advance(T0 + 30)
    assert of_type(events, Countdown) == []
    assert len(of_type(events, RepCounted)) == 3


def test_no_pips_when_the_countdown_is_off() -> None:
    engine = Engine(plan_of(Exercise("bridge", hold=10), countdown=0))
    events = engine.start(T0) + engine.advance(T0 + 100)
    assert of_type(events, Countdown) == []


def test_halfway_of_long_holds_and_work_only() -> None:
    plan = plan_of(Exercise("long", hold=HALFWAY_MIN_SECONDS), Exercise("short", hold=19),
                   Exercise("run", duration=40), Exercise("reps", reps=10, tempo=3),
                   prepare=30, rest=30)
    engine = Engine(plan)
    events = engine.start(T0) + engine.advance(T0 + 10_000)
    halfway = [(plan.steps[h.index].exercise_name, h.at - plan_start(plan, h.index))
               for h in of_type(events, Halfway)]
    assert halfway == [("long", HALFWAY_MIN_SECONDS / 2), ("run", 20.0)]


def plan_start(plan: Plan, index: int) -> float:
    return T0 + sum(step.estimate for step in plan.steps[:index])


# -- pause and resume --------------------------------------------------------------


def test_pause_freezes_the_remaining_time_and_crosses_no_boundary() -> None:
    engine = started(TWO_HOLDS)
    assert engine.pause(T0 + 1.5) == [Paused(T0 + 1.5)]
    assert engine.paused
    assert engine.advance(T0 + 3600) == []
    state = engine.state(T0 + 3600)
    assert (state.remaining, state.elapsed, state.paused, state.index) == (3.5, 1.5, True, 0)
    assert engine.pause(T0 + 3600) == []
    assert engine.resume(T0 + 3700) == [Resumed(T0 + 3700)]
    assert engine.state(T0 + 3700).remaining == 3.5
    # The deadline moved by exactly the time paused.
    assert boundaries(engine.advance(T0 + 3703.5)) == [("StepEnded", 0, T0 + 3703.5),
                                                       ("StepStarted", 1, T0 + 3703.5)]
    assert engine.resume(T0 + 3704) == []


def test_pause_exactly_at_a_boundary_first_crosses_it() -> None:
    engine = started(TWO_HOLDS)
    events = engine.pause(T0 + 5.0)
    assert names(events[-3:]) == ["StepEnded", "StepStarted", "Paused"]
    assert engine.state(T0 + 50).remaining == 30.0
    engine.resume(T0 + 50)
    assert boundaries(engine.advance(T0 + 80)) == [("StepEnded", 1, T0 + 80),
                                                   ("StepStarted", 2, T0 + 80)]


def test_toggle_pause_alternates_and_pause_time_is_excluded_everywhere() -> None:
    engine = started(TWO_HOLDS)
    assert names(engine.toggle_pause(T0 + 1)) == ["Paused"]
    assert names(engine.toggle_pause(T0 + 11)) == ["Resumed"]
    assert engine.state(T0 + 12).workout_elapsed == 2.0
    events = engine.advance(T0 + 10_000)
    assert events[-1].at == T0 + TWO_HOLDS.total_seconds + 10
    assert engine.state(T0 + 20_000).workout_elapsed == TWO_HOLDS.total_seconds


def test_pips_resume_after_a_pause_in_the_countdown() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 2.0)
    engine.pause(T0 + 2.5)
    engine.resume(T0 + 10.5)
    assert engine.advance(T0 + 11.0) == [Countdown(T0 + 11, 0, 2)]


# -- skip --------------------------------------------------------------------------


def test_skip_step_ends_it_as_skipped_and_starts_the_next_now() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 8)
    events = engine.skip_step(T0 + 9.5)
    assert events[:3] == [StepEnded(T0 + 9.5, 1, TWO_HOLDS.steps[1], False, 4.5),
                          StepStarted(T0 + 9.5, 2, TWO_HOLDS.steps[2]),
                          Skipped(T0 + 9.5, 1, 2)]
    assert engine.outcomes[1] == "skipped"
    assert engine.state(T0 + 9.5).remaining == 10.0


def test_skip_during_the_switch_step_goes_to_the_other_side() -> None:
    engine = started(CLAMS)
    engine.advance(T0 + 12)
    assert CLAMS.steps[engine.index].kind == "switch"
    events = engine.skip_step(T0 + 12.5)
    assert boundaries(events) == [("StepEnded", 4, T0 + 12.5), ("StepStarted", 5, T0 + 12.5)]
    assert of_type(events, RepCounted) == []  # a skipped switch counts no rep
    state = engine.state(T0 + 12.5)
    assert (state.step.side, state.rep, state.set) == ("right", (1, 3), (1, 2))
    assert engine.outcomes[4] == "skipped"


def test_skip_exercise_from_the_middle_of_set_one_skips_both_sets_and_sides() -> None:
    engine = started(CLAMS)
    engine.advance(T0 + 8)  # rep 2 of 3, left, set 1
    assert engine.index == 2
    events = engine.skip_exercise(T0 + 8)
    rest = next(i for i, s in enumerate(CLAMS.steps) if s.kind == "rest")
    assert names(events) == ["StepEnded", "StepStarted", "Skipped"]
    assert events[0] == StepEnded(T0 + 8, 2, CLAMS.steps[2], False, 1.0)
    assert events[2] == Skipped(T0 + 8, 2, rest)
    # The exercise's switch and set_rest steps are skipped too; the rest is not.
    assert [engine.outcomes[i] for i in range(rest)] == ["done", "done"] + ["skipped"] * (rest - 2)
    state = engine.state(T0 + 8)
    assert (state.step.kind, state.next_exercise) == ("rest", 1)


def test_skip_exercise_from_prepare_or_rest_goes_to_the_next_exercise() -> None:
    engine = started(TWO_HOLDS)
    assert of_type(engine.skip_exercise(T0 + 1), Skipped) == [Skipped(T0 + 1, 0, 1)]
    engine.advance(T0 + 31)  # into the rest
    assert engine.index == 2
    assert of_type(engine.skip_exercise(T0 + 33), Skipped) == [Skipped(T0 + 33, 2, 3)]
    assert engine.state(T0 + 33).step.exercise_name == "plank"


def test_skip_on_the_last_step_finishes_the_workout() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 50)
    events = engine.skip_exercise(T0 + 50)
    assert names(events) == ["StepEnded", "Skipped", "Finished"]
    assert events[-1] == Finished(T0 + 50, True, 3, 1)
    assert engine.finished


# -- back --------------------------------------------------------------------------


def test_back_at_the_very_start_of_a_step_goes_to_the_previous_step() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 5 + BACK_GRACE_SECONDS - 0.5)
    assert engine.outcomes == {0: "done"}
    events = engine.back(T0 + 6.5)
    assert events[0] == StepStarted(T0 + 6.5, 0, TWO_HOLDS.steps[0])
    assert WentBack(T0 + 6.5, 1, 0) in events
    assert of_type(events, StepEnded) == []  # the step left is not ended: it comes again
    assert engine.outcomes == {}  # the step gone back over is no longer done
    assert engine.state(T0 + 6.5).remaining == 5.0
    engine.advance(T0 + 1000)
    assert engine.outcomes == {i: "done" for i in range(len(TWO_HOLDS.steps))}


def test_back_later_in_a_step_restarts_it_from_full_length() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 20)
    events = engine.back(T0 + 20)
    assert events == [StepStarted(T0 + 20, 1, TWO_HOLDS.steps[1]), WentBack(T0 + 20, 1, 1)]
    assert engine.state(T0 + 20).remaining == 30.0
    assert boundaries(engine.advance(T0 + 50))[0] == ("StepEnded", 1, T0 + 50)


def test_back_on_the_first_step_restarts_it() -> None:
    engine = started(TWO_HOLDS)
    assert of_type(engine.back(T0 + 0.5), WentBack) == [WentBack(T0 + 0.5, 0, 0)]
    assert engine.state(T0 + 0.5).remaining == 5.0


def test_back_grace_excludes_pause_time() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 6)
    engine.pause(T0 + 6)
    assert of_type(engine.back(T0 + 60), WentBack) == [WentBack(T0 + 60, 1, 0)]
    assert engine.paused  # commands keep the pause; the step waits at full length
    assert engine.state(T0 + 70).remaining == 5.0


def test_a_step_redone_after_back_counts_once_by_its_final_outcome() -> None:
    engine = started(TWO_HOLDS)
    engine.skip_step(T0 + 1)
    engine.back(T0 + 1.5)  # back to prepare, which now is no longer skipped
    engine.advance(T0 + 6.5)
    engine.stop(T0 + 7)
    assert engine.outcomes == {0: "done", 1: "skipped", 2: "skipped", 3: "skipped"}


# -- extend ------------------------------------------------------------------------


def test_extend_moves_the_deadline_and_repeats_the_countdown() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 3.5)  # pip 3 heard
    assert engine.extend(T0 + 3.5, 10) == [Extended(T0 + 3.5, 0, 10)]
    assert engine.state(T0 + 3.5).remaining == 11.5
    events = engine.advance(T0 + 15)
    assert [(p.remaining, p.at) for p in of_type(events, Countdown)] == [
        (3, T0 + 12), (2, T0 + 13), (1, T0 + 14)]
    assert boundaries(events) == [("StepEnded", 0, T0 + 15), ("StepStarted", 1, T0 + 15)]
    assert events[0] == Countdown(T0 + 12, 0, 3)
    assert of_type(events, StepEnded)[0].actual == 15.0


def test_extend_does_nothing_on_self_paced_reps_or_with_no_time() -> None:
    engine = started(SELF_PACED)
    assert engine.extend(T0 + 1, 0) == []
    engine.advance(T0 + 6)
    assert engine.extend(T0 + 6, 10) == []


# -- self-paced reps ---------------------------------------------------------------


def test_self_paced_reps_wait_for_the_user_and_count_each_rep() -> None:
    engine = started(SELF_PACED)
    events = engine.advance(T0 + 500)
    assert boundaries(events)[-1] == ("StepStarted", 1, T0 + 5)
    assert of_type(events, Countdown) == [Countdown(T0 + 2, 0, 3), Countdown(T0 + 3, 0, 2),
                                          Countdown(T0 + 4, 0, 1)]
    state = engine.state(T0 + 500)
    assert (state.waiting, state.remaining, state.rep, state.elapsed) == (True, None, (1, 3), 495)
    events = engine.count_rep(T0 + 500)
    assert events == [StepEnded(T0 + 500, 1, SELF_PACED.steps[1], True, 495.0, 1),
                      StepStarted(T0 + 500, 2, SELF_PACED.steps[2]),
                      RepCounted(T0 + 500, 1, 1, 3, "left")]
    engine.count_rep(T0 + 503)
    events = engine.count_rep(T0 + 505)
    assert names(events) == ["StepEnded", "StepStarted", "SideSwitched", "RepCounted"]
    assert engine.advance(T0 + 506) == [Countdown(T0 + 506, 4, 3)]  # the 4-s switch runs


def test_count_rep_is_a_no_op_on_timed_steps() -> None:
    engine = started(CLAMS)
    engine.advance(T0 + 6)
    assert engine.count_rep(T0 + 6) == []
    assert engine.finish_set(T0 + 6) == []
    assert engine.index == 1


def test_finish_set_skips_the_uncounted_reps_of_the_block() -> None:
    engine = started(SELF_PACED)
    engine.advance(T0 + 5)
    engine.count_rep(T0 + 8)
    events = engine.finish_set(T0 + 12)
    assert events[:4] == [StepEnded(T0 + 12, 2, SELF_PACED.steps[2], False, 4.0, 0),
                          StepStarted(T0 + 12, 4, SELF_PACED.steps[4]),
                          SideSwitched(T0 + 12, 4, "right"),
                          Skipped(T0 + 12, 2, 4)]
    assert dict(engine.outcomes) == {0: "done", 1: "done", 2: "skipped", 3: "skipped"}
    engine.advance(T0 + 16)
    engine.finish_set(T0 + 20)  # no rep counted on the right side
    assert engine.state(T0 + 20).step.kind == "rest"
    assert [engine.outcomes[i] for i in (5, 6, 7)] == ["skipped"] * 3


def test_a_self_paced_session_finishes_with_the_actual_time_taken() -> None:
    engine = started(SELF_PACED)
    engine.advance(T0 + 5)
    now = T0 + 5
    for _ in range(3):
        now += 2.5
        engine.count_rep(now)
    engine.advance(now + 4)
    for _ in range(3):
        now += 2.5
        engine.count_rep(now + 4)
    events = engine.advance(now + 4 + 40)
    assert events[-1] == Finished(now + 4 + 40, True, len(SELF_PACED.steps), 0)


# -- stop and finished -------------------------------------------------------------


def test_stop_finishes_with_every_remaining_step_skipped() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 10)
    events = engine.stop(T0 + 10)
    assert events == [StepEnded(T0 + 10, 1, TWO_HOLDS.steps[1], False, 5.0),
                      Finished(T0 + 10, False, 1, 3)]
    assert engine.finished and engine.outcomes == {0: "done", 1: "skipped",
                                                   2: "skipped", 3: "skipped"}


def test_stop_while_paused_and_before_start() -> None:
    engine = started(TWO_HOLDS)
    engine.pause(T0 + 1)
    assert engine.stop(T0 + 50)[-1] == Finished(T0 + 50, False, 0, 4)
    assert not engine.paused
    assert engine.state(T0 + 60).workout_elapsed == 1.0
    fresh = Engine(TWO_HOLDS)
    assert fresh.stop(T0) == [Finished(T0, False, 0, 4)]


def test_commands_on_a_finished_engine_are_no_ops() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 1000)
    assert engine.finished
    for command in (engine.advance, engine.pause, engine.resume, engine.toggle_pause,
                    engine.skip_step, engine.skip_exercise, engine.back, engine.extend,
                    engine.count_rep, engine.finish_set, engine.stop, engine.start):
        assert command(T0 + 2000) == []
    state = engine.state(T0 + 2000)
    assert (state.finished, state.step, state.index, state.fraction_done) == (
        True, None, len(TWO_HOLDS.steps), 1.0)


# -- state -------------------------------------------------------------------------


def test_state_describes_the_current_step_and_what_comes_next() -> None:
    engine = started(CLAMS)
    engine.advance(T0 + 6)
    state = engine.state(T0 + 6)
    assert (state.index, state.remaining, state.elapsed) == (1, 1.0, 1.0)
    assert (state.rep, state.set, state.next_step) == ((1, 3), (1, 2), CLAMS.steps[2])
    assert state.next_exercise == 1
    assert state.time_left == CLAMS.total_seconds - 6
    assert state.fraction_done == pytest.approx(6 / CLAMS.total_seconds)
    before = Engine(CLAMS).state(T0)
    assert (before.index, before.remaining, before.fraction_done, before.next_exercise) == (
        0, 5.0, 0.0, 0)


def test_state_during_a_rest_points_at_the_exercise_after_it() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 40)
    state = engine.state(T0 + 40)
    assert (state.step.kind, state.next_exercise, state.set) == ("rest", 1, None)
    assert state.next_step.exercise_name == "plank"


def test_state_beyond_a_deadline_is_clamped_and_changes_nothing() -> None:
    engine = started(TWO_HOLDS)
    state = engine.state(T0 + 7)
    assert (state.index, state.remaining, state.elapsed) == (0, 0.0, 5.0)
    assert state.time_left == TWO_HOLDS.total_seconds - 5
    twin = started(TWO_HOLDS)
    assert engine.advance(T0 + 7) == twin.advance(T0 + 7)


def test_events_do_not_depend_on_state_calls() -> None:
    quiet, watched = started(CLAMS), started(CLAMS)
    for tick in range(1, 2000):
        now = T0 + tick * 0.05
        watched.state(now + 3)
        assert watched.advance(now) == quiet.advance(now)


# -- drift and speed ---------------------------------------------------------------


def long_routine() -> Plan:
    """About three hours of steps with odd lengths that floats cannot hold exactly."""
    exercises = tuple(
        Exercise(f"ex{i}", reps=12, tempo=2.7, hold=0.3, sets=3, sides="each", rest=17.3)
        if i % 3 == 0 else
        Exercise(f"ex{i}", hold=41.1, sides="each", sets=2)
        if i % 3 == 1 else Exercise(f"ex{i}", duration=93.7)
        for i in range(60))
    return build_plan(Routine("long", exercises, Timing(prepare=7.1, set_rest=19.9, switch=4.3)))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_drift_over_hours_of_jittery_ticks(seed: int) -> None:
    plan = long_routine()
    assert plan.total_seconds > 3 * 3600
    rng = random.Random(seed)
    engine = Engine(plan)
    events = engine.start(T0)
    now = T0
    while not engine.finished:
        now += rng.choice([0.01, 0.1, 0.25, 1.0, 3.7, 12.0]) * rng.random()
        events += engine.advance(now)
    assert events[-1].completed
    assert events[-1].at == pytest.approx(T0 + plan.total_seconds, abs=1e-6)
    ends = of_type(events, StepEnded)
    assert len(ends) == len(plan.steps)
    assert all(e.actual == pytest.approx(plan.steps[e.index].seconds, abs=1e-6) for e in ends)


def test_a_thirty_minute_routine_on_a_tenth_second_tick() -> None:
    plan = plan_of(*(Exercise(f"ex{i}", reps=10, sides="each", sets=2) for i in range(9)),
                   Exercise("plank", hold=60, sets=3), tempo=3, rest=20)
    assert 25 * 60 < plan.total_seconds < 35 * 60
    engine = Engine(plan)
    begun = time.perf_counter()
    events = engine.start(0.0)
    tick = 0
    while not engine.finished:
        tick += 1
        events += engine.advance(tick / 10)
        engine.state(tick / 10)
    assert time.perf_counter() - begun < 5.0  # a sanity bound; speed is measured in bench/
    assert events[-1] == Finished(pytest.approx(plan.total_seconds), True, len(plan.steps), 0)
    assert len(of_type(events, RepCounted)) == 9 * 10 * 2 * 2
    assert len(of_type(events, SideSwitched)) == 9 * 2


def test_a_plan_with_no_steps_finishes_at_once() -> None:
    plan = plan_of(Exercise("nothing", reps=2, tempo=0), prepare=0)
    assert plan.steps == ()
    engine = Engine(plan)
    assert engine.state(T0).step is None
    assert engine.start(T0) == [Finished(T0, True, 0, 0)]
    assert engine.advance(T0 + 1) == []


def test_state_during_a_set_rest_and_progress_that_only_grows() -> None:
    engine = started(CLAMS)
    set_rest = next(i for i, s in enumerate(CLAMS.steps) if s.kind == "set_rest")
    fractions = []
    for tick in range(0, int(CLAMS.total_seconds * 4) + 1):
        now = T0 + tick / 4
        engine.advance(now)
        state = engine.state(now)
        fractions.append(state.fraction_done)
        if state.index == set_rest:
            assert (state.set, state.next_step.set, state.next_exercise) == ((1, 2), 2, 1)
    assert fractions == sorted(fractions) and fractions[-1] == 1.0


def test_halfway_comes_once_even_when_the_hold_is_extended() -> None:
    engine = started(TWO_HOLDS)
    engine.advance(T0 + 5 + 16)
    engine.extend(T0 + 5 + 16, 10)
    events = engine.advance(T0 + 5 + 45)
    assert of_type(events, Halfway) == []
    assert of_type(events, StepEnded)[0].at == T0 + 45


def test_next_due_names_every_instant_advance_reports() -> None:
    plan = plan_of(Exercise("pigeon", hold=25, sides="each"), Exercise("clam", reps=2),
                   prepare=2)
    engine = Engine(plan)
    engine.start(T0)
    instants: list[float] = []
    while (due := engine.next_due()) is not None:
        events = engine.advance(due)
        assert events and {event.at for event in events} == {due}
        instants.append(due - T0)
    assert engine.finished
    assert instants[:4] == [1, 2, 14.5, 24]  # pip, hold starts, halfway, pips ...
    assert instants[-1] == plan.total_seconds


def test_next_due_is_none_while_paused_or_waiting() -> None:
    engine = Engine(plan_of(Exercise("clam", reps=2, self_paced=True), prepare=3))
    assert engine.next_due() is None  # not started
    engine.start(T0)
    engine.pause(T0 + 1)
    assert engine.next_due() is None
    engine.resume(T0 + 5)
    assert engine.next_due() == T0 + 5 + 1  # the "2" pip, the pause folded in
    engine.advance(T0 + 7)
    assert engine.state(T0 + 7).waiting and engine.next_due() is None
