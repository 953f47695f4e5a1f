"""Which cue sounds for which engine event (pure mapping, no audio)."""

from __future__ import annotations

from hiptimer.core.engine import Engine
from hiptimer.core.events import (
    Countdown, Event, Extended, Finished, Halfway, Paused, RepCounted, Resumed, SideSwitched,
    Skipped, StepEnded, StepStarted,
)
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, Step, build_plan
from hiptimer.sound.cues import CUE_NAMES, Cue, cue_for, pick_cue, plan_phrases
from hiptimer.sound.player import SilentPlayer


def plan_of(*exercises: Exercise, **timing: float) -> Plan:
    return build_plan(Routine("test", exercises, Timing(**timing)))


# prepare, Pigeon L, switch, Pigeon R, rest, Bridge reps 1-3, set_rest, Bridge reps 1-3
PLAN = plan_of(Exercise("Pigeon", hold=30, sides="each"),
               Exercise("Bridge", reps=3, sets=2, tempo=2),
               prepare=5, rest=10, set_rest=8, switch=4)
MARCH = plan_of(Exercise("March", reps=2, sides="alternate", tempo=2), prepare=3)


def started(plan: Plan, index: int) -> StepStarted:
    return StepStarted(0.0, index, plan.steps[index])


def sound(event: Event, plan: Plan | None = PLAN) -> str | None:
    cue = cue_for(event, plan)
    return cue.sound if cue else None


def test_every_step_kind_of_a_plan_gets_its_cue() -> None:
    kinds_and_sounds = [(step.kind, sound(started(PLAN, i))) for i, step in enumerate(PLAN.steps)]
    assert kinds_and_sounds == [
        ("prepare", None),
        ("hold", "go"), ("switch", "switch"), ("hold", "go"),
        ("rest", "rest"),
        ("rep", "go"), ("rep", "tick"), ("rep", "tick"),
        ("set_rest", "rest"),
        ("rep", "go"), ("rep", "tick"), ("rep", "tick"),
    ]


def test_timed_work_starts_with_go() -> None:
    plan = plan_of(Exercise("Leg swings", duration=30))
    assert sound(started(plan, 1), plan) == "go"


def test_countdown_halfway_switch_and_finish() -> None:
    assert sound(Countdown(0.0, 1, 3)) == "pip"
    assert sound(Countdown(0.0, 0, 1)) == "pip"  # the get-ready countdown
    assert sound(Halfway(0.0, 1)) == "halfway"
    assert sound(SideSwitched(0.0, 2, "right")) == "switch"
    assert sound(Finished(0.0, True, 12, 0)) == "finish"


def test_a_stopped_workout_does_not_play_the_finish_fanfare() -> None:
    assert sound(Finished(0.0, False, 3, 9)) is None


def test_no_pips_during_paced_reps_which_tick_instead() -> None:
    """The engine sounds no countdown in a rep (its one rule); the cues follow it."""
    plan = plan_of(Exercise("Bridge", reps=3), prepare=0)  # 3 s reps, countdown 3
    engine, player = Engine(plan), SilentPlayer()
    player.begin(plan)
    player.handle(engine.start(0.0))
    for tenth in range(1, 100):
        player.handle(engine.advance(tenth / 10))
    assert engine.finished
    assert player.played == ["go", "tick", "tick", "finish"]


def test_events_that_lead_to_another_step_are_silent_themselves() -> None:
    for event in (Paused(0.0), Resumed(0.0), Skipped(0.0, 1, 4), Extended(0.0, 1, 10.0),
                  RepCounted(0.0, 5, 1, 3, None),
                  StepEnded(0.0, 1, PLAN.steps[1], True, 30.0)):
        assert cue_for(event, PLAN) is None, event


def test_alternating_reps_go_once_per_set_then_tick_on_both_sides() -> None:
    sounds = [sound(started(MARCH, i), MARCH) for i in range(1, len(MARCH.steps))]
    assert [step.side for step in MARCH.steps[1:]] == ["left", "right", "left", "right"]
    assert sounds == ["go", "tick", "tick", "tick"]


def test_a_zero_second_switch_still_starts_the_second_side_with_go() -> None:
    plan = plan_of(Exercise("Clam", reps=2, sides="each", tempo=2), switch=0)
    kinds = [(step.kind, step.side, sound(started(plan, i), plan))
             for i, step in enumerate(plan.steps)][1:]
    assert kinds == [("rep", "left", "go"), ("rep", "left", "tick"),
                     ("rep", "right", "go"), ("rep", "right", "tick")]


