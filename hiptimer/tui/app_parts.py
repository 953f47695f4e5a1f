"""What the app is built from (``AppParts``) and where it opens (``Start``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from hiptimer.assembly import workout_listeners
from hiptimer.core.model import Routine
from hiptimer.core.plan import build_plan
from hiptimer.history import HOLD_SOURCE, local_now
from hiptimer.library import Library
from hiptimer.paths import Paths
from hiptimer.ports import HistorySink, Player, RoutineLibrary
from hiptimer.session import Listener, WorkoutSession

if TYPE_CHECKING:
    from hiptimer.history.resume import ResumePoint


@dataclass(frozen=True)
class AppParts:
    """What the app is built from: the real parts from ``cli``, fakes from the tests."""

    paths: Paths
    player: Player
    history: HistorySink | None
    clock: Callable[[], float] = time.monotonic
    tick_interval: float | None = 1.0
    """The longest the workout screen waits between two looks at the session (it also
    wakes whenever the session says something changes); None: tests call ``tick``."""
    weekly_goal: int = 2
    today: Callable[[], date] = date.today
    now: Callable[[], datetime] = local_now
    """The wall clock, for what is recent (an unfinished session to resume)."""
    edit_debounce: float | None = None
    notices: Sequence[str] = ()
    """Shown once as the app starts."""
    desktop: Sequence[Listener] = ()
    """The desktop's parts (screen kept awake, music), following every workout like the sound."""
    window_title: bool = True
    """The terminal's title follows the workout (``title`` in config.toml)."""
    first_frame: Callable[[], None] = lambda: None
    """Called once the app's first screen is drawn: what waits for it may start
    (``hiptimer.startup``)."""

    @property
    def library(self) -> RoutineLibrary:
        return Library(self.paths)

    def session(self, routine: Routine, source: str,
                resume: ResumePoint | None = None) -> WorkoutSession:
        """A workout of ``routine`` (read from ``source``; ``resume``: carrying on an
        unfinished session), followed by every listener."""
        plan, first = build_plan(routine), 0
        if resume is not None:
            from hiptimer.history.resume import resumed_plan

            plan, first = resumed_plan(plan, resume.done)
        return WorkoutSession(plan, clock=self.clock, first=first,
                              listeners=workout_listeners(self.player, self.history, source,
                                                          resume, routine.level, self.desktop))


@dataclass(frozen=True)
class Start:
    """Where the app opens: a workout, the editor on ``edit``, or else the library."""

    routine: Routine | None = None
    source: str = HOLD_SOURCE
    resume: ResumePoint | None = None
    edit: Path | None = None
    edit_notice: str | None = None
