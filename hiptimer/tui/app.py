"""The Textual app: the composition root of the TUI and its navigation between screens."""

from __future__ import annotations

import asyncio
import signal
import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from textual.app import App, SystemCommand
from textual.command import CommandPalette
from textual.driver import Driver
from textual.drivers.linux_driver import LinuxDriver
from textual.screen import Screen
from textual.theme import ThemeProvider

from hiptimer.core.model import Routine
from hiptimer.history import HOLD_SOURCE
from hiptimer.interruptions import ENDING_SIGNALS, EXIT_INTERRUPTED, EXIT_OK, signal_status
from hiptimer.paths import Paths
from hiptimer.ports import HistorySink, Player
from hiptimer.tui.app_parts import AppParts, Start
from hiptimer.tui.commands import binding_commands
from hiptimer.tui.terminal_output import HeldDriver
# The library, preview, editor and history screens (DataTable, Input,
# tree-sitter, the history report) are imported when first opened: a workout
# started from the command line never pays for them.
from hiptimer.tui.messages import (EditorClosed, EditRoutine, Notice, ShowHistory,
                                   StartWorkout, SummaryClosed, SummaryDue, WorkoutEnded)
from hiptimer.tui.palette import SteadyCommandPalette
from hiptimer.tui.workout_screen import WorkoutScreen

if TYPE_CHECKING:
    from hiptimer.history.resume import ResumePoint
    from hiptimer.tui.summary_screen import SummaryScreen


WORKOUT_REMOVED_AFTER = 0.25
"""Seconds after its end that a workout screen is taken down (see ``on_workout_ended``)."""


