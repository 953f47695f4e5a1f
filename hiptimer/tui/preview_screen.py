"""A routine before it starts: its exercises, total time and the equipment to fetch."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from hiptimer.library import Entry
from hiptimer.format import plural, total_text
from hiptimer.tui.formatting import equipment_text, sets_text, shape_text, sides_text
from hiptimer.tui.lifecycle import app_exiting
from hiptimer.tui.messages import StartWorkout


class PreviewScreen(Screen[None]):
    AUTO_FOCUS = "#exercises"
    BINDINGS = [
        Binding("enter", "start", "Start", id="start", priority=True,
                tooltip="Start this routine"),
        Binding("escape,backspace", "back", "Back", id="back", key_display="esc",
                tooltip="Back to the library"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit hiptimer"),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose(self) -> ComposeResult:
        routine, plan = self.entry.routine, self.entry.plan
        yield Label(routine.name if routine else self.entry.name, id="preview-title",
                    markup=False)
        if routine is None or plan is None:
            self.add_class("-invalid")
            problems = "\n".join(str(problem) for problem in self.entry.loaded.problems)
            yield Label("This routine can't run until these are fixed:", id="preview-facts")
            yield Static(problems or "invalid routine", id="preview-problems", markup=False)
        else:
            if routine.description:
                yield Label(routine.description, id="preview-description", markup=False)
            count = len(routine.exercises)
            yield Static(  # wraps on a narrow terminal: the equipment stays visible
                f"Total {total_text(plan.total_seconds, plan.estimated)}   "
                f"{plural(count, 'exercise')}   "
                f"Equipment: {equipment_text(routine)}",
                id="preview-facts", markup=False,
            )
            yield DataTable(id="exercises", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        routine = self.entry.routine
        if routine is None:
            return
        table = self.query_one("#exercises", DataTable)
        table.add_columns("#", "Exercise", "Each block", "Sides", "Sets")
        for number, exercise in enumerate(routine.exercises, start=1):
            table.add_row(str(number), Text(exercise.name), shape_text(exercise),
                          sides_text(exercise) or "-", sets_text(exercise))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.entry.routine is not None
        return True

    def action_start(self) -> None:
        if self.entry.routine is not None:
            self.post_message(StartWorkout(self.entry.routine, str(self.entry.path)))

    def action_back(self) -> None:
        self.dismiss()
