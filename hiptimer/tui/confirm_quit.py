"""The question asked before a workout is stopped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label

from hiptimer.tui.lifecycle import app_exiting


class ConfirmQuit(ModalScreen[bool]):
    """Dismisses with True to stop the workout, False to keep going."""

    BINDINGS = [
        Binding("y", "answer(True)", "Stop", id="confirm-stop", tooltip="Stop the workout"),
        Binding("n,escape", "answer(False)", "Keep going", id="confirm-keep",
                tooltip="Go back to the workout", key_display="n"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Label("Stop this workout?", id="confirm-question")
            yield Label("What you did so far is kept.", id="confirm-detail")
            with Horizontal(id="confirm-buttons"):
                yield Button("Keep going (n)", id="keep", variant="primary")
                yield Button("Stop (y)", id="stop", variant="error")

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        self.query_one("#keep", Button).focus()  # Enter by accident keeps the workout going

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "stop")

    def action_answer(self, stop: bool) -> None:
        self.dismiss(stop)
