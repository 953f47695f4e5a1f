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
    """Built ahead of the workout's end (see ``HiptimerApp.on_summary_due``), filled at it:
    what it says is written by ``fill`` from the summary of what happened."""

    BINDINGS = [
        Binding("enter,escape", "close", "Done", id="done", key_display="enter",
                tooltip="Leave the summary"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit hiptimer"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.summary: SessionSummary | None = None
        self.history: str | None = None
        self._week: Callable[[], str | None] | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary-body"):
            yield Label(id="summary-title")
            yield Label(id="summary-routine", markup=False)
            yield Static(id="summary-facts", markup=False)
            yield Static(id="summary-history", markup=False)
            yield Static(id="summary-skipped", markup=False)
        # Textual's own footer, not QuietFooter: built ahead with its keys, the summary's
        # frame came later (bench screen lateness p99 17-21 ms against 11-12, measured).
        yield Footer()

    def fill(self, summary: SessionSummary, *, history: str | None = None,
             week: Callable[[], str | None] | None = None) -> None:
        """Say what happened. ``history``: one line on whether the session was saved;
        ``week``: a read of how the week stands (and whether the next level is worth a
        try), run in a worker thread once the summary is on the screen."""
        self.summary, self.history, self._week = summary, history, week
        if self.is_mounted:  # else on_mount writes it
            self._write()
            if self.is_current:  # filled again on the screen: no resume to come
                self._read_week()

    def on_mount(self) -> None:
        if self.summary is not None:
            self._write()

    def _write(self) -> None:
        summary = self.summary
        assert summary is not None
        title = self.query_one("#summary-title", Label)
        title.set_class(summary.completed, "-completed")
        title.update("Workout complete" if summary.completed else "Workout stopped")
        self.query_one("#summary-routine", Label).update(summary.routine_name)
        self.query_one("#summary-facts", Static).update(self._facts())
        self._show("#summary-history", self.history or "")
        self._show("#summary-skipped", self._skipped())

    def _show(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        widget.update(text)
        widget.display = bool(text)

    def on_screen_resume(self) -> None:
        self._read_week()

    def _read_week(self) -> None:
        if self._week is not None and self.history and not app_exiting(self):
            # After the first frame: the thread would hold the GIL while it draws.
            self.call_after_refresh(self.run_worker, self._week, thread=True,
                                    exit_on_error=False, group="week")
            self._week = None  # once: the screen resumes again after a palette closes

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "week" and event.state == WorkerState.SUCCESS \
                and event.worker.result:
            self.query_one("#summary-history", Static).update(
                f"{self.history} {event.worker.result}")

    def _facts(self) -> str:
        summary = self.summary
        assert summary is not None
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
        summary = self.summary
        assert summary is not None
        lines = [f"Partly done: {name}" for name in summary.partly_done]
        lines += [f"Skipped: {name}" for name in summary.skipped]
        return "\n".join(lines)

    def action_close(self) -> None:
        self.post_message(SummaryClosed())
