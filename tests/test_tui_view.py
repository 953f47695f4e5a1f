"""The workout screen's text, worked out from engine state alone (no widgets)."""

from __future__ import annotations

from hiptimer.core.engine import Engine
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.tui.formatting import matches, shape_text
from hiptimer.core.summary import summarize
from hiptimer.tui.workout_view import build_view

from test_tui_support import short_routine


def view_at(engine: Engine, now: float):
    engine.advance(now)
    return build_view(engine.plan, engine.state(now))


def test_prepare_shows_the_first_exercise_and_its_first_side() -> None:
    engine = Engine(build_plan(short_routine()))
    engine.start(0.0)
    view = view_at(engine, 0.5)
    assert (view.phase, view.phase_class, view.digits) == ("GET READY", "-prepare", "3")
    assert view.exercise == "Next up: Side plank"
    assert view.next == "Next: Side plank, hold 20 s, LEFT side first"
    assert view.how.startswith("1. Lie on your side")


def test_hold_counts_down_from_the_engine_and_flashes_in_the_last_seconds() -> None:
    engine = Engine(build_plan(short_routine()))
    engine.start(0.0)
    view = view_at(engine, 3 + 4.2)
    assert (view.phase, view.side, view.digits) == ("HOLD · LEFT", "LEFT", "16")
    assert not view.final_seconds
    assert view.next == "Next: switch to the right side"
    last = [view_at(engine, 3 + 17.5 + offset) for offset in (0, 1, 2)]
    assert [v.digits for v in last] == ["3", "2", "1"]
    assert all(v.final_seconds for v in last)
    assert [v.flash for v in last] == [True, False, True]


def test_rest_announces_the_next_exercise() -> None:
    engine = Engine(build_plan(short_routine()))
    engine.start(0.0)
    view = view_at(engine, 3 + 20 + 3 + 20 + 1)
    assert (view.phase, view.phase_class) == ("REST", "-rest")
    assert view.next == "Next: Clamshell, 3 reps, your pace"
    assert "Open the top knee" in view.how


def test_self_paced_rep_waits_with_a_key_hint() -> None:
    engine = Engine(build_plan(short_routine()))
    engine.start(0.0)
    view = view_at(engine, 3 + 20 + 3 + 20 + 5 + 100)
    assert view.waiting and view.phase == "REPS"
    assert "Rep 1/3" in view.counters
    assert "r or Enter" in view.instruction
    assert view.digits == "1"


def test_minutes_show_as_clock_and_time_left_is_marked_estimated() -> None:
    routine = Routine("Long", (Exercise("Stretch", hold=90.0),), Timing(prepare=0))
    engine = Engine(build_plan(routine))
    engine.start(0.0)
    view = view_at(engine, 10)
    assert view.digits == "1:20"
    assert view.time_left == "1:20 left"
    assert view.next == "Next: the finish"
    short = Engine(build_plan(short_routine()))
    short.start(0.0)
    assert view_at(short, 0).time_left.startswith("~")


def test_paused_view_says_so() -> None:
    engine = Engine(build_plan(short_routine()))
    engine.start(0.0)
    engine.pause(5.0)
    view = view_at(engine, 50.0)
    assert view.paused and view.phase == "PAUSED · HOLD · LEFT"
    assert view.digits == "18"
    assert not view.final_seconds


def test_summary_sorts_exercises_into_done_partly_and_skipped() -> None:
    plan = build_plan(short_routine())
    engine = Engine(plan)
    engine.start(0.0)
    engine.advance(3 + 20 + 1)  # left side done
    engine.skip_exercise(3 + 20 + 1)
    engine.stop(30.0)
    summary = summarize(plan, engine.outcomes, completed=False, time_taken=30.0, active=29.0)
    assert summary.done == ()
    assert summary.partly_done == ("Side plank",)
    assert summary.skipped == ("Clamshell", "Leg swings")
    assert summary.total_exercises == 3


def test_shapes_and_filter_words() -> None:
    assert shape_text(Exercise("a", reps=10, hold=5.0)) == "10 reps x 5 s hold"
    assert shape_text(Exercise("b", hold=60.0)) == "hold 1 min"
    assert shape_text(Exercise("c", duration=30.0)) == "30 s non-stop"
    assert matches("glute mat", "Glute wake-up", "mat")
    assert not matches("glute band", "Glute wake-up", "mat")


def paced_bridge() -> Engine:
    """prepare 2, then 10 reps of 3 s on the left side."""
    routine = Routine("Paced", (Exercise("Bridge", reps=10, tempo=3.0, sides="each"),),
                      Timing(prepare=2))
    engine = Engine(build_plan(routine))
    engine.start(0.0)
    return engine


def test_a_paced_rep_shows_the_rep_count_big_and_its_tempo_filling() -> None:
    engine = paced_bridge()
    seconds = [view_at(engine, 2 + 3 * 3 + offset) for offset in (0.1, 1.1, 2.1)]
    assert [v.digits for v in seconds] == ["4", "4", "4"]  # the 4th rep, not its seconds left
    assert [v.beat for v in seconds] == ["of 10  █░░", "of 10  ██░", "of 10  ███"]
    assert view_at(engine, 2 + 4 * 3 + 0.1).digits == "5"


def test_a_paced_rep_never_turns_to_the_final_seconds_colour() -> None:
    engine = paced_bridge()
    views = [view_at(engine, 2 + tenth / 10) for tenth in range(0, 30 * 10, 7)]
    assert len(views) > 40 and not any(v.final_seconds or v.flash for v in views)


def test_the_window_title_follows_the_step() -> None:
    engine = Engine(build_plan(short_routine()))
    engine.start(0.0)
    assert view_at(engine, 0.5).title == "0:03 GET READY · Next up: Side plank"
    assert view_at(engine, 3 + 4.2).title == "0:16 HOLD · LEFT · Side plank"
    engine.pause(3 + 5.0)
    assert view_at(engine, 40.0).title == "PAUSED · 0:15 HOLD · LEFT · Side plank"
    engine.resume(40.0)
    assert view_at(engine, 40.0 + 15 + 1).title.startswith("0:02 SWITCH SIDES · RIGHT · Side plank")


def test_the_window_title_of_a_rep_shows_the_rep() -> None:
    engine = paced_bridge()
    assert view_at(engine, 2 + 3 * 3 + 0.5).title == "4/10 REPS · LEFT · Bridge"
    waiting = Engine(build_plan(short_routine()))
    waiting.start(0.0)
    assert view_at(waiting, 3 + 20 + 3 + 20 + 5 + 100).title == "1/3 REPS · Clamshell"


def test_during_a_switch_the_how_to_is_the_exercise_coming_next() -> None:
    engine = Engine(build_plan(short_routine()))
    engine.start(0.0)
    switch = view_at(engine, 3 + 20 + 1)
    assert switch.phase_class == "-switch" and switch.how.startswith("1. Lie on your side")
