"""The composition root of a workout, for both shells: settings, player, history, listeners.

``assemble`` builds the real parts once per run of the program;
``workout_listeners`` is the one place where what follows a workout (sound,
history, the desktop) is put together, whichever shell shows it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from hiptimer.history.writer import HistoryListener
from hiptimer.ports import HistorySink, Player
from hiptimer.settings import Settings, load_settings
from hiptimer.startup import FirstFrame, no_wait

if TYPE_CHECKING:
    from hiptimer.desktop import DesktopPart
    from hiptimer.history.resume import ResumePoint
    from hiptimer.paths import Paths
    from hiptimer.session import Listener


def workout_listeners(player: Player, history: HistorySink | None, source: str,
                      resume: ResumePoint | None = None, level: str = "standard",
                      extra: Sequence[Listener] = ()) -> list[Listener]:
    """Everything that follows one workout: the sounds, its history row (``source``: its
    file; ``resume``: the unfinished session it carries on; ``level``: the routine's)."""
    listeners: list[Listener] = [player]
    if history is not None:
        listeners.append(HistoryListener(history, source,
                                         None if resume is None else resume.session_id, level))
    return listeners + list(extra)


@dataclass
class Parts:
    """The real parts of one run of the program; ``close`` when it ends."""

    paths: Paths
    settings: Settings
    player: Player
    history: HistorySink
    notices: list[str] = field(default_factory=list)
    """One line each, to show once before the workout (settings, history, sound)."""
    desktop: list[DesktopPart] = field(default_factory=list)
    """The screen kept awake, music making way: they follow every workout of the run."""

    def listeners(self, source: str, resume: ResumePoint | None = None,
                  level: str = "standard") -> list[Listener]:
        return workout_listeners(self.player, self.history, source, resume, level, self.desktop)

    def close(self) -> None:
        for part in self.desktop:
            part.shutdown()
        self.player.shutdown()
        self.history.close()


def settings_of(paths: Paths) -> tuple[Settings, list[str]]:
    loaded = load_settings(paths.config)
    return loaded.settings, [loaded.notice] if loaded.notice else []


def assemble(paths: Paths, *, mute: bool, voice: bool,
             bell: Callable[[], None] | None = None, first_frame: FirstFrame | None = None,
             notify: Callable[[str], None] | None = None) -> Parts:
    """Settings, the best player this machine has, the history behind its writer thread, the desktop.

    Given ``first_frame`` (the TUI), the player is built, the history file opened
    and the desktop asked on their own threads once that frame is out; the
    history's notice, if any, then goes to ``notify``. Without it (the plain
    runner) the player and the history are made here, their notices among the others.
    """
    from hiptimer.desktop import desktop_parts
    from hiptimer.history.writer import HistoryWriter

    settings, notices = settings_of(paths)

    def build() -> Player:
        from hiptimer.sound.player import make_player

        return make_player(mute=mute or settings.mute, voice=voice or settings.voice,
                           volume=settings.volume, custom=settings.sounds, bell=bell,
                           voice_flag=voice)

    if first_frame is not None:
        from hiptimer.sound.deferred import DeferredPlayer

        player: Player = DeferredPlayer(build, mute=mute or settings.mute,
                                        after=first_frame.wait)
        history = HistoryWriter.opening(paths.history, after=first_frame.wait,
                                        notify=notify or (lambda text: None))
        wait = first_frame.wait
    else:
        from hiptimer.history.opening import open_store

        player = build()
        store, store_notice = open_store(paths.history)
        if store_notice:
            notices.append(store_notice)
        history, wait = HistoryWriter(store), no_wait
    return Parts(paths, settings, player, history, notices,
                 desktop_parts(settings, player, after=wait))