def test_spoken_phrases_name_the_exercise_at_its_start_and_the_side() -> None:
    assert cue_for(started(PLAN, 1), PLAN) == Cue("go", ("Pigeon", "left side"))
    assert cue_for(started(PLAN, 3), PLAN) == Cue("go", ("right side",))  # after the switch
    assert cue_for(started(PLAN, 5), PLAN) == Cue("go", ("Bridge",))
    assert cue_for(started(PLAN, 9), PLAN) == Cue("go", ())  # set 2: no name again
    assert cue_for(started(PLAN, 2), PLAN) == Cue("switch", ("switch sides",))
    assert cue_for(started(PLAN, 4), PLAN) == Cue("rest", ("rest",))
    assert cue_for(Halfway(0.0, 1), PLAN) == Cue("halfway", ("halfway",))
    assert cue_for(Finished(0.0, True, 1, 0), PLAN) == Cue("finish", ("done",))


def test_plan_phrases_lists_every_phrase_once_in_order_of_first_use() -> None:
    assert plan_phrases(PLAN) == ["Pigeon", "left side", "switch sides", "right side", "rest",
                                  "Bridge", "halfway", "done"]


def test_a_late_batch_plays_only_the_most_important_cue() -> None:
    crossed = [Countdown(0.0, 3, 1), StepEnded(0.0, 3, PLAN.steps[3], True, 30.0),
               started(PLAN, 4), Countdown(0.0, 4, 3)]
    assert pick_cue(crossed, PLAN) == Cue("rest", ("rest",))
    assert pick_cue([started(PLAN, 4), Countdown(0.0, 4, 1), started(PLAN, 5)], PLAN).sound == "go"
    assert pick_cue([started(PLAN, 11), Finished(0.0, True, 12, 0)], PLAN).sound == "finish"
    assert pick_cue([Paused(0.0)], PLAN) is None
    assert pick_cue([], PLAN) is None


def test_switch_beats_go_when_a_late_tick_crosses_the_whole_switch() -> None:
    batch = [started(PLAN, 2), SideSwitched(0.0, 2, "right"), started(PLAN, 3)]
    assert pick_cue(batch, PLAN).sound == "switch"


def test_every_cue_name_has_a_priority_and_a_built_in_sound() -> None:
    from importlib.resources import files

    sounds = files("hiptimer.sounds")
    assert all(sounds.joinpath(f"{name}.wav").is_file() for name in CUE_NAMES)


def test_a_self_paced_rep_counted_ticks_through_the_next_rep_start() -> None:
    plan = plan_of(Exercise("Squat", reps=3, self_paced=True), prepare=2)
    step = plan.steps[2]
    batch = [StepEnded(0.0, 1, plan.steps[1], True, 3.0), StepStarted(0.0, 2, step),
             RepCounted(0.0, 1, 1, 3, None)]
    assert pick_cue(batch, plan) == Cue("tick")


# -- driven by the real engine on a fake clock -----------------------------------------------


def run_through(plan: Plan, player: SilentPlayer, step: float = 0.25) -> None:
    engine = Engine(plan)
    now = 1000.0
    player.handle(engine.start(now))
    while not engine.finished:
        now += step
        player.handle(engine.advance(now))


def test_a_sided_hold_then_reps_through_the_engine() -> None:
    plan = plan_of(Exercise("Pigeon", hold=20, sides="each"), Exercise("Bridge", reps=3, tempo=2),
                   prepare=3, rest=5, switch=3, countdown=3)
    player = SilentPlayer()
    player.prepare(plan)
    run_through(plan, player)
    assert player.played == [
        "pip", "pip",                       # prepare 3 s: its own start has no pip
        "go", "halfway", "pip", "pip", "pip",   # hold left 20 s
        "switch", "pip", "pip",             # switch 3 s
        "go", "halfway", "pip", "pip", "pip",   # hold right
        "rest", "pip", "pip", "pip",        # rest 5 s
        "go", "tick", "tick",               # three paced reps, no pips among them
        "finish",
    ]


def test_a_late_tick_through_the_engine_plays_one_cue_per_look() -> None:
    plan = plan_of(Exercise("Pigeon", hold=10, sides="each"), prepare=3, switch=3)
    player = SilentPlayer()
    player.prepare(plan)
    engine = Engine(plan)
    player.handle(engine.start(0.0))
    player.handle(engine.advance(14.0))  # the machine slept through the end of the left hold
    assert player.played == ["switch"]


def test_muted_silent_player_records_nothing_and_unmuting_resumes() -> None:
    player = SilentPlayer(mute=True)
    player.handle([started(PLAN, 1)])
    player.muted = False
    player.handle([started(PLAN, 2)])
    assert player.played == ["switch"]


def test_hand_built_step_without_plan_still_maps() -> None:
    step = Step("rep", 2.0, 2.0, 0, "Clam", side="left", set=1, rep=1, reps=5)
    assert cue_for(StepStarted(0.0, 7, step)) == Cue("go", ("left side",))
    assert cue_for(StepStarted(0.0, 8, Step("rep", 2.0, 2.0, 0, "Clam", rep=2, reps=5))) == Cue("tick")
