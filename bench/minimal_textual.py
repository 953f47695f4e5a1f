"""The smallest Textual countdown worth the name: a label, Digits and a footer.

It redraws its Digits once a second for SECONDS, then exits: the reference
for hiptimer's TUI start-up, memory and CPU a minute.
With ``--big`` it draws the count in hiptimer's own BigText instead, at the
size the workout screen gives the number at 80x24 (the rows left by the lines
that must stay, here fixed labels): the reference for what the number alone
costs, the rest of the TUI's CPU being hiptimer's own work.
Usage: minimal_textual.py SECONDS [--big]
"""

from __future__ import annotations

import sys
import time

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Digits, Footer, Label

STAYING_LINES = ("Plank 1", "Next: rest 2 s", "0:30 left")
"""Stand-ins for the workout screen's one-row lines beside the number (never updated)."""


class Countdown(App[None]):
    BINDINGS = [Binding("q", "quit", "Quit")]
    CSS = "BigText { padding: 0 1; text-style: bold; }"

    def __init__(self, seconds: int, *, big: bool = False) -> None:
        super().__init__()
        self.seconds = seconds
        self.big = big
        self.ends_at = 0.0

    def compose(self) -> ComposeResult:
        yield Label("GET READY")
        if self.big:
            from hiptimer.tui.widgets.big_text import BigText

            yield Label(STAYING_LINES[0])
            yield BigText(id="count")
            yield from (Label(text) for text in STAYING_LINES[1:])
        else:
            yield Digits(str(self.seconds), id="count")
        yield Footer()

    def on_mount(self) -> None:
        self.ends_at = time.monotonic() + self.seconds
        self.show(self.seconds)
        self.set_interval(1.0, self.tick)

    def show(self, left: int) -> None:
        count: Widget = self.query_one("#count")
        if isinstance(count, Digits):
            count.update(str(left))
        else:
            count.text = str(left)  # type: ignore[attr-defined]

    def tick(self) -> None:
        left = round(self.ends_at - time.monotonic())
        self.show(max(left, 0))
        if left <= 0:
            self.exit()


if __name__ == "__main__":
    Countdown(int(sys.argv[1]), big="--big" in sys.argv[2:]).run()
