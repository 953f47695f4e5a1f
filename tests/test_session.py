"""The workout session every shell drives, on a fake clock: listeners, wakes, shown seconds."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conftest import FakeClock

from hiptimer.core.events import Event, Finished, Paused, StepEnded, StepStarted
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, build_plan
from hiptimer.session import WorkoutSession
from hiptimer.tui.workout_view import build_view


class Recorder:
    """A listener that notes its lifecycle."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.events: list[Event] = []

    def begin(self, plan: Plan) -> None:
        self.calls.append("begin")

    def handle(self, events: Sequence[Event]) -> None:
        self.calls.append("handle")
        self.events.extend(events)

    def close(self) -> None:
        self.calls.append("close")


class Broken(Recorder):
    def handle(self, events: Sequence[Event]) -> None:
        raise RuntimeError("the sound device went away")


def hold_routine(**timing: float) -> Routine:
    return Routine("Stretch", (Exercise("Pigeon", hold=10, sides="each"),),
                   Timing(**{"prepare": 3, "switch": 3, **timing}))


def reps_routine() -> Routine:
    # The defaults that showed the bug: tempo 3 and countdown 3, so every rep is 3 s long.
    return Routine("Bridges", (Exercise("Glute bridge", reps=4),), Timing(prepare=0))


def session_of(routine: Routine, clock: FakeClock, *listeners: Recorder) -> WorkoutSession:
    return WorkoutSession(build_plan(routine), clock=clock, listeners=listeners)


def test_listeners_begin_hear_every_event_and_close_once(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = session_of(hold_routine(), fake_clock, recorder)
    session.start()
    while not session.finished:
        fake_clock.now = session.next_wake()
        session.advance()
    session.close()
    session.close()
    assert recorder.calls[0] == "begin" and recorder.calls[-1] == "close"
    assert recorder.calls.count("close") == 1
    assert isinstance(recorder.events[-1], Finished) and recorder.events[-1].completed
    assert session.completed


def test_a_broken_listener_never_stops_the_workout(fake_clock: FakeClock) -> None:
    good = Recorder()
    session = session_of(hold_routine(), fake_clock, Broken(), good)
    session.start()
    fake_clock.advance(100)
    session.advance()
    assert session.finished and isinstance(good.events[-1], Finished)


def test_next_wake_is_the_next_change_of_the_shown_seconds(fake_clock: FakeClock) -> None:
    session = session_of(hold_routine(countdown=0), fake_clock)
    start = fake_clock.now
    session.start()
    fake_clock.advance(3 + 4.3)  # 5.7 s left of the 10 s hold: 6 is shown
    session.advance()
    assert session.state().shown_seconds == 6
    wake = session.next_wake()
    assert wake == pytest.approx(start + 3 + 5)  # when 5.0 s are left, 5 is shown
    fake_clock.now = wake
    session.advance()
    assert session.state().shown_seconds == 5


def test_next_wake_is_a_cue_when_one_comes_first(fake_clock: FakeClock) -> None:
    session = session_of(hold_routine(countdown=3, prepare=0), fake_clock)
    start = fake_clock.now
    session.start()
    fake_clock.advance(6.5)
    session.advance()
    assert session.next_wake() == pytest.approx(start + 7)  # the first pip, at 3 s left


def test_nothing_wakes_a_paused_session(fake_clock: FakeClock) -> None:
    session = session_of(hold_routine(), fake_clock)
    session.start()
    session.pause()
    assert session.next_wake() is None


def test_paced_reps_never_take_the_final_seconds_look(fake_clock: FakeClock) -> None:
    """Every 3 s rep has 3 s or less left, but no pip sounds in a rep: no strong colour, no flash."""
    session = session_of(reps_routine(), fake_clock)
    session.start()
    seen = []
    for _ in range(24):
        fake_clock.advance(0.5)
        session.advance()
        if session.finished:
            break
        state = session.state()
        view = build_view(session.plan, state)
        seen.append((state.step.kind, state.final_seconds, view.final_seconds, view.flash))
    assert seen and all(kind == "rep" for kind, *_ in seen)
    assert not any(final or view_final or flash for _, final, view_final, flash in seen)


def test_the_final_seconds_look_is_exactly_when_pips_sound(fake_clock: FakeClock) -> None:
    session = session_of(hold_routine(prepare=0), fake_clock)
    session.start()
    looks = []
    for tenth in range(1, 100):
        fake_clock.now = 1000.0 + tenth / 10
        session.advance()
        looks.append((round(tenth / 10, 1), session.state().final_seconds))
    final = [at for at, on in looks if on]
    assert final[0] == 7.0 and final[-1] == 9.9  # from the first pip (3 s left) to the end


def test_a_step_too_short_to_pip_gets_no_final_look(fake_clock: FakeClock) -> None:
    # A 1 s switch with countdown 3: its only pip would fall at its very start, where none sounds.
    session = session_of(hold_routine(prepare=0, switch=1), fake_clock)
    session.start()
    fake_clock.advance(10.5)
    session.advance()
    state = session.state()
    assert state.step.kind == "switch" and not state.final_seconds


def test_a_suspension_pauses_where_the_session_last_looked(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = session_of(hold_routine(), fake_clock, recorder)
    session.start()
    fake_clock.advance(5)
    session.advance()  # 2 s into the 10 s hold on the left
    fake_clock.advance(600)  # stopped (SIGSTOP) for ten minutes, unseen
    session.suspended()
    state = session.state()
    assert state.paused and state.step.kind == "hold" and state.shown_seconds == 8
    assert not [e for e in recorder.events if isinstance(e, StepEnded)][1:]  # only prepare ended
    assert any(isinstance(e, Paused) and e.at == 1005.0 for e in recorder.events)


def test_a_suspension_at_a_known_instant_counts_the_time_up_to_it(fake_clock: FakeClock) -> None:
    session = session_of(hold_routine(), fake_clock)
    session.start()
    fake_clock.advance(5)
    session.advance()
    fake_clock.advance(60)
    session.suspended(at=1007.0)  # Ctrl+Z: the handler noted the instant
    assert session.state().shown_seconds == 6


def test_closing_a_running_session_keeps_it_as_stopped(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = session_of(hold_routine(), fake_clock, recorder)
    session.start()
    fake_clock.advance(7)
    session.advance()
    session.close()
    ended = [e for e in recorder.events if isinstance(e, StepEnded)]
    assert ended[-1].step.kind == "hold" and not ended[-1].done
    assert ended[-1].actual == pytest.approx(4.0)
    assert not session.completed and session.summary().partly_done == ("Pigeon",)


def test_a_session_closed_before_it_started_is_kept_as_stopped(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = session_of(hold_routine(), fake_clock, recorder)
    session.close()
    assert recorder.calls[0] == "begin"
    assert [type(e) for e in recorder.events] == [Finished]
    assert session.start() == [] and session.advance() == []


def test_commands_report_what_was_crossed_first(fake_clock: FakeClock) -> None:
    session = session_of(hold_routine(), fake_clock)
    session.start()
    fake_clock.advance(3.5)
    events = session.skip_step()
    kinds = [e.step.kind for e in events if isinstance(e, StepStarted)]
    assert kinds == ["hold", "switch"]
