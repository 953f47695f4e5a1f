"""The history: twelve weeks of session days, this week against the goal, and the streak."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Label, Static
from textual.worker import Worker, WorkerState

from hiptimer.format import clock, plural
from hiptimer.history.checks_report import checks_text
from hiptimer.history.report import WeekStatus, days_with_sessions, sessions, week_start, \
    week_status
from hiptimer.history.summary import HistoryUnreadable, SessionSummary
from hiptimer.history.training import RoutineGoal, routine_goals
from hiptimer.ports import HistorySink, RoutineLibrary
from hiptimer.tui.lifecycle import app_exiting

WEEKS = 12
RECENT = 10
CHECK_ROWS = 5
"""Sessions shown per self-test question (``hiptimer history --checks`` shows more)."""
DAY_NAMES = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def week_line(status: WeekStatus) -> str:
    """``2 of 2 this week: goal met`` or ``1 of 2 this week: 1 more to go``."""
    left = status.goal - status.count
    verdict = "goal met" if left <= 0 else f"{left} more to go"
    return f"{status.count} of {status.goal} this week: {verdict}"


def streak_line(status: WeekStatus) -> str:
    return f"Streak: {plural(status.streak, 'week')}"


def calendar_content(grid: Sequence[Sequence[int]], today: date, goal: int) -> Content:
    """One row per week, Monday first: a dot per counting session, the week's tally."""
    first = week_start(today) - timedelta(weeks=len(grid) - 1)
    lines = [Content.from_markup("[b]Week of[/b]  " + " ".join(f"{d:>2}" for d in DAY_NAMES))]
    for row, counts in enumerate(grid):
        monday = first + timedelta(weeks=row)
        cells = []
        for column, count in enumerate(counts):
            day = monday + timedelta(days=column)
            if day > today:
                cells.append("  ")
                continue
            mark = ("●" * min(count, 2)).rjust(2) if count else " ·"
            style = "$text-success" if count else "$text-muted"
            if day == today:
                style += " reverse"
            cells.append(f"[{style}]{mark}[/]")
        total = sum(counts)
        tally = "" if not total else f"{total}/{goal}" + (
            " [$text-success]✓[/]" if total >= goal else "")
        lines.append(Content.from_markup(
            f"{monday:%b %d}   " + " ".join(cells) + f"   {tally}"))
    lines.append(Content.from_markup("[$text-muted]● a workout at least half done[/]"))
    return Content("\n").join(lines)


def recent_text(history: Sequence[SessionSummary]) -> str:
    newest = list(reversed(history))[:RECENT]
    if not newest:
        return "No sessions yet: finish a workout and it will show up here."
    return "\n".join(f"{s.started:%b %d}  {clock(s.duration_seconds):>5}  {s.status:<11} "
                     f"{s.routine}" for s in newest)


class HistoryScreen(Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (64, "-wide")]
    BINDINGS = [
        Binding("escape,backspace,h", "back", "Back", id="back", key_display="esc",
                tooltip="Back to the library"),
        Binding("q", "app.quit", "Quit", id="quit", tooltip="Quit hiptimer"),
    ]

    def __init__(self, store: HistorySink | None, *, weekly_goal: int, today: date,
                 library: RoutineLibrary | None = None) -> None:
        """``library``: its routines' ``per_week``, each shown against this week."""
        super().__init__()
        self.store = store
        self.library = library
        self.weekly_goal = weekly_goal
        self.today = today

    def compose(self) -> ComposeResult:
        yield Label("hiptimer: history", id="history-title")
        with VerticalScroll(id="history-body"):
            yield Static(id="history-week", markup=False)
            yield Static(id="history-goals", markup=False)
            yield Static(id="history-notice", markup=False)
            with Horizontal(id="history-columns"):
                yield Static(id="history-calendar")
                with VerticalScroll(id="history-recent-box"):
                    yield Label("Recent sessions", id="history-recent-title")
                    yield Static(id="history-recent", markup=False)
            with Vertical(id="history-checks-box"):
                yield Label("Self-tests", id="history-checks-title")
                yield Static(id="history-checks", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        self.refresh_history()

    def refresh_history(self) -> None:
        """Read the history in a worker thread (it may wait on a lock), then show it."""
        self.run_worker(self._load, thread=True, exclusive=True, group="history-read",
                        exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "history-read" and event.state is WorkerState.SUCCESS:
            history, notice, goals = event.worker.result
            self._show(history, notice)
            self._show_goals(goals)

    def _show_goals(self, goals: list[RoutineGoal]) -> None:
        widget = self.query_one("#history-goals", Static)
        widget.update("\n".join(goal.text for goal in goals))
        widget.display = bool(goals)

    def _show(self, history: list[SessionSummary], notice: str | None) -> None:
        status = week_status(history, self.today, self.weekly_goal)
        self.query_one("#history-week", Static).update(
            f"{week_line(status)}   {streak_line(status)}")
        notice_widget = self.query_one("#history-notice", Static)
        notice_widget.update(notice or "")
        notice_widget.display = bool(notice)
        grid = days_with_sessions(history, WEEKS, self.today)
        self.query_one("#history-calendar", Static).update(
            calendar_content(grid, self.today, status.goal))
        self.query_one("#history-recent", Static).update(recent_text(history))
        has_checks = any(session.checks for session in history)
        self.query_one("#history-checks-box").display = has_checks
        self.query_one("#history-checks", Static).update(
            checks_text(history, CHECK_ROWS) if has_checks else "")

    def _load(self) -> tuple[list[SessionSummary], str | None, list[RoutineGoal]]:
        history, notice = self._read()
        routines = [] if self.library is None else [
            (entry.routine, str(entry.path)) for entry in self.library.entries()
            if entry.routine is not None]
        return history, notice, routine_goals(history, routines, week_start(self.today))

    def _read(self) -> tuple[list[SessionSummary], str | None]:
        if self.store is None:
            return [], "History is off for this run."
        try:
            history = sessions(self.store)
        except HistoryUnreadable as error:
            return [], str(error)
        if not self.store.saving:
            return history, ("History is not being saved this run: only this run's sessions "
                             "are shown.")
        return history, None

    def action_back(self) -> None:
        self.dismiss()
