"""A routine's [sound] over the settings, and --voice over both: what a workout sounds like."""

from __future__ import annotations

import array

from hiptimer.core.events import StepStarted
from hiptimer.core.engine import Engine
from hiptimer.core.model import Exercise, Routine, RoutineSound, Timing
from hiptimer.core.plan import build_plan
from hiptimer.sound.audio import builtin_samples
from hiptimer.sound.choice import SoundChoice
from hiptimer.sound.cues import CUE_NAMES
from hiptimer.sound.player import SilentPlayer, SimpleaudioPlayer

from test_sound_playback import BrokenBackend

SETTINGS = SoundChoice(volume=80, voice=True, tick=True, cues={"go": "/bell.wav"})


def test_a_routines_values_win_over_the_settings() -> None:
    routine = RoutineSound(voice=False, volume=30, tick=False, cues={"finish": "/gong.wav"})
    assert SETTINGS.for_routine(routine) == SoundChoice(
        volume=30, voice=False, tick=False, cues={"go": "/bell.wav", "finish": "/gong.wav"})


def test_what_a_routine_leaves_out_stays_the_settings() -> None:
    assert SETTINGS.for_routine(RoutineSound()) == SETTINGS


def test_voice_on_the_command_line_wins_over_the_routine() -> None:
    assert SETTINGS.for_routine(RoutineSound(voice=False), voice_flag=True).voice


def reps_plan(sound: RoutineSound):
    return build_plan(Routine("Bridges", (Exercise("Bridge", reps=3),), Timing(prepare=0),
                              sound=sound))


def played(player: SilentPlayer, plan) -> list[str]:
    engine = Engine(plan)
    player.begin(plan)
    player.handle(engine.start(0.0))
    for tenth in range(1, 120):
        player.handle(engine.advance(tenth / 10))
    return player.played


def test_a_routine_can_turn_the_rep_tick_off() -> None:
    assert played(SilentPlayer(), reps_plan(RoutineSound())) == ["go", "tick", "tick", "finish"]
    assert played(SilentPlayer(), reps_plan(RoutineSound(tick=False))) == ["go", "finish"]


def peak(data: bytes) -> int:
    samples = array.array("h", data)
    return max(abs(sample) for sample in samples)


def test_a_routines_volume_scales_its_cues() -> None:
    backend = BrokenBackend(works=10)
    sounds = {name: builtin_samples(name) for name in CUE_NAMES}
    player = SimpleaudioPlayer(backend, sounds, choice=SoundChoice(volume=100))
    loud, quiet = reps_plan(RoutineSound()), reps_plan(RoutineSound(volume=25))
    for plan in (loud, quiet):
        player.prepare(plan)
        player.handle([StepStarted(0.0, 0, plan.steps[0])])
    assert len(backend.played) == 2
    assert peak(backend.played[1]) < peak(backend.played[0]) * 0.5
