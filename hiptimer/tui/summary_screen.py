"""The end of a workout: time taken, what was done and what was skipped."""

from __future__ import annotations

from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static
from textual.worker import Worker, WorkerState

from hiptimer.format import clock
from hiptimer.tui.lifecycle import app_exiting
from hiptimer.tui.messages import SummaryClosed
from hiptimer.core.summary import SessionSummary


class SummaryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter,escape", "close", "Done", id="done", key_display="enter",
                tooltip="Leave the summary"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit hiptimer"),
    ]

    def __init__(self, summary: SessionSummary, *, history: str | None = None,
                 week: Callable[[], str | None] | None = None) -> None:
        """``history``: one line on whether the session was saved; ``week``: a read of
        how the week stands (and whether the next level is worth a try), run in a worker
        thread so the summary shows at once."""
        super().__init__()
        self.summary = summary
        self.history = history
        self._week = week
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

    def on_mount(self) -> None:
        if self._week is not None and self.history and not app_exiting(self):
            # After the first frame: the thread would hold the GIL while it draws.
            self.call_after_refresh(self.run_worker, self._week, thread=True,
                                    exit_on_error=False, group="week")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "week" and event.state == WorkerState.SUCCESS \
                and event.worker.result:
            self.query_one("#summary-history", Static).update(
                f"{self.history} {event.worker.result}")

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
