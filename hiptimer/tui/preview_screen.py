"""A routine before it starts: its caution, exercises at a level, total time and equipment."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, Static

from hiptimer.core.compose import at_level
from hiptimer.core.model import Level, Routine
from hiptimer.core.plan import build_plan
from hiptimer.core.text import printable
from hiptimer.library import Entry
from hiptimer.format import plural, total_text
from hiptimer.tui.formatting import equipment_text, sets_text, shape_text, sides_text
from hiptimer.tui.lifecycle import app_exiting
from hiptimer.tui.messages import StartWorkout


class PreviewScreen(Screen[None]):
    AUTO_FOCUS = "#exercises"
    BINDINGS = [
        Binding("enter", "start", "Start", id="start", priority=True,
                tooltip="Start this routine at the level shown"),
        Binding("l", "cycle_level", "Level", id="level",
                tooltip="The next of the routine's levels: easier, standard, harder"),
        Binding("escape,backspace", "back", "Back", id="back", key_display="esc",
                tooltip="Back to the library"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit hiptimer"),
    ]

    def __init__(self, routine: Routine | None, source: str, *, name: str = "",
                 problems: Sequence[str] = ()) -> None:
        """``routine`` as written (None when invalid: ``problems`` say why), read from ``source``."""
        super().__init__()
        self.written = routine
        self.source = source
        self.routine_name = routine.name if routine else name
        self.problems = tuple(problems)
        self.level: Level = "standard"

    @classmethod
    def of(cls, entry: Entry) -> PreviewScreen:
        return cls(entry.routine, str(entry.path), name=entry.name,
                   problems=[str(problem) for problem in entry.loaded.problems])

    @property
    def routine(self) -> Routine | None:
        """The routine at the level shown, as it would run."""
        return None if self.written is None else at_level(self.written, self.level)

    def compose(self) -> ComposeResult:
        routine = self.written
        yield Label(self.routine_name, id="preview-title", markup=False)
        if routine is None:
            self.add_class("-invalid")
            yield Label("This routine can't run until these are fixed:", id="preview-facts")
            yield Static("\n".join(self.problems) or "invalid routine", id="preview-problems",
                         markup=False)
        else:
            if routine.caution:
                yield Static(f"Caution: {printable(routine.caution)}", id="preview-caution",
                             markup=False)
            if routine.description:
                yield Label(routine.description, id="preview-description", markup=False)
            if routine.source:
                yield Label(f"Source: {printable(routine.source)}", id="preview-source",
                            markup=False)
            # Wraps on a narrow terminal: the equipment stays visible.
            yield Static(id="preview-facts", markup=False)
            yield Label(id="preview-level", markup=False)
            yield DataTable(id="exercises", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        if app_exiting(self) or self.written is None:
            return
        self.query_one("#exercises", DataTable).add_columns(
            "#", "Exercise", "Each block", "Sides", "Sets")
        self._show_level()

    def _show_level(self) -> None:
        """The facts, the level line and the exercise list, at the level chosen."""
        assert self.written is not None
        routine = at_level(self.written, self.level)
        plan = build_plan(routine)
        parts = f"{plural(len(routine.parts), 'part')}, " if routine.parts else ""
        self.query_one("#preview-facts", Static).update(
            f"Total {total_text(plan.total_seconds, plan.estimated)}   "
            f"{parts}{plural(len(routine.exercises), 'exercise')}   "
            f"Equipment: {equipment_text(routine)}")
        levels = self.written.levels
        level_line = self.query_one("#preview-level", Label)
        level_line.update(f"Level: {self.level}   (l: {' · '.join(levels)})")
        level_line.display = len(levels) > 1
        table = self.query_one("#exercises", DataTable)
        table.clear()
        for number, exercise in enumerate(routine.exercises, start=1):
            table.add_row(str(number), Text(exercise.name), shape_text(exercise),
                          sides_text(exercise) or "-", sets_text(exercise))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start":
            return self.written is not None
        if action == "cycle_level":
            return self.written is not None and len(self.written.levels) > 1
        return True

    def action_cycle_level(self) -> None:
        if self.written is None:
            return
        levels = self.written.levels
        self.level = levels[(levels.index(self.level) + 1) % len(levels)]
        self._show_level()

    def action_start(self) -> None:
        routine = self.routine
        if routine is not None:
            self.post_message(StartWorkout(routine, self.source))

    def action_back(self) -> None:
        self.dismiss()
