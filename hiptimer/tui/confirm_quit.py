"""The question asked before a workout is stopped."""

from __future__ import annotations

from textual.binding import Binding

from hiptimer.tui.confirm import Answer, Confirm


class ConfirmQuit(Confirm[bool]):
    """Dismisses with True to stop the workout, False to keep going."""

    BINDINGS = [
        Binding("y", "answer('stop')", "Stop", id="confirm-stop", tooltip="Stop the workout"),
        Binding("n,escape", "answer('keep')", "Keep going", id="confirm-keep",
                tooltip="Go back to the workout", key_display="n"),
    ]

    def __init__(self) -> None:
        super().__init__("Stop this workout?", "What you did so far is kept.",
                         (Answer("keep", "Keep going (n)", "primary"),
                          Answer("stop", "Stop (y)", "error")), safe="keep", tone="error")

    def result_of(self, answer: str) -> bool:
        return answer == "stop"
