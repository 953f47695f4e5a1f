"""The end of a workout: time taken, what was done and what was skipped."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from hiptimer.format import clock
from hiptimer.tui.messages import SummaryClosed
from hiptimer.tui.session_summary import SessionSummary


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter,escape", "close", "Done", id="done", key_display="enter",
                tooltip="Leave the summary"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit hiptimer"),
    ]

    def __init__(self, summary: SessionSummary, *, history: str | None = None) -> None:
        """``history``: one line on whether the session was saved and how the week stands."""
        super().__init__()
        self.summary = summary
        self.history = history
        self.set_class(summary.completed, "-completed")

    def compose(self) -> ComposeResult:
        summary = self.summary
        title = "Workout complete" if summary.completed else "Workout stopped"
        with VerticalScroll(id="summary-body"):
            yield Label(title, id="summary-title")
            yield Label(summary.routine_name, id="summary-routine", markup=False)
            yield Static(self._facts(), id="summary-facts", markup=False)
            if self.history:
                yield Static(self.history, id="summary-history", markup=False)
            if summary.partly_done or summary.skipped:
                yield Static(self._skipped(), id="summary-skipped", markup=False)
        yield Footer()

    def _facts(self) -> str:
        summary = self.summary
        lines = [
            f"Time taken:  {clock(summary.time_taken)} "
            f"({clock(summary.active)} active)",
            f"Exercises done:  {len(summary.done)} of {summary.total_exercises}",
        ]
        if summary.partly_done:
            lines.append(f"Partly done:  {len(summary.partly_done)}")
        lines.append(f"Skipped:  {len(summary.skipped)}")
        return "\n".join(lines)

    def _skipped(self) -> str:
        lines = [f"Partly done: {name}" for name in self.summary.partly_done]
        lines += [f"Skipped: {name}" for name in self.summary.skipped]
        return "\n".join(lines)

    def action_close(self) -> None:
        self.post_message(SummaryClosed())
