"""Each instant drawn ahead and held, released on the instant: the session foretells what
it will say, the alarm draws by the measured drawing time, the driver holds the frame."""

from __future__ import annotations

import heapq
from itertools import count
from typing import Any, Callable

from conftest import FakeClock
from textual.app import App

from hiptimer.core.events import Finished, StepStarted
from hiptimer.core.plan import build_plan
from hiptimer.paths import Paths
from hiptimer.session import WorkoutSession
from hiptimer.tui.terminal_output import HOLD_AT_MOST, HeldDriver
from hiptimer.tui.step_alarm import DRAW_LEAD_FACTOR, DRAW_MARGIN, StepAlarm
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen
from test_session import Recorder
from test_sound_ahead import routine
from test_tui_support import FakePlayer, FakeStore, build, short_routine, text_of


# -- the session foretells ---------------------------------------------------------

def test_foresee_says_what_the_session_will_at_each_instant_and_changes_nothing(
        fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = WorkoutSession(build_plan(routine()), clock=fake_clock, listeners=[recorder])
    session.start()
    while not session.finished:
        wake = session.next_wake()
        assert wake is not None
        before, heard = session.state(), len(recorder.events)
        foreseen = session.foresee(wake)
        assert session.state() == before and len(recorder.events) == heard
        fake_clock.now = wake
        session.advance()
        assert session.state() == foreseen


def test_the_summary_foreseen_is_the_one_the_end_brings(fake_clock: FakeClock) -> None:
    session = WorkoutSession(build_plan(routine()), clock=fake_clock)
    session.start()
    while True:
        wake = session.next_wake()
        assert wake is not None
        foreseen = session.foresee_summary(wake)
        fake_clock.now = wake
        session.advance()
        if session.finished:
            break
        assert foreseen is None  # not the end yet
    assert foreseen == session.summary() and foreseen.completed
    assert session.foresee_summary(fake_clock.now + 1) is None  # over already


# -- the alarm draws ahead by the drawing time -------------------------------------

class Scheduler:
    """The event loop's ``call_later`` on a fake clock: ``run`` fires what is due, in order."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self._queue: list[tuple[float, int, Handle]] = []
        self._order = count()

    def call_later(self, delay: float, callback: Callable[[], None]) -> Handle:
        handle = Handle(callback)
        heapq.heappush(self._queue, (self.clock.now + delay, next(self._order), handle))
        return handle

    def run(self) -> None:
        while self._queue:
            at, _, handle = heapq.heappop(self._queue)
            if not handle.cancelled:
                self.clock.now = max(self.clock.now, at)
                handle.callback()


class Handle:
    def __init__(self, callback: Callable[[], None]) -> None:
        self.callback, self.cancelled = callback, False

    def cancel(self) -> None:
        self.cancelled = True


def alarm_on(clock: FakeClock, lead: float) -> tuple[StepAlarm, Scheduler, list[tuple[str, float]]]:
    session = WorkoutSession(build_plan(routine()), clock=clock)
    session.start()
    player = FakePlayer()
    player.lead = lead
    seen: list[tuple[str, float]] = []
    player.play_ahead = lambda events: seen.append(("sound", clock.now))  # type: ignore[method-assign]
    scheduler = Scheduler(clock)
    alarm = StepAlarm(session, player, on_draw=lambda at: seen.append(("draw", clock.now)),
                      on_due=lambda: seen.append(("due", clock.now)),
                      call_later=scheduler.call_later, sleep=clock.sleep)
    return alarm, scheduler, seen


def test_a_frame_is_drawn_its_measured_time_ahead_before_the_cue_and_the_instant(
        fake_clock: FakeClock) -> None:
    alarm, scheduler, seen = alarm_on(fake_clock, lead=0.002)
    first_pip = 1001.0  # the prepare's first pip, 3 s prepare, 3 s countdown
    alarm.drawn(0.004, "step")
    alarm.set(first_pip, "step")
    scheduler.run()
    draw_at = first_pip - 0.002 - DRAW_MARGIN - DRAW_LEAD_FACTOR * 0.004
    assert [what for what, _ in seen] == ["draw", "sound", "due"]
    assert [round(at, 6) for _, at in seen] == [round(draw_at, 6), first_pip - 0.002, first_pip]


def test_nothing_is_drawn_ahead_until_a_frame_is_measured_then_the_instant_set_is(
        fake_clock: FakeClock) -> None:
    alarm, scheduler, seen = alarm_on(fake_clock, lead=0.0)
    alarm.set(1000.5, "second")
    alarm.drawn(0.010, "screen")  # the first frame's time comes after the instant was set
    scheduler.run()
    assert [what for what, _ in seen] == ["draw", "due"]
    assert round(seen[0][1], 6) == round(1000.5 - DRAW_MARGIN - DRAW_LEAD_FACTOR * 0.010, 6)


def test_a_kind_not_measured_yet_takes_the_lead_of_a_dearer_one(fake_clock: FakeClock) -> None:
    alarm, _, _ = alarm_on(fake_clock, lead=0.0)
    alarm.drawn(0.003, "second")
    alarm.drawn(0.020, "screen")
    assert alarm.draw_lead("step") == DRAW_LEAD_FACTOR * 0.020
    assert alarm.draw_lead("second") == DRAW_LEAD_FACTOR * 0.003


# -- the driver holds the frame until the instant ----------------------------------

class Writer:
    def __init__(self) -> None:
        self.written: list[str] = []

    def write(self, data: str) -> None:
        self.written.append(data)


async def test_the_driver_holds_what_is_written_and_releases_it_in_order(
        monkeypatch: Any) -> None:
    now = [0.0]
    monkeypatch.setattr("hiptimer.tui.terminal_output.time.monotonic", lambda: now[0])
    driver = HeldDriver(App())
    writer = driver._writer_thread = Writer()  # type: ignore[assignment]
    driver.write("a")
    driver.hold()
    driver.write("b")
    driver.write("c")
    assert writer.written == ["a"]
    driver.release()
    assert writer.written == ["a", "bc"]
    driver.hold()
    driver.write("d")
    now[0] += HOLD_AT_MOST + 0.01  # no release came: the next write lets all out
    driver.write("e")
    assert writer.written == ["a", "bc", "d", "e"]


# -- the screen shows the instant ahead, the session is told on it ------------------

async def test_the_next_step_is_shown_ahead_and_the_session_told_on_the_instant(
        home: Paths, fake_clock: FakeClock) -> None:
    store = FakeStore()
    app = build(home, fake_clock, routine=short_routine(), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        fake_clock.advance(2.99)
        screen.draw_ahead(fake_clock.now + 0.01)  # the hold starts 3 s in
        await pilot.pause()
        assert text_of(app, "#phase-name") == "HOLD · LEFT"
        assert screen.session.state().index == 0  # still the prepare
        assert not any(isinstance(event, StepStarted) and event.index == 1
                       for event in store.events)
        fake_clock.advance(0.01)
        screen.tick()
        await pilot.pause()
        assert screen.session.state().index == 1
        assert any(isinstance(event, StepStarted) and event.index == 1 for event in store.events)
        assert text_of(app, "#phase-name") == "HOLD · LEFT"


async def test_a_key_between_the_drawing_and_the_instant_shows_what_is_true(
        home: Paths, fake_clock: FakeClock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        fake_clock.advance(2.99)
        screen.draw_ahead(fake_clock.now + 0.01)
        await pilot.press("space")  # paused 10 ms before the hold: still the prepare
        assert text_of(app, "#phase-name") == "PAUSED · GET READY"
        assert screen.session.state().index == 0


async def test_the_summary_is_shown_ahead_and_filled_again_once_the_session_is_over(
        home: Paths, fake_clock: FakeClock) -> None:
    store = FakeStore()
    app = build(home, fake_clock, routine=short_routine(), store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("N", "N", "N", "N", "N")  # to Leg swings, the last step, 10 s
        workout = app.screen
        assert isinstance(workout, WorkoutScreen)
        fake_clock.advance(9.98)
        workout.draw_ahead(fake_clock.now + 0.02)
        await pilot.pause()
        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert text_of(app, "#summary-title") == "Workout complete"
        assert not workout.session.finished
        assert not any(isinstance(event, Finished) for event in store.events)
        fake_clock.advance(0.02)
        workout.tick()
        await pilot.pause()
        assert app.screen is summary and workout.session.finished
        assert [event.completed for event in store.events if isinstance(event, Finished)] == [True]
        assert text_of(app, "#summary-history") == "Saved to your history."
