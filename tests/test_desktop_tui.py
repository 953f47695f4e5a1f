"""A Pilot workout with the real desktop parts on a private bus: held in the workout, not in the library."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from desktop_bus import Desktop
from desktop_support import Backend, ManualTimers, SpeakingVoice
from hiptimer.desktop.inhibit import WakepyInhibitor
from hiptimer.desktop.keep_awake import KeepAwake
from hiptimer.desktop.music import MusicMakesWay
from hiptimer.paths import Paths
from hiptimer.sound.audio import builtin_samples
from hiptimer.sound.cues import CUE_NAMES
from hiptimer.sound.player import SimpleaudioPlayer
from hiptimer.tui.app import make_app
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen
from test_tui_support import FakeStore, install_short


@pytest.fixture
def on_bus(desktop: Desktop, monkeypatch: pytest.MonkeyPatch) -> Desktop:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.address)
    return desktop


async def tick(pilot: Pilot, clock: Any, seconds: float) -> None:
    clock.advance(seconds)
    assert isinstance(pilot.app.screen, WorkoutScreen)
    pilot.app.screen.tick()
    await pilot.pause()


def settled(*parts: KeepAwake | MusicMakesWay) -> None:
    for part in parts:
        assert part._worker is not None and part._worker.flush(3)


async def test_a_tui_workout_keeps_the_screen_awake_and_ducks_the_music_while_it_speaks(
        home: Paths, fake_clock: Any, on_bus: Desktop) -> None:
    install_short(home)
    screensaver = on_bus.screensaver()
    music_player = on_bus.player("vlc", volume=0.7)
    pauses, cue_ends = ManualTimers(), ManualTimers()
    sounds = {name: builtin_samples(name) for name in CUE_NAMES}
    player = SimpleaudioPlayer(Backend(), sounds, voice=SpeakingVoice())
    keep_awake = KeepAwake(WakepyInhibitor(), later=pauses)
    music = MusicMakesWay("duck", 30, later=cue_ends)
    player.cue_observers.append(music.cue_started)
    app = make_app(paths=home, player=player, store=FakeStore(), clock=fake_clock,
                   tick_interval=None, desktop=[keep_awake, music])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screensaver.inhibitions == []  # the library keeps nothing awake
        await pilot.press("slash", *"tui test", "enter", "enter")
        assert isinstance(app.screen, WorkoutScreen)
        settled(keep_awake, music)
        assert len(screensaver.held) == 1

        await tick(pilot, fake_clock, 3)  # "go", then "Side plank, left side"
        settled(music)
        assert music_player.state.volume == pytest.approx(0.21)
        cue_ends.fire()
        settled(music)
        assert music_player.state.volume == 0.7

        await pilot.press("space")  # paused, and left for more than five minutes
        assert pauses.delays == [300.0]
        pauses.fire()
        settled(keep_awake)
        assert screensaver.held == []
        await pilot.press("space")
        settled(keep_awake)
        assert len(screensaver.held) == 1

        await pilot.press("q", "y")  # quit the workout, saving it as stopped
        assert isinstance(app.screen, SummaryScreen)
        settled(keep_awake)
        assert screensaver.held == [] and len(screensaver.inhibitions) == 2
        await pilot.press("enter")
        await pilot.press("q")
    keep_awake.shutdown()
    music.shutdown()
    assert all(i.released_by == "UnInhibit" for i in screensaver.inhibitions)
    assert music_player.state.volume == 0.7
