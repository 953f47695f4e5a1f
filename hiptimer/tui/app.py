"""The Textual app: the composition root of the TUI and its navigation between screens."""

from __future__ import annotations

import time
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider

from hiptimer.core.model import Routine
from hiptimer.paths import Paths
from hiptimer.tui.commands import binding_commands
# The library, preview, editor and history screens (DataTable, Input,
# tree-sitter, the history report) are imported when first opened: a workout
# started from the command line never pays for them.
from hiptimer.tui.messages import (EditorClosed, EditRoutine, ShowHistory, StartWorkout,
                                   SummaryClosed, WorkoutEnded)
from hiptimer.tui.palette import SteadyCommandPalette
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

HOLD_SOURCE = "hold"
"""The history's source for a routine that has no file (``hiptimer hold``)."""


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
                 routine: Routine | None, tick_interval: float | None, store: Any,
                 source: str | None = None, edit: Path | None = None,
                 edit_notice: str | None = None, edit_debounce: float | None = None,
                 weekly_goal: int = 2, today: Callable[[], date] = date.today,
                 notices: Sequence[str] = ()) -> None:
        super().__init__()
        self.paths = paths
        self.player = player
        self.clock = clock
        self.store = store
        self.tick_interval = tick_interval
        self.weekly_goal = weekly_goal
        self.today = today
        self.edit_debounce = edit_debounce
        self._routine = routine
        self._source = source or HOLD_SOURCE
        self._edit = edit
        self._edit_notice = edit_notice
        self.outcome = Outcome.QUIT
        self._notices_shown: set[str] = set()
        self._start_notices = tuple(notices)

    def on_mount(self) -> None:
        for notice in self._start_notices:
            self.notify_once(notice)
        if self._edit is not None:
            self.push_screen(self._editor_screen(self._edit, self._edit_notice))
        elif self._routine is None:
            from hiptimer.tui.library_screen import LibraryScreen

            self.push_screen(LibraryScreen(self.paths))
        else:
            self.push_screen(self._workout_screen(self._routine, self._source))

    def _workout_screen(self, routine: Routine, source: str) -> WorkoutScreen:
        workout = WorkoutScreen(routine, player=self.player, clock=self.clock,
                                tick_interval=self.tick_interval, store=self.store)
        # The session row is written before the engine starts (on the screen's mount).
        if self.store is not None:
            self.store.begin(workout.plan, source)
        return workout

    def _editor_screen(self, path: Path, notice: str | None) -> Screen:
        from hiptimer.tui.editor_screen import EditorScreen

        if self.edit_debounce is None:
            return EditorScreen(path, notice=notice)
        return EditorScreen(path, notice=notice, debounce=self.edit_debounce)

    def on_start_workout(self, message: StartWorkout) -> None:
        from hiptimer.tui.preview_screen import PreviewScreen

        workout = self._workout_screen(message.routine, message.source)
        if isinstance(self.screen, PreviewScreen):
            self.switch_screen(workout)  # the workout takes the preview's place
        else:  # on the library, or the editor: back there after the summary
            self.push_screen(workout)

    def on_workout_ended(self, message: WorkoutEnded) -> None:
        self.outcome = Outcome.COMPLETED if message.summary.completed else Outcome.STOPPED
        history, week = self.history_lines()
        self.switch_screen(SummaryScreen(message.summary, history=history, week=week))

    def history_lines(self) -> tuple[str | None, Callable[[], str | None] | None]:
        """What the summary says about the history: saved or not, at once; and a
        read (for a worker thread: it queries every session) of how the week stands."""
        store = self.store
        if store is None or not hasattr(store, "saving"):
            return None, None
        if not store.saving:
            return "This session is not saved: history could not be opened for this run.", None
        if store.problem:
            return f"This session may not be saved: {store.problem}", None
        today, goal = self.today(), self.weekly_goal

        def week() -> str | None:
            from hiptimer.history.report import sessions, week_status
            from hiptimer.history.summary import HistoryUnreadable
            from hiptimer.tui.history_screen import week_line

            try:
                return week_line(week_status(sessions(store), today, goal))
            except HistoryUnreadable:
                return None

        return "Saved to your history.", week

    def on_summary_closed(self, message: SummaryClosed) -> None:
        self._close_or_exit()

    def on_edit_routine(self, message: EditRoutine) -> None:
        self.push_screen(self._editor_screen(message.path, message.notice))

    def on_editor_closed(self, message: EditorClosed) -> None:
        self._close_or_exit()

    def on_show_history(self, message: ShowHistory) -> None:
        from hiptimer.tui.history_screen import HistoryScreen

        self.push_screen(HistoryScreen(self.store, weekly_goal=self.weekly_goal,
                                       today=self.today()))

    def _close_or_exit(self) -> None:
        """Back to the screen underneath (library or editor), or out when there is none."""
        if len(self.screen_stack) > 2:  # the first is Textual's own default screen
            self.pop_screen()
        else:
            self.exit(self.outcome)

    async def action_quit(self) -> None:
        from hiptimer.tui.editor_screen import ConfirmLeave, EditorScreen

        if isinstance(self.screen, ConfirmLeave):
            return  # already asking about unsaved changes
        if isinstance(self.screen, EditorScreen):
            self.screen.confirm_leave(lambda: self.exit(self.outcome))
            return
        self.exit(self.outcome)

    def notify_once(self, text: str) -> None:
        """Show a warning the first time it comes up in this run of the app."""
        if text not in self._notices_shown:
            self._notices_shown.add(text)
            self.notify(text, severity="warning", timeout=10, markup=False)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from binding_commands(screen)

    # Textual's two ways into a palette, each opening the steadier one.
    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(SteadyCommandPalette(id="--command-palette"))

    def search_themes(self) -> None:
        self.push_screen(SteadyCommandPalette(providers=[ThemeProvider],
                                              placeholder="Search for themes…"))


def make_app(*, paths: Paths, player: Any, clock: Callable[[], float] = time.monotonic,
             routine: Routine | None = None, tick_interval: float | None = 1.0,
             store: Any = None, source: str | None = None, edit: Path | None = None,
             edit_notice: str | None = None, edit_debounce: float | None = None,
             weekly_goal: int = 2, today: Callable[[], date] = date.today,
             notices: Sequence[str] = ()) -> HiptimerApp:
    """Build the app from its parts.

    ``routine`` starts it at once (``source``: its file, else "hold"); ``edit``
    opens that file in the editor (``edit_notice`` told first); otherwise the
    library opens. ``notices`` are shown once at the start. ``tick_interval`` is the longest the workout screen waits
    between two looks at the engine (it also wakes for every cue and every
    change of the shown seconds); None sets no timer: tests call ``tick``.
    """
    return HiptimerApp(paths=paths, player=player, clock=clock, routine=routine,
                       tick_interval=tick_interval, store=store, source=source, edit=edit,
                       edit_notice=edit_notice, edit_debounce=edit_debounce,
                       weekly_goal=weekly_goal, today=today, notices=notices)
