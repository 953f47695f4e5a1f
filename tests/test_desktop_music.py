"""Music makes way for spoken cues: the listener on a real private bus, with test MPRIS players."""

from __future__ import annotations

import time
from typing import Any

import pytest

from desktop_bus import Desktop, wait_for
from desktop_support import FINISHED, Backend, ManualTimers, SpeakingVoice, a_plan
from hiptimer.core.events import Countdown, Finished, StepStarted
from hiptimer.desktop import desktop_parts
from hiptimer.desktop.keep_awake import KeepAwake
from hiptimer.desktop.music import MusicMakesWay
from hiptimer.settings import Settings
from hiptimer.sound.audio import CHANNELS, RATE, builtin_samples, joined
from hiptimer.sound.cues import CUE_NAMES
from hiptimer.sound.player import SilentPlayer, SimpleaudioPlayer


@pytest.fixture
def on_bus(desktop: Desktop, monkeypatch: pytest.MonkeyPatch) -> Desktop:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.address)
    return desktop


def music(timers: ManualTimers, mode: str = "duck", duck_volume: int = 30) -> MusicMakesWay:
    listener = MusicMakesWay(mode, duck_volume, later=timers)  # type: ignore[arg-type]
    listener.begin(a_plan())
    return listener


def settle(listener: MusicMakesWay) -> None:
    assert listener._worker is not None and listener._worker.flush(3)


def test_a_playing_player_is_lowered_for_the_cue_then_gets_its_exact_volume_back(
        on_bus: Desktop) -> None:
    playing = on_bus.player("vlc", volume=0.77)
    paused = on_bus.player("spotify", status="Paused", volume=0.5)
    timers = ManualTimers()
    listener = music(timers)
    listener.cue_started(1.25)
    settle(listener)
    assert playing.state.volume == pytest.approx(0.77 * 0.3)
    assert timers.delays == [1.25]  # given back when the cue ends
    timers.fire()
    settle(listener)
    assert playing.state.volume == 0.77  # exactly, not recomputed from the lowered value
    assert playing.calls == [("Volume", pytest.approx(0.231)), ("Volume", 0.77)]
    assert paused.calls == [] and paused.state.volume == 0.5
    listener.shutdown()


def test_duck_volume_sets_how_low(on_bus: Desktop) -> None:
    playing = on_bus.player("vlc", volume=0.8)
    listener = music(ManualTimers(), duck_volume=50)
    listener.cue_started(1.0)
    settle(listener)
    assert playing.state.volume == pytest.approx(0.4)
    listener.shutdown()
    assert playing.state.volume == 0.8  # the program ending mid-cue gives the music back at once


def test_the_workout_ending_mid_cue_lets_the_cue_finish_first(on_bus: Desktop) -> None:
    playing = on_bus.player("vlc", volume=0.8)
    timers = ManualTimers()
    listener = music(timers)
    listener.cue_started(1.5)  # "done"
    listener.close()
    settle(listener)
    assert playing.state.volume == pytest.approx(0.24)  # the finish cue is still speaking
    timers.fire()
    settle(listener)
    assert playing.state.volume == 0.8
    listener.shutdown()


def test_a_second_cue_keeps_the_music_down_until_it_ends_too(on_bus: Desktop) -> None:
    playing = on_bus.player("vlc", volume=0.6)
    timers = ManualTimers()
    listener = music(timers)
    listener.cue_started(2.0)
    listener.cue_started(1.5)
    settle(listener)
    assert timers.delays == [1.5]  # the first cue's end no longer counts
    assert playing.calls == [("Volume", pytest.approx(0.18))]  # lowered once, not from 0.18 again
    timers.fire()
    settle(listener)
    assert playing.state.volume == 0.6
    listener.shutdown()


def test_an_end_that_fires_as_the_next_cue_starts_gives_nothing_back_early(on_bus: Desktop) -> None:
    playing = on_bus.player("vlc", volume=0.6)
    timers = ManualTimers()
    listener = music(timers)
    listener.cue_started(1.0)
    _, first_end = timers.pending[0]
    listener.cue_started(1.0)
    first_end()
    settle(listener)
    assert playing.state.volume == pytest.approx(0.18)
    listener.shutdown()
    assert playing.state.volume == 0.6


def test_a_player_whose_volume_cannot_be_set_is_left_alone(on_bus: Desktop) -> None:
    fixed = on_bus.player("radio", volume=1.0, volume_writable=False)
    other = on_bus.player("vlc", volume=0.5)
    timers = ManualTimers()
    listener = music(timers)
    listener.cue_started(1.0)
    settle(listener)
    timers.fire()
    settle(listener)
    assert fixed.calls == [] and fixed.state.volume == 1.0
    assert other.calls == [("Volume", pytest.approx(0.15)), ("Volume", 0.5)]
    listener.shutdown()


