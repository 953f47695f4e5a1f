"""Asks for a new routine's name, says the file it will be, and creates it."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from hiptimer.core.text import printable
from hiptimer.editing import new_routine, slugify
from hiptimer.library import ROUTINE_SUFFIX


class AskName(ModalScreen[Path | None]):
    """Asks for a new routine's name and creates it; dismisses with its path, or None."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="name-cancel", tooltip="Don't create it")]

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(id="name-dialog"):
            yield Label("Name of the new routine:", id="name-question")
            yield Input(placeholder="Morning hips", id="name-input")
            yield Label("Enter creates it, esc cancels", id="name-hint", markup=False)

    def on_input_changed(self, event: Input.Changed) -> None:
        slug = slugify(event.value)
        hint = self.query_one("#name-hint", Label)
        if not event.value.strip():
            hint.update("Enter creates it, esc cancels")
        elif not slug:
            hint.update("The name needs a letter or a digit")
        elif (self.folder / f"{slug}{ROUTINE_SUFFIX}").exists():
            hint.update(f"{slug}{ROUTINE_SUFFIX} exists already: choose another name")
        else:
            hint.update(f"Saved as {slug}{ROUTINE_SUFFIX}")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            path = new_routine(event.value, self.folder)
        except (ValueError, OSError) as error:  # OSError: FileExistsError too
            self.query_one("#name-hint", Label).update(printable(str(error)))  # names a path
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
