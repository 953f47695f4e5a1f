"""The smallest Textual countdown worth the name: a label, Digits and a footer.

It redraws its Digits once a second for SECONDS, then exits: the reference
for hiptimer's TUI start-up, memory and CPU a minute.
Usage: minimal_textual.py SECONDS
"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Digits, Footer, Label


class Countdown(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]

    def __init__(self, seconds: int) -> None:
        super().__init__()
        self.seconds = seconds
        self.ends_at = 0.0

    def compose(self) -> ComposeResult:
        yield Label("GET READY")
        yield Digits(str(self.seconds))
        yield Footer()

    def on_mount(self) -> None:
        self.ends_at = time.monotonic() + self.seconds
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        left = round(self.ends_at - time.monotonic())
        self.query_one(Digits).update(str(max(left, 0)))
        if left <= 0:
            self.exit()


if __name__ == "__main__":
    Countdown(int(sys.argv[1])).run()