def test_pause_mode_pauses_playing_players_and_plays_them_after(on_bus: Desktop) -> None:
    playing = on_bus.player("vlc")
    stopped = on_bus.player("spotify", status="Stopped")
    timers = ManualTimers()
    listener = music(timers, mode="pause")
    listener.cue_started(1.0)
    settle(listener)
    assert playing.state.status == "Paused"
    timers.fire()
    settle(listener)
    assert playing.calls == [("Pause", None), ("Play", None)]
    assert playing.state.volume == 0.8  # its volume never touched
    assert stopped.calls == []
    listener.shutdown()


def test_a_player_that_vanishes_mid_cue_is_no_error(on_bus: Desktop) -> None:
    leaving = on_bus.player("vlc", volume=0.5)
    staying = on_bus.player("mpv", volume=0.9)
    timers = ManualTimers()
    listener = music(timers)
    listener.cue_started(1.0)
    settle(listener)
    leaving.stop()
    timers.fire()
    settle(listener)
    assert staying.state.volume == 0.9
    listener.cue_started(1.0)  # and the next cue still works
    settle(listener)
    assert staying.state.volume == pytest.approx(0.27)
    listener.shutdown()


def test_a_player_owning_two_names_is_lowered_once(on_bus: Desktop) -> None:
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import open_dbus_connection

    player = on_bus.player("chromium", volume=0.5)
    alias = "org.mpris.MediaPlayer2.chromium.instance42"
    player.connection.send(message_bus.RequestName(alias))
    with open_dbus_connection(on_bus.address) as look:  # the request's reply goes to the service
        assert wait_for(lambda: look.send_and_get_reply(message_bus.NameHasOwner(alias)).body[0])
    listener = music(ManualTimers())
    listener.cue_started(1.0)
    settle(listener)
    assert player.calls == [("Volume", pytest.approx(0.15))]
    listener.shutdown()
    assert player.state.volume == 0.5


def test_a_slow_player_never_holds_up_the_cue(on_bus: Desktop) -> None:
    slow = on_bus.player("vlc", volume=0.5)
    slow.delay = 0.3
    listener = music(ManualTimers())
    began = time.perf_counter()
    listener.cue_started(1.0)
    listener.handle([FINISHED])
    assert time.perf_counter() - began < 0.02
    assert wait_for(lambda: slow.calls, timeout=5)
    listener.shutdown()
    assert slow.state.volume == 0.5


def test_no_bus_or_no_player_is_a_quiet_no_op(quiet_bus: str,
                                              capfd: pytest.CaptureFixture[str]) -> None:
    timers = ManualTimers()
    listener = music(timers)
    listener.cue_started(1.0)
    settle(listener)
    timers.fire()
    listener.shutdown()
    assert capfd.readouterr() == ("", "")


# -- the sound player's hook ---------------------------------------------------------------------


def player(voice: Any = None) -> tuple[SimpleaudioPlayer, list[float]]:
    sounds = {name: builtin_samples(name) for name in CUE_NAMES}
    told: list[float] = []
    cues = SimpleaudioPlayer(Backend(), sounds, voice=voice)
    cues.cue_observers.append(told.append)
    cues.prepare(a_plan())
    return cues, told


def seconds_of(name: str, spoken: bool = False) -> float:
    """The cue's length, with one phrase of a second after it when ``spoken``."""
    samples = builtin_samples(name)
    if spoken:
        samples = joined(samples, SpeakingVoice().get("a phrase"))
    return len(samples) / (RATE * CHANNELS)


def test_the_player_tells_when_a_spoken_cue_starts_and_how_long_it_lasts() -> None:
    cues, told = player(SpeakingVoice())
    plan = a_plan()
    cues.handle([Countdown(4.0, 0, 1)])  # a pip says nothing
    cues.handle([StepStarted(5.0, 1, plan.steps[1])])  # "go", then "Bridge"
    assert told == [pytest.approx(seconds_of("go", spoken=True))]
    assert told[0] > seconds_of("go") + 1.0
    cues.handle([Finished(35.0, True, 2, 0)])  # "done"
    assert told[1] == pytest.approx(seconds_of("finish", spoken=True))


def test_without_a_voice_only_the_finish_cue_is_told() -> None:
    cues, told = player()
    plan = a_plan()
    cues.handle([StepStarted(5.0, 1, plan.steps[1])])
    cues.handle([Finished(35.0, True, 2, 0)])
    assert told == [pytest.approx(seconds_of("finish"))]


def test_an_observer_that_fails_costs_no_cue() -> None:
    cues, told = player()

    def broken(seconds: float) -> None:
        raise RuntimeError("bus on fire")

    cues.cue_observers.insert(0, broken)
    cues.handle([Finished(35.0, True, 2, 0)])
    assert cues.notice is None and len(told) == 1


# -- the factory ---------------------------------------------------------------------------------


def test_the_factory_builds_what_the_settings_ask_for() -> None:
    cues = SilentPlayer()
    parts = desktop_parts(Settings(), cues)
    assert [type(part) for part in parts] == [KeepAwake, MusicMakesWay]
    assert len(cues.cue_observers) == 1
    quiet = SilentPlayer()
    assert desktop_parts(Settings(keep_awake=False, music="leave"), quiet) == []
    assert quiet.cue_observers == []
