"""The one question dialog: a question, a line of detail, a button and a key per answer.

Each question is a small subclass that declares its answers and its keys
(``BINDINGS`` with ids and tooltips, so the footer and the palette offer them).
"""

from __future__ import annotations

from typing import Generic, NamedTuple, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label
from textual.widgets.button import ButtonVariant

from hiptimer.core.text import printable
from hiptimer.tui.lifecycle import app_exiting

Result = TypeVar("Result")


class Answer(NamedTuple):
    id: str
    label: str
    variant: ButtonVariant = "default"


class Confirm(ModalScreen[Result], Generic[Result]):
    """Dismisses with ``result_of`` the answer chosen by button or key.

    ``safe``: the answer focused first (Enter by accident loses nothing);
    ``tone``: the dialog's border, ``warning`` or ``error``.
    """

    def __init__(self, question: str, detail: str, answers: tuple[Answer, ...], safe: str,
                 tone: str = "warning") -> None:
        super().__init__()
        self.question = printable(question)  # it may hold a file name
        self.detail = printable(detail)
        self.answers = answers
        self.safe = safe
        self.tone = tone

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes=f"-{self.tone}"):
            yield Label(self.question, id="confirm-question", markup=False)
            yield Label(self.detail, id="confirm-detail", markup=False)
            with Horizontal(id="confirm-buttons"):
                for answer in self.answers:
                    yield Button(answer.label, id=answer.id, variant=answer.variant)

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        self.query_one(f"#{self.safe}", Button).focus()

    def result_of(self, answer: str) -> Result:
        return answer  # type: ignore[return-value]

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(self.result_of(event.button.id or self.safe))

    def action_answer(self, answer: str) -> None:
        self.dismiss(self.result_of(answer))


class ConfirmLeave(Confirm[str]):
    """Unsaved changes: dismisses with "save", "discard" or "cancel"."""

    BINDINGS = [
        Binding("s", "answer('save')", "Save", id="leave-save", tooltip="Save, then leave"),
        Binding("d", "answer('discard')", "Discard", id="leave-discard",
                tooltip="Leave without saving"),
        Binding("c,escape", "answer('cancel')", "Cancel", id="leave-cancel", key_display="esc",
                tooltip="Stay in the editor"),
    ]

    def __init__(self, file_name: str) -> None:
        super().__init__(f"Save changes to {file_name}?", "Only a valid routine can be saved.",
                         (Answer("save", "Save (s)", "primary"),
                          Answer("discard", "Discard (d)", "error"),
                          Answer("cancel", "Cancel (esc)")), safe="cancel")
        self.file_name = file_name


class ConfirmOverwrite(Confirm[bool]):
    """Saving over a file changed on disk, or made read-only: True to save anyway."""

    BINDINGS = [
        Binding("o", "answer('overwrite')", "Overwrite", id="overwrite-save",
                tooltip="Save your text over the file as it is on disk now"),
        Binding("c,escape", "answer('cancel')", "Cancel", id="overwrite-cancel",
                key_display="esc", tooltip="Don't save; the file on disk stays as it is"),
    ]

    def __init__(self, question: str, detail: str) -> None:
        super().__init__(question, detail, (Answer("overwrite", "Overwrite (o)", "error"),
                                            Answer("cancel", "Cancel (esc)", "primary")),
                         safe="cancel")

    def result_of(self, answer: str) -> bool:
        return answer == "overwrite"
