"""The routine library: every routine, the broken ones with their error, and a filter."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Label
from textual.worker import Worker, WorkerState

from hiptimer.core.text import printable
from hiptimer.commands import routine_of
from hiptimer.core.compose import at_level
from hiptimer.editing import editable_copy
from hiptimer.library import Entry
from hiptimer.history.resume import OFFERED_WITHIN, ResumePoint, latest_unfinished, resumed_level
from hiptimer.history import local_now
from hiptimer.history.summary import HistoryUnreadable, load_sessions
from hiptimer.core.model import Routine
from hiptimer.ports import HistorySink, RoutineLibrary
from hiptimer.format import total_text
from hiptimer.tui.ask_name import AskName
from hiptimer.tui.formatting import equipment_text, matches
from hiptimer.tui.lifecycle import app_exiting
from hiptimer.tui.messages import EditRoutine, ShowHistory, StartWorkout
from hiptimer.tui.preview_screen import PreviewScreen


def entry_fields(entry: Entry) -> tuple[str, ...]:
    """The text the filter searches: name, file stem, tags and equipment."""
    routine = entry.routine
    if routine is None:
        return (entry.name, entry.stem, entry.error or "")
    return (routine.name, entry.stem, routine.description, *routine.tags,
            *routine.all_equipment())


class LibraryScreen(Screen[None]):
    AUTO_FOCUS = "#routines"
    BINDINGS = [
        # priority: Enter previews from the filter box too
        Binding("enter", "preview", "Preview", id="preview", priority=True,
                tooltip="Show the exercises of the highlighted routine, or of the marked ones"),
        Binding("r", "run", "Run", id="run",
                tooltip="Start the highlighted routine, or the marked ones back to back"),
        Binding("space", "mark", "Mark", id="mark",
                tooltip="Mark the highlighted routine (again: unmark it); the marked ones "
                        "run back to back as one session, in the order marked"),
        Binding("slash", "filter", "Filter", id="filter", key_display="/",
                tooltip="Type to narrow the list"),
        Binding("e", "edit", "Edit", id="edit",
                tooltip="Edit the highlighted routine (a built-in one is copied to yours first)"),
        Binding("n", "new", "New", id="new", tooltip="Create a new routine and edit it"),
        Binding("h", "history", "History", id="history",
                tooltip="Your sessions of the last twelve weeks and the weekly goal"),
        Binding("R", "resume", "Resume", id="resume",
                tooltip="Carry on the unfinished workout shown above the list"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit hiptimer"),
        Binding("escape", "unmark", "Unmark", id="unmark", show=False,
                tooltip="Back to the list from the filter; on the list, unmark every routine"),
        Binding("down", "focus_list", "List", show=False),
    ]

    def __init__(self, library: RoutineLibrary, history: HistorySink | None = None,
                 now: Callable[[], datetime] = local_now) -> None:
        super().__init__()
        self.library = library
        self.history = history
        self._now = now
        self.resumable: tuple[ResumePoint, Entry] | None = None
        """The most recent unfinished session of the last day, and its routine."""
        self.entries: list[Entry] = []
        self.shown: list[Entry] = []
        self.marked: list[Path] = []
        """The files of the marked routines, in the order they were marked (and will run)."""
        self._shown_before = False

    def compose(self) -> ComposeResult:
        yield Label("hiptimer: routines", id="library-title")
        yield Label("", id="library-resume", markup=False)
        yield Input(placeholder="/ to filter by name, tag or equipment", id="filter",
                    compact=True)
        yield DataTable(id="routines", cursor_type="row", zebra_stripes=True)
        yield Label("", id="library-marked", markup=False)
        yield Label("", id="library-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        table = self.query_one("#routines", DataTable)
        table.add_column("", key="mark", width=3)  # room for ✓10 before any is marked
        table.add_column("Routine", key="name")
        table.add_column("Time", key="time")
        table.add_column("Ex.", key="count")
        table.add_column("Equipment / problem", key="detail")
        self.query_one("#library-resume").display = False
        self.query_one("#library-marked").display = False
        self.reload()

    def on_screen_resume(self) -> None:
        if self._shown_before:  # back from another screen: routine files may have changed
            self.reload()
        self._shown_before = True

    def reload(self, select: Path | None = None) -> None:
        """Read the routine folders again, keep the filter, and highlight ``select`` if given."""
        table = self.query_one("#routines", DataTable)
        current = self.highlighted()
        wanted = select or (current.path if current else None)
        self.entries = self.library.entries()
        runnable = {entry.path for entry in self.entries if entry.routine is not None}
        self.marked = [path for path in self.marked if path in runnable]
        if self.history is not None:
            self.run_worker(self._find_resumable, thread=True, exclusive=True,
                            group="resumable", exit_on_error=False)
        query = self.query_one("#filter", Input).value
        self._show([entry for entry in self.entries if matches(query, *entry_fields(entry))])
        for row, entry in enumerate(self.shown):
            if wanted is not None and entry.path == wanted:
                table.move_cursor(row=row)
                break

    def _show(self, entries: list[Entry]) -> None:
        table = self.query_one("#routines", DataTable)
        table.clear()
        self.shown = list(entries)
        error_style = self.app.get_css_variables().get("text-error", "")
        for row, entry in enumerate(entries):
            table.add_row(self._mark(entry), *self._cells(entry, error_style), key=str(row))
        self._show_marked()
        empty = self.query_one("#library-empty", Label)
        if not self.entries:
            empty.update(f"No routines found. Put .toml files in "
                         f"{printable(str(self.library.user_folder))}")
        elif not entries:
            empty.update("No routine matches the filter")
        empty.display = not entries

    def _mark(self, entry: Entry) -> str:
        """``✓2`` on the second routine marked: the order they will run in."""
        return f"✓{self.marked.index(entry.path) + 1}" if entry.path in self.marked else ""

    def _show_marked(self) -> None:
        label = self.query_one("#library-marked", Label)
        names = [entry.name for path in self.marked for entry in self.entries
                 if entry.path == path]
        label.update(f"{len(names)} marked (Enter previews, r runs them as one, esc "
                     f"unmarks): {' + '.join(names)}")
        label.display = bool(self.marked)

    def marked_routine(self) -> tuple[Routine, str] | None:
        """The marked routines as one, back to back as ``hiptimer run A B C`` runs them."""
        entries = [entry for path in self.marked for entry in self.entries
                   if entry.path == path and entry.routine is not None]
        return routine_of(entries) if entries else None

    @staticmethod
    def _cells(entry: Entry, error_style: str) -> tuple[object, ...]:
        routine, plan = entry.routine, entry.plan
        if routine is None or plan is None:
            error = (entry.error or "invalid routine").replace(str(entry.path), entry.path.name)
            return (Text(entry.name, style=error_style), "-", "-", Text(error, style=error_style))
        # Text, not str: a plain string in a table cell is read as markup.
        return (Text(routine.name), total_text(plan.total_seconds, plan.estimated),
                str(len(routine.exercises)), Text(equipment_text(routine)))

    def _find_resumable(self) -> tuple[ResumePoint, Entry] | None:
        """In a worker thread: the history may be slow, or locked by another program."""
        assert self.history is not None
        try:
            point = latest_unfinished(load_sessions(self.history),
                                      since=self._now() - OFFERED_WITHIN)
        except HistoryUnreadable:
            return None
        entry = next((entry for entry in self.entries if point is not None
                      and str(entry.path) == point.source and entry.routine is not None), None)
        return None if point is None or entry is None else (point, entry)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "resumable" and event.state is WorkerState.SUCCESS:
            self.resumable = event.worker.result
            offer = self.query_one("#library-resume", Label)
            if self.resumable is not None:
                point, entry = self.resumable
                offer.update(f"Unfinished: {entry.name}, last seen "
                             f"{point.last_seen.strftime('%H:%M')}. Press R to resume it.")
            offer.display = self.resumable is not None
            self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            return self.resumable is not None
        return True

    def action_resume(self) -> None:
        if self.resumable is not None:
            point, entry = self.resumable
            assert entry.routine is not None
            self.post_message(StartWorkout(at_level(entry.routine, resumed_level(point)),
                                           str(entry.path), resume=point))

    def on_input_changed(self, event: Input.Changed) -> None:
        query = event.value
        self._show([entry for entry in self.entries if matches(query, *entry_fields(entry))])

    def highlighted(self) -> Entry | None:
        table = self.query_one("#routines", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def action_preview(self) -> None:
        together = self.marked_routine()
        entry = self.highlighted()
        if together is not None:
            self.action_focus_list()  # coming back, the keys act on the list, not the filter
            self.app.push_screen(PreviewScreen(*together))
        elif entry is not None:
            self.action_focus_list()
            self.app.push_screen(PreviewScreen.of(entry))

    def _runnable(self) -> Entry | None:
        """The highlighted routine when it can run; a broken one says why, once, and is None."""
        entry = self.highlighted()
        if entry is not None and entry.routine is None:
            self.notify(entry.error or "This routine has problems", title="Can't run it",
                        severity="error", markup=False)
            return None
        return entry

    def action_mark(self) -> None:
        entry = self._runnable()
        if entry is None:
            return
        if entry.path in self.marked:
            self.marked.remove(entry.path)
        else:
            self.marked.append(entry.path)
        self._refresh_marks()

    def action_unmark(self) -> None:
        if not self.query_one("#routines", DataTable).has_focus:
            self.action_focus_list()  # from the filter: back to the list, marks kept
            return
        self.marked.clear()
        self._refresh_marks()

    def _refresh_marks(self) -> None:
        table = self.query_one("#routines", DataTable)
        for row, entry in enumerate(self.shown):
            table.update_cell(str(row), "mark", self._mark(entry))
        self._show_marked()

    def action_run(self) -> None:
        together = self.marked_routine()
        if together is not None:
            self.marked.clear()  # started: the marks have done their work
            self._refresh_marks()
            self.action_focus_list()
            self.post_message(StartWorkout(*together))
            return
        entry = self._runnable()
        if entry is None or entry.routine is None:
            return
        self.action_focus_list()
        self.post_message(StartWorkout(entry.routine, str(entry.path)))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_focus_list(self) -> None:
        self.query_one("#routines", DataTable).focus()

    def action_edit(self) -> None:
        entry = self.highlighted()
        if entry is None:
            return
        try:
            path, notice = editable_copy(entry, self.library.user_folder)
        except OSError as error:
            self.notify(printable(str(error)), title="Can't edit it", severity="error",
                        markup=False)
            self.reload()
            return
        self.action_focus_list()
        self.post_message(EditRoutine(path, notice))

    def action_new(self) -> None:
        def created(path: Path | None) -> None:
            if path is not None:
                self.action_focus_list()
                self.post_message(EditRoutine(path, f"created {printable(str(path))}"))

        self.app.push_screen(AskName(self.library.user_folder), created)

    def action_history(self) -> None:
        self.post_message(ShowHistory())
