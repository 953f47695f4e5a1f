"""A soak on the fake clock: one routine running for ten simulated hours, with pauses,
extensions and skips. The engine's memory does not grow and its times stay exact."""

from __future__ import annotations

import gc
import math
import random
import tracemalloc

from hiptimer.core.engine import Engine
from hiptimer.core.events import Event, Finished, StepEnded, StepStarted
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan

HOUR = 3600.0
START = 1_000_000.123  # a monotonic clock is rarely near zero: test the rounding there too


def long_routine() -> Routine:
    """About eleven hours of timed steps (no self-paced reps: nobody counts for ten hours)."""
    exercises = tuple(
        Exercise(f"Exercise {number}", hold=27.3 + number, sides="each", sets=40, set_rest=11.7)
        if number % 3 else
        Exercise(f"Exercise {number}", reps=7, tempo=2.9, hold=1.3, sides="alternate", sets=40)
        for number in range(12))
    return Routine("Soak", exercises, Timing(prepare=5.5, rest=13.1, switch=4.7, countdown=3))


class Driver:
    """Runs an engine the way a shell does, and keeps its own books to check the engine's."""

    def __init__(self, engine: Engine, rng: random.Random) -> None:
        self.engine, self.rng = engine, rng
        self.now = START
        self.paused_total = 0.0
        self.expected_active: list[float] = []  # seconds each step must have run
        self.current_length = 0.0
        self.finished: Finished | None = None
        self.step_started_now = False

    def take(self, events: list[Event]) -> None:
        """Books kept from events; the events themselves are dropped (only the engine may grow)."""
        self.step_started_now = False
        for event in events:
            assert event.at <= self.now
            if isinstance(event, StepStarted):
                self.current_length = event.step.seconds or 0.0
                self.step_started_now = event.at == self.now
            elif isinstance(event, StepEnded):
                self.expected_active.append(self.current_length if event.done else 0.0)
                if event.done:
                    assert event.actual == self.current_length
            elif isinstance(event, Finished):
                self.finished = event

    def run_until(self, until: float) -> None:
        engine, rng = self.engine, self.rng
        while not engine.finished and self.now < until:
            roll = rng.random()
            due = engine.next_due()
            assert due is not None and due >= self.now
            if roll < 0.003:  # a pause of a few seconds to a few minutes
                self.take(engine.pause(self.now))
                length = rng.uniform(0.1, 300.0)
                self.now += length
                self.paused_total += length
                self.take(engine.resume(self.now))
            elif roll < 0.004 and self.step_started_now:  # skipped the moment it began
                self.take(engine.skip_step(self.now))
            elif roll < 0.005:
                self.take(engine.extend(self.now, 10.0))
                self.current_length += 10.0
            elif roll < 0.3:  # a tick between cues, as a Timer would
                self.now = rng.uniform(self.now, due)
                self.take(engine.advance(self.now))
            else:  # sleep exactly until the next cue or deadline, as the plain runner does
                self.now = due
                self.take(engine.advance(self.now))
            state = engine.state(self.now)
            assert 0.0 <= state.fraction_done <= 1.0 and state.time_left >= 0.0


def engine_bytes() -> int:
    gc.collect()
    return tracemalloc.get_traced_memory()[0]


def test_ten_hours_with_pauses_and_skips_keep_memory_flat_and_times_exact() -> None:
    plan = build_plan(long_routine())
    assert plan.total_seconds > 10.5 * HOUR
    tracemalloc.start()
    try:
        engine = Engine(plan)
        driver = Driver(engine, random.Random(20240611))
        driver.take(engine.start(START))
        driver.run_until(START + HOUR)
        steps_at_one_hour = len(engine.outcomes)
        after_one_hour = engine_bytes()
        driver.run_until(START + 10 * HOUR)
        after_ten_hours = engine_bytes()
        steps_at_ten_hours = len(engine.outcomes)
    finally:
        tracemalloc.stop()
    # Only the outcome of each step left behind may be added (a dict entry): no event,
    # no history of ticks, no list that grows with time.
    grown = after_ten_hours - after_one_hour
    assert grown <= 32 * 1024 + 120 * (steps_at_ten_hours - steps_at_one_hour), grown
    assert driver.paused_total > 0 and any(active == 0.0 for active in driver.expected_active)

    driver.run_until(math.inf)
    finished = driver.finished
    assert finished is not None and finished.completed
    active = math.fsum(driver.expected_active)
    assert abs(finished.at - (START + active + driver.paused_total)) <= 1e-6
    assert abs(engine.state(finished.at).workout_elapsed - active) <= 1e-6
    assert finished.at - START > 10 * HOUR


def test_the_same_soak_gives_the_same_instants_every_time() -> None:
    """No hidden state: two engines fed the same commands agree to the last bit."""
    ends = []
    for _ in range(2):
        engine = Engine(build_plan(long_routine()))
        driver = Driver(engine, random.Random(7))
        driver.take(engine.start(START))
        driver.run_until(START + 2 * HOUR)
        ends.append((driver.now, engine.state(driver.now)))
    assert ends[0] == ends[1]
