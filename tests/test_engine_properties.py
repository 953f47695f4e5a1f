"""Whatever commands arrive in whatever order, the engine keeps honest time and books."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from hiptimer.core.engine import Engine
from hiptimer.core.events import (
    Countdown, Event, Finished, Skipped, StepEnded, StepStarted, WentBack,
)
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan

maybe = lambda values: st.sampled_from([None, *values])  # noqa: E731

def make_exercise(shape: str, count: int, tempo: float | None, hold: float | None,
                  self_paced: bool, sides: str, sets: int, rest: float | None,
                  set_rest: float | None) -> Exercise:
    """One exercise of any shape; only valid combinations are built."""
    if shape == "reps":
        return Exercise("reps", reps=count, tempo=tempo, hold=hold, self_paced=self_paced,
                        sides=sides, sets=sets, rest=rest, set_rest=set_rest)
    sides = "each" if sides == "each" else "none"
    if shape == "hold":
        return Exercise("hold", hold=[0.5, 3.0, 20.0, 25.0][count - 1], sides=sides,
                        sets=sets, rest=rest, set_rest=set_rest)
    return Exercise("work", duration=[1.0, 4.0, 21.0, 1.5][count - 1], sides=sides,
                    sets=sets, rest=rest, set_rest=set_rest)


exercises = st.builds(
    make_exercise, shape=st.sampled_from(["reps", "reps", "hold", "work"]),
    count=st.integers(1, 4), tempo=maybe([0.0, 1.0, 2.5]), hold=maybe([0.0, 1.5]),
    self_paced=st.booleans(), sides=st.sampled_from(["none", "each", "alternate"]),
    sets=st.integers(1, 3), rest=maybe([0.0, 2.0]), set_rest=maybe([0.0, 1.0]),
)
timings = st.builds(
    Timing, prepare=st.sampled_from([0.0, 1.0, 5.0]), rest=st.sampled_from([0.0, 3.0]),
    set_rest=st.sampled_from([0.0, 2.0]), switch=st.sampled_from([0.0, 2.0]),
    tempo=st.sampled_from([1.0, 3.0]), countdown=st.sampled_from([0.0, 3.0]),
)
routines = st.builds(Routine, name=st.just("random"),
                     exercises=st.lists(exercises, min_size=1, max_size=3).map(tuple),
                     timing=timings)
time_steps = st.one_of(st.just(0.0), st.floats(0.0, 3.0), st.floats(0.0, 60.0))


class EngineMachine(RuleBasedStateMachine):
    """Drives one engine with random commands and checks the event stream as it goes."""

    @initialize(routine=routines)
    def begin(self, routine: Routine) -> None:
        self.plan = build_plan(routine)
        self.engine = Engine(self.plan)
        self.now = 0.0
        self.last_at = 0.0
        self.last_workout_elapsed = 0.0
        self.current: int | None = None  # the step started and not yet ended
        self.booked: dict[int, str] = {}  # outcomes as a listener learns them from events
        self.finishes: list[Finished] = []
        self.last_pip = float("-inf")  # within the current run of a step
        self.receive(self.engine.start(self.now))

    def receive(self, events: list[Event]) -> None:
        if self.finishes:
            assert events == [], "events after Finished"
        for event in events:
            assert event.at >= self.last_at, "event instants went backwards"
            assert event.at <= self.now
            self.last_at = event.at
            if isinstance(event, StepStarted):
                self.current = event.index
                self.last_pip = float("-inf")
            elif isinstance(event, Countdown):
                assert event.index == self.current
                assert event.at > self.last_pip, "a pip was heard twice"
                self.last_pip = event.at
            elif isinstance(event, StepEnded):
                assert event.index == self.current, "a step ended that had not started"
                self.current = None
                self.booked[event.index] = "done" if event.done else "skipped"
            elif isinstance(event, Skipped):
                for index in range(event.index + 1, event.to):
                    self.booked[index] = "skipped"
            elif isinstance(event, WentBack) and event.to < event.index:
                del self.booked[event.to]
            elif isinstance(event, Finished):
                for index in range(len(self.plan.steps)):
                    self.booked.setdefault(index, "skipped")
                self.finishes.append(event)

    @rule(seconds=time_steps)
    def wait(self, seconds: float) -> None:
        self.now += seconds
        self.receive(self.engine.advance(self.now))

    @rule(seconds=time_steps, command=st.sampled_from([
        "pause", "resume", "toggle_pause", "skip_step", "skip_exercise", "back",
        "extend", "count_rep", "count_rep", "finish_set"]))
    def command(self, seconds: float, command: str) -> None:
        self.now += seconds
        self.receive(getattr(self.engine, command)(self.now))

    @rule(seconds=time_steps)
    def stop(self, seconds: float) -> None:
        self.now += seconds
        self.receive(self.engine.stop(self.now))

    @invariant()
    def time_and_books_are_consistent(self) -> None:
        state = self.engine.state(self.now)
        assert state.workout_elapsed >= self.last_workout_elapsed - 1e-9
        assert state.workout_elapsed <= self.now + 1e-9
        self.last_workout_elapsed = state.workout_elapsed
        assert 0.0 <= state.fraction_done <= 1.0
        assert state.time_left >= 0.0
        assert state.remaining is None or state.remaining >= 0.0
        assert dict(self.engine.outcomes) == self.booked, "a step was lost from the books"
        if self.engine.finished:
            assert len(self.finishes) == 1
            finished = self.finishes[0]
            assert set(self.engine.outcomes) == set(range(len(self.plan.steps)))
            done = sum(1 for outcome in self.engine.outcomes.values() if outcome == "done")
            assert (finished.done, finished.skipped) == (done, len(self.plan.steps) - done)
        else:
            assert set(self.engine.outcomes) == set(range(self.engine.index))
            assert self.current == self.engine.index
            assert state.waiting == (state.remaining is None)

    def teardown(self) -> None:
        """Run out the clock: an unstopped session always finishes and books every step."""
        if not self.finishes:
            while not self.engine.finished:
                self.now += 1000.0
                self.receive(self.engine.resume(self.now) + self.engine.count_rep(self.now))
            assert len(self.finishes) == 1
        assert set(self.booked.values()) <= {"done", "skipped"}
        assert len(self.booked) == len(self.plan.steps)


EngineMachine.TestCase.settings = settings(
    max_examples=200, stateful_step_count=25, deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
test_engine_state_machine = EngineMachine.TestCase