class HiptimerApp(App[None]):
    CSS_PATH = "hiptimer.tcss"
    TITLE = "hiptimer"

    def __init__(self, parts: AppParts, start: Start = Start()) -> None:
        super().__init__()
        self.parts = parts
        self._start = start
        self._status = EXIT_OK
        self._notices_shown: set[str] = set()
        self._workout_of: tuple[Routine, str] | None = None
        """The routine of the workout on screen (at its level) and its source."""
        self.summary_ahead: SummaryScreen | None = None
        """The summary built during the workout's last step, to be filled at its end."""
        self._shown_ahead: SummaryScreen | None = None
        """The summary shown a moment before its workout ended, to fill once it has."""

    @property
    def status(self) -> int:
        """The exit status so far: that of the last workout (130 when it was stopped early)."""
        return self._status

    @property
    def player(self) -> Player:
        return self.parts.player

    def get_driver_class(self) -> type[Driver]:
        driver = super().get_driver_class()
        return HeldDriver if driver is LinuxDriver else driver

    @property
    def store(self) -> HistorySink | None:
        return self.parts.history

    def on_mount(self) -> None:
        if not self.is_headless:
            self._catch_signals()
        for notice in self.parts.notices:
            self.notify_once(notice)
        start = self._start
        if start.edit is not None:
            self.push_screen(self._editor_screen(start.edit, start.edit_notice))
        elif start.routine is None:
            from hiptimer.tui.library_screen import LibraryScreen

            self.push_screen(LibraryScreen(self.parts.library, self.store, self.parts.now))
        else:
            self.push_screen(self._workout_screen(start.routine, start.source, start.resume))
        self.call_after_refresh(self.parts.first_frame)  # after the pushed screen is drawn

    def _catch_signals(self) -> None:
        """A hang-up or SIGTERM stops the workout (saved) and leaves; SIGCONT after SIGSTOP pauses it."""
        loop = asyncio.get_running_loop()
        for signum in ENDING_SIGNALS:
            loop.add_signal_handler(signum, self._end_by_signal, signum)
        # Textual's driver owns SIGCONT (it restores the terminal): run after it.
        textual_handler = signal.getsignal(signal.SIGCONT)

        def continued(signum: int, frame: object) -> None:
            if callable(textual_handler):
                textual_handler(signum, frame)
            loop.call_soon_threadsafe(self._continued)

        signal.signal(signal.SIGCONT, continued)

    def _end_by_signal(self, signum: int) -> None:
        for workout in self._workouts():
            if signum != signal.SIGHUP:  # after a hang-up there is no terminal to tell
                workout.window_title.restore()
            workout.session.close()
        self.exit(return_code=signal_status(signum))

    def _continued(self) -> None:
        for workout in self._workouts():
            workout.suspended()

    def _workouts(self) -> list[WorkoutScreen]:
        return [screen for screen in self.screen_stack if isinstance(screen, WorkoutScreen)]

    def _workout_screen(self, routine: Routine, source: str,
                        resume: ResumePoint | None = None) -> WorkoutScreen:
        self._workout_of = (routine, source)
        return WorkoutScreen(self.parts.session(routine, source, resume), player=self.player,
                             tick_interval=self.parts.tick_interval,
                             window_title=self.parts.window_title)

    def _editor_screen(self, path: Path, notice: str | None) -> Screen:
        from hiptimer.tui.editor_screen import EditorScreen

        if self.parts.edit_debounce is None:
            return EditorScreen(path, notice=notice)
        return EditorScreen(path, notice=notice, debounce=self.parts.edit_debounce)

    def on_start_workout(self, message: StartWorkout) -> None:
        from hiptimer.tui.preview_screen import PreviewScreen

        workout = self._workout_screen(message.routine, message.source, message.resume)
        if isinstance(self.screen, PreviewScreen):
            self.switch_screen(workout)  # the workout takes the preview's place
        else:  # on the library, or the editor: back there after the summary
            self.push_screen(workout)

    def on_summary_due(self, message: SummaryDue) -> None:
        """Build the summary screen now, while the last step runs: Textual builds a screen
        when it is shown, and that made the summary some 10 ms later than a step's screen."""
        from hiptimer.tui.summary_screen import SummaryScreen

        if self.summary_ahead is None:
            self.summary_ahead = SummaryScreen()
            # Textual has no public way to compose a screen before it is shown
            # (install_screen only keeps one): this is the first thing push_screen does.
            self._register(self, self.summary_ahead)

    def on_workout_ended(self, message: WorkoutEnded) -> None:
        from hiptimer.tui.summary_screen import SummaryScreen

        self._status = EXIT_OK if message.summary.completed else EXIT_INTERRUPTED
        history, week = self.history_lines()
        shown, self._shown_ahead = self._shown_ahead, None
        if shown is not None and shown is self.screen and not message.ahead:
            # Shown ahead of the end (see WorkoutScreen.draw_ahead), told again now the
            # session is over and saved: the week is read now. (Left already, it was a
            # workout that never came to that end: this is the next one's.)
            shown.fill(message.summary, history=history, week=week)
            return
        summary, self.summary_ahead = self.summary_ahead or SummaryScreen(), None
        summary.fill(message.summary, history=history, week=None if message.ahead else week)
        if message.ahead:
            self._shown_ahead = summary
        ended = self.screen
        if isinstance(ended, WorkoutScreen):
            # Removed once the summary is on the terminal: its many widgets took the
            # interpreter for 3 ms right after the summary's frame, which waited that
            # long in the driver's writer thread. Installed, switch_screen keeps it.
            self.install_screen(ended, f"ended-workout-{id(ended)}")
            self.set_timer(WORKOUT_REMOVED_AFTER, partial(self._remove_ended, ended))
        self.switch_screen(summary)

    def _remove_ended(self, ended: WorkoutScreen) -> None:
        # An app on its way out has uninstalled every screen already, and closes them.
        if self.is_screen_installed(ended):
            self.uninstall_screen(ended)
            if ended.is_attached and ended not in self.screen_stack:
                ended.remove()

    def history_lines(self) -> tuple[str | None, Callable[[], str | None] | None]:
        """What the summary says about the history: saved or not, at once; and a
        read (for a worker thread: it queries every session) of how the week stands,
        with a second line when this session makes the routine's next level worth a try."""
        store = self.store
        if store is None:
            return None, None
        if not store.saving:
            return "This session is not saved: history could not be opened for this run.", None
        if store.problem:
            return f"This session may not be saved: {store.problem}", None
        today, goal = self.parts.today(), self.parts.weekly_goal
        running = self._workout_of

        def week() -> str | None:
            from hiptimer.history.report import sessions, week_status
            from hiptimer.history.summary import HistoryUnreadable
            from hiptimer.history.training import progression_line
            from hiptimer.tui.history_screen import week_line

            try:
                history = sessions(store)
            except HistoryUnreadable:
                return None
            line = week_line(week_status(history, today, goal)) + "."
            progression = None if running is None else progression_line(history, *running)
            return line if progression is None else f"{line}\n{progression}"

        return "Saved to your history.", week

    def on_summary_closed(self, message: SummaryClosed) -> None:
        self._close_or_exit()

    def on_edit_routine(self, message: EditRoutine) -> None:
        self.push_screen(self._editor_screen(message.path, message.notice))

    def on_editor_closed(self, message: EditorClosed) -> None:
        self._close_or_exit()

    def on_show_history(self, message: ShowHistory) -> None:
        from hiptimer.tui.history_screen import HistoryScreen

        self.push_screen(HistoryScreen(self.store, weekly_goal=self.parts.weekly_goal,
                                       today=self.parts.today(), library=self.parts.library))

    def _close_or_exit(self) -> None:
        """Back to the screen underneath (library or editor), or out when there is none."""
        if len(self.screen_stack) > 2:  # the first is Textual's own default screen
            self.pop_screen()
        else:
            self.exit(return_code=self._status)

    async def action_quit(self) -> None:
        # Not the editor's module: quitting a workout's summary imported it (tree-sitter,
        # the text documents), which made that instant the TUI's peak memory, 1.3 MiB up.
        from hiptimer.tui.confirm import ConfirmLeave, ConfirmOverwrite

        if isinstance(self.screen, (ConfirmLeave, ConfirmOverwrite)):
            return  # already asking about the file: unsaved changes, or changed on disk
        # An editor open means its module was loaded: no need to load it to ask.
        editor = sys.modules.get("hiptimer.tui.editor_screen")
        if editor is not None and isinstance(self.screen, editor.EditorScreen):
            self.screen.confirm_leave(lambda: self.exit(return_code=self._status))
            return
        self.exit(return_code=self._status)

    def on_notice(self, message: Notice) -> None:
        self.notify_once(message.text)

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


def make_app(*, paths: Paths, player: Player, store: HistorySink | None = None,
             routine: Routine | None = None, source: str | None = None,
             resume: ResumePoint | None = None,
             edit: Path | None = None, edit_notice: str | None = None,
             **parts: Any) -> HiptimerApp:
    """The app from its parts (see ``AppParts`` for the rest: clock, tick_interval, ...).

    ``routine`` starts it at once on a workout (``source``: its file, else "hold"); ``edit``
    opens that file in the editor (``edit_notice`` told first); otherwise the
    library opens.
    """
    return HiptimerApp(AppParts(paths=paths, player=player, history=store, **parts),
                       Start(routine=routine, source=source or HOLD_SOURCE, resume=resume, edit=edit, edit_notice=edit_notice))
