"""Engine events folded into exercise blocks (pure: no database)."""

from __future__ import annotations

from hiptimer.core.engine import Engine
from hiptimer.core.events import Finished, Skipped, StepEnded, StepStarted
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.history.blocks import BlockKey, BlockRecord, BlockTracker, count_blocks

TIMING = Timing(prepare=1, rest=1, set_rest=1, switch=1, tempo=1)


def summary(records: list[BlockRecord]) -> list[tuple[object, ...]]:
    return [(r.exercise_name, r.key.set, r.key.side, r.reps_done, r.status) for r in records]


def run(routine: Routine,
        commands: dict[float, str] | None = None) -> list[tuple[float, BlockRecord]]:
    """Every block record with the instant it was reported."""
    plan = build_plan(routine)
    engine, tracker = Engine(plan), BlockTracker(plan)
    ended = [(0.0, record) for record in tracker.feed(engine.start(0.0))]
    now = 0.0
    while not engine.finished:
        now += 1.0
        command = (commands or {}).get(now)
        events = getattr(engine, command)(now) if command else engine.advance(now)
        ended += [(now, record) for record in tracker.feed(events)]
    return ended


def test_alternating_sides_make_one_block_per_side_and_set() -> None:
    routine = Routine("Lunges", (Exercise("Lunge", reps=2, sides="alternate", sets=2),), TIMING)
    ended = run(routine)
    assert summary([record for _, record in ended]) == [
        ("Lunge", 1, "left", 2, "done"), ("Lunge", 1, "right", 2, "done"),
        ("Lunge", 2, "left", 2, "done"), ("Lunge", 2, "right", 2, "done")]
    # left ends when its last rep is over (the right's last rep starts), right at the set rest
    assert [at for at, _ in ended] == [4.0, 5.0, 9.0, 10.0]
    assert count_blocks(build_plan(routine)) == 4


def test_self_paced_reps_count_what_the_user_counted() -> None:
    routine = Routine("Squats", (Exercise("Squat", reps=3, self_paced=True),), TIMING)
    ended = run(routine, {2.0: "count_rep", 3.0: "finish_set"})
    assert summary([record for _, record in ended]) == [("Squat", 1, None, 1, "partial")]
    assert ended[0][1].reps_target == 3


def test_hand_made_events_skip_a_whole_side() -> None:
    routine = Routine("Stretch", (Exercise("Pigeon", hold=30, sides="each"),), TIMING)
    plan = build_plan(routine)  # prepare, left hold, switch, right hold
    tracker = BlockTracker(plan)
    left, right = plan.steps[1], plan.steps[3]
    assert tracker.feed([StepStarted(0, 0, plan.steps[0]), StepEnded(1, 0, plan.steps[0], True, 1),
                         StepStarted(1, 1, left)]) == []
    ended = tracker.feed([StepEnded(31, 1, left, True, 30.0), StepStarted(31, 2, plan.steps[2])])
    assert summary(ended) == [("Pigeon", 1, "left", None, "done")]
    assert ended[0].actual_seconds == 30.0 and ended[0].planned_seconds == 30.0
    ended = tracker.feed([StepEnded(32, 2, plan.steps[2], False, 1.0),
                          Skipped(32, 2, 4), Finished(32, True, 2, 2)])
    assert ended == [BlockRecord(BlockKey(0, 1, "right"), "Pigeon", 3, 30.0, 0.0, None, None,
                                 "skipped")]
    assert right.side == "right"


def test_blocks_never_reached_have_no_record() -> None:
    routine = Routine("Two", (Exercise("Clam", reps=2), Exercise("Bridge", hold=5)), TIMING)
    ended = run(routine, {2.0: "stop"})
    assert summary([record for _, record in ended]) == [("Clam", 1, None, 1, "partial")]
