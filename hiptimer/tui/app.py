"""The Textual app: the composition root of the TUI and its navigation between screens."""

from __future__ import annotations

import time
from enum import Enum
from typing import Any, Callable, Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen

from hiptimer.core.model import Routine
from hiptimer.paths import Paths
from hiptimer.tui.commands import binding_commands
from hiptimer.tui.library_screen import LibraryScreen
from hiptimer.tui.messages import StartWorkout, SummaryClosed, WorkoutEnded
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen


class Outcome(str, Enum):
    """How the app ended, for the command line's exit code."""

    COMPLETED = "completed"
    """The last workout ran to its end."""
    STOPPED = "stopped"
    """The last workout was stopped by the user before its end."""
    QUIT = "quit"
    """The user left without ending a workout (from the library, or mid-workout)."""


class HiptimerApp(App[Outcome]):
    CSS_PATH = "hiptimer.tcss"
    TITLE = "hiptimer"

    def __init__(self, *, paths: Paths, player: Any, clock: Callable[[], float],
                 routine: Routine | None, tick_interval: float | None, store: Any) -> None:
        super().__init__()
        self.paths = paths
        self.player = player
        self.clock = clock
        self.store = store
        self.tick_interval = tick_interval
        self._routine = routine
        self.outcome = Outcome.QUIT
        self._notices_shown: set[str] = set()

    @property
    def opened_on_library(self) -> bool:
        return self._routine is None

    def on_mount(self) -> None:
        if self._routine is None:
            self.push_screen(LibraryScreen(self.paths))
        else:
            self.push_screen(self._workout_screen(self._routine))

    def _workout_screen(self, routine: Routine) -> WorkoutScreen:
        return WorkoutScreen(routine, player=self.player, clock=self.clock,
                             tick_interval=self.tick_interval, store=self.store)

    def on_start_workout(self, message: StartWorkout) -> None:
        workout = self._workout_screen(message.routine)
        if isinstance(self.screen, LibraryScreen):
            self.push_screen(workout)
        else:  # from the preview: the workout takes its place
            self.switch_screen(workout)

    def on_workout_ended(self, message: WorkoutEnded) -> None:
        self.outcome = Outcome.COMPLETED if message.summary.completed else Outcome.STOPPED
        self.switch_screen(SummaryScreen(message.summary))

    def on_summary_closed(self, message: SummaryClosed) -> None:
        if self.opened_on_library:
            self.pop_screen()
        else:
            self.exit(self.outcome)

    async def action_quit(self) -> None:
        self.exit(self.outcome)

    def notify_once(self, text: str) -> None:
        """Show a warning the first time it comes up in this run of the app."""
        if text not in self._notices_shown:
            self._notices_shown.add(text)
            self.notify(text, severity="warning", timeout=10)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from binding_commands(screen)


def make_app(*, paths: Paths, player: Any, clock: Callable[[], float] = time.monotonic,
             routine: Routine | None = None, tick_interval: float | None = 0.05,
             store: Any = None) -> HiptimerApp:
    """Build the app from its parts; ``routine=None`` opens the library."""
    return HiptimerApp(paths=paths, player=player, clock=clock, routine=routine,
                       tick_interval=tick_interval, store=store)


class _NoSound:
    """Stands in for the sound player when it can't be loaded: the workout goes on, silent."""

    def __init__(self, notice: str) -> None:
        self.muted = False
        self.notice: str | None = notice

    def handle(self, events: Any) -> None:
        pass

    def prepare(self, plan: Any) -> None:
        pass

    def close(self) -> None:
        pass


def _sound_player(*, mute: bool) -> Any:
    try:
        from hiptimer.sound.player import CuePlayer
    except ImportError as error:
        return _NoSound(f"sound is off because the sound player could not load ({error})")
    player = CuePlayer()
    player.muted = mute
    return player


def run_app(paths: Paths, routine: Routine | None = None, *, mute: bool = False,
            voice: bool = False, player: Any = None, store: Any = None) -> int:
    """Run the TUI with the real sound player and return the command line's exit code.

    Every way out the user chooses (completed, stopped, quit) is a success: 0.
    ``voice`` is not used yet (spoken cues are the player's business).
    """
    player = player if player is not None else _sound_player(mute=mute)
    try:
        make_app(paths=paths, player=player, routine=routine, store=store).run()
    finally:
        player.close()
    return 0
