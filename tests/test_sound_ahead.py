"""A cue started ahead of its instant: the session foretells, the player sounds it once."""

from __future__ import annotations

from typing import Any

from conftest import FakeClock

from hiptimer.core.engine import Engine
from hiptimer.core.events import Countdown, Finished, StepStarted
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.session import WorkoutSession
from hiptimer.sound.audio import builtin_samples, to_bytes
from hiptimer.sound.cues import CUE_NAMES
from hiptimer.sound.player import SimpleaudioPlayer
from test_session import Recorder


def routine() -> Routine:
    return Routine("Stretch", (Exercise("Pigeon", hold=6, sides="each"), Exercise("Bridge", hold=4)),
                   Timing(prepare=3, switch=2, rest=3, countdown=3))


class CountingBackend:
    """A simpleaudio stand-in that counts the playbacks it starts."""

    def __init__(self) -> None:
        self.played: list[bytes] = []

    def play_buffer(self, data: bytes, channels: int, width: int, rate: int) -> Any:
        self.played.append(data)
        return self

    def is_playing(self) -> bool:
        return False

    def stop(self) -> None:
        pass


def player_of(backend: CountingBackend) -> SimpleaudioPlayer:
    return SimpleaudioPlayer(backend, {name: builtin_samples(name) for name in CUE_NAMES})


def test_upcoming_is_what_the_next_due_instant_brings_and_changes_nothing() -> None:
    engine = Engine(build_plan(routine()))
    engine.start(0.0)
    while not engine.finished:
        due = engine.next_due()
        assert due is not None
        before = engine.state(due - 0.5)
        foretold = engine.upcoming()
        assert engine.state(due - 0.5) == before and engine.next_due() == due
        assert engine.advance(due) == foretold
    assert engine.upcoming() == []


def test_the_session_foretells_without_telling_its_listeners(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = WorkoutSession(build_plan(routine()), clock=fake_clock, listeners=[recorder])
    assert session.upcoming() == []  # not started
    session.start()
    heard = len(recorder.events)
    foretold = session.upcoming()
    assert [type(event) for event in foretold] == [Countdown]  # the prepare's first pip
    assert len(recorder.events) == heard
    fake_clock.now = foretold[0].at
    assert session.advance() == foretold
    session.stop()
    assert session.upcoming() == []


def test_a_cue_played_ahead_sounds_once_when_its_events_come() -> None:
    backend = CountingBackend()
    player = player_of(backend)
    plan = build_plan(routine())
    player.begin(plan)
    start = [StepStarted(3.0, 1, plan.steps[1])]
    player.play_ahead(start)
    assert len(backend.played) == 1
    player.handle(start)  # the same instant, handled as it comes: no second sound
    assert len(backend.played) == 1
    player.handle([Countdown(6.0, 1, 3)])  # the next cue sounds as usual
    assert len(backend.played) == 2


def test_a_late_tick_still_sounds_what_came_after_the_cue_played_ahead() -> None:
    backend = CountingBackend()
    player = player_of(backend)
    player.play_ahead([Countdown(1.0, 0, 2)])
    player.handle([Countdown(1.0, 0, 2), Finished(2.0, True, 1, 0)])
    assert len(backend.played) == 2
    assert backend.played[-1] == to_bytes(builtin_samples("finish"))


def test_a_muted_player_plays_nothing_ahead() -> None:
    backend = CountingBackend()
    player = player_of(backend)
    player.muted = True
    player.play_ahead([Countdown(1.0, 0, 2)])
    player.handle([Countdown(1.0, 0, 2)])
    assert backend.played == []
