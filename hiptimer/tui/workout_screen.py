"""The workout: renders what the session says is true now and turns keys into its commands."""

from __future__ import annotations

import os
from functools import partial
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.worker import Worker, WorkerState

from hiptimer.core.events import Event
from hiptimer.interruptions import EXIT_INTERRUPTED
from hiptimer.ports import Player
from hiptimer.session import WorkoutSession
from hiptimer.tui.confirm_quit import ConfirmQuit
from hiptimer.tui.lifecycle import app_exiting
from hiptimer.tui.messages import Notice, SummaryDue, WorkoutEnded
from hiptimer.tui.quiet_footer import QuietFooter
from hiptimer.tui.step_alarm import FrameKind, StepAlarm
from hiptimer.tui.terminal_output import hold_output, release_output, write_to_terminal
from hiptimer.tui.widgets.workout_panel import WorkoutPanel
from hiptimer.tui.window_title import WindowTitle
from hiptimer.tui.workout_view import WorkoutView, build_view

SUMMARY_AHEAD = 0.5
"""Seconds into the last step to build the summary: halfway between two of its
once-a-second frames, so that neither waits for it (a shorter last step ends
without it, and the summary is built at the end)."""


class WorkoutScreen(Screen[None]):
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="pause",
                tooltip="Pause or resume the workout (during self-paced reps: count a rep)"),
        # Before skip's "n" (after space, for the footer's order): while a self-test
        # question waits, n answers it; right still skips.
        Binding("y", "answer_yes", "Yes", id="check-yes",
                tooltip="Answer the self-test question shown: yes"),
        Binding("n", "answer_no", "No", id="check-no",
                tooltip="Answer the self-test question shown: no"),
        # No key_display: while n answers a question, the footer shows skip as →.
        Binding("n,right", "skip_step", "Skip", id="skip-step",
                tooltip="Skip to the next step"),
        Binding("N", "skip_exercise", "Skip ex.", id="skip-exercise",
                tooltip="Skip the rest of this exercise"),
        Binding("b,left", "back", "Back", id="back", key_display="b",
                tooltip="Go back to the start of this step, or to the previous one"),
        Binding("plus", "extend", "10s", id="extend", key_display="+",
                tooltip="Add 10 seconds to this step"),
        Binding("r,enter", "count_rep", "Rep", id="count-rep", key_display="r",
                tooltip="Count one rep of a self-paced exercise"),
        Binding("m", "toggle_mute", "Mute", id="mute", tooltip="Turn the sounds off or on"),
        Binding("q", "request_quit", "Quit", id="quit",
                tooltip="Stop the workout (asks first; the session is kept)"),
        Binding("ctrl+c", "interrupt", "Stop now", id="interrupt", show=False, priority=True,
                tooltip="Stop the workout at once and leave (the session is kept)"),
        Binding("ctrl+z", "suspend", "Suspend", id="suspend", show=False,
                tooltip="Pause and put hiptimer in the background (fg brings it back)"),
    ]

    def __init__(self, session: WorkoutSession, *, player: Player,
                 tick_interval: float | None, window_title: bool = True) -> None:
        super().__init__()
        self.session = session
        self.plan = session.plan
        self._player = player
        self._tick_interval = tick_interval
        self._alarm = StepAlarm(session, player, on_draw=self.draw_ahead, on_due=self.tick)
        self._drawn_ahead = False  # the alarm's instant is on the screen already
        self._next_frame: FrameKind = "second"  # what the alarm's instant brings
        self._waiting = False
        self._asking: tuple[bool, bool] = (False, False)  # a question waits; the workout finished
        self._ended = False
        self._ended_ahead = False  # the summary is on the screen, the session not over yet
        self._summary_due = False
        self.window_title = WindowTitle(self._write_to_terminal, enabled=window_title)

    def compose(self) -> ComposeResult:
        # The Linux console's fonts may lack half blocks: there a pixel is a whole █.
        yield WorkoutPanel(full_blocks=os.environ.get("TERM") == "linux")
        yield QuietFooter()

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        self.query_one("#mute-flag").display = bool(self._player.muted)
        # Back from Ctrl+Z (see action_suspend): the title follows the workout again.
        self.app.app_resume_signal.subscribe(self, lambda app: self._show_title())
        self._show_notice()
        self.run_worker(partial(self._player.prepare, self.plan), thread=True,
                        exit_on_error=False, group="sound")
        # A new screen's frame, as the summary's will be: the lead to show that one ahead.
        self._timed_frame(partial(self._apply, self.session.start()), "screen")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "sound" and event.state in (WorkerState.SUCCESS, WorkerState.ERROR):
            self._show_notice()

    def on_unmount(self) -> None:
        self._alarm.cancel()
        release_output(self.app)
        self.window_title.restore()
        # Leaving mid-workout (the app closed): the session is kept, as stopped.
        self.session.close()

    def tick(self) -> None:
        """Ask the session what is true now, and show it (unless it is shown already)."""
        if self._drawn_ahead or self._ended_ahead:
            self._command(self.session.advance, drawn=True)
        else:  # drawn now: how long it takes tells the alarm how far ahead to draw
            self._timed_frame(partial(self._command, self.session.advance), self._next_frame)

    def draw_ahead(self, at: float) -> None:
        """Show now what the session foresees at ``at``, the alarm's next instant: a frame
        takes a moment to reach the terminal (the alarm measures it), and the session is
        told at the instant itself. A command in between shows what is true instead."""
        if self._ended:
            return
        hold_output(self.app)  # until the instant (see tick)
        state = self.session.foresee(at)
        if state.finished:
            # Else the last questions wait, or a question or the palette is open: the
            # end comes on the instant.
            summary = self.session.foresee_summary(at) if self.is_current else None
            if summary is not None:
                self._ended_ahead = True
                self.post_message(WorkoutEnded(summary, ahead=True))
            return
        self._timed_frame(partial(self._show_view, build_view(self.plan, state)),
                          self._next_frame)
        self._drawn_ahead = True

    def _timed_frame(self, draw: Callable[[], None], kind: FrameKind) -> None:
        began = self.session.clock()
        draw()
        self.call_after_refresh(lambda: self._alarm.drawn(self.session.clock() - began, kind))

    def suspended(self) -> None:
        """The process was stopped and runs again: stay paused where it was (see WorkoutSession)."""
        self._command(self.session.suspended)

    def _command(self, command: Callable[[], list[Event]], *, drawn: bool = False) -> None:
        release_output(self.app)  # the instant drawn ahead has come, or a key came first
        self._drawn_ahead = False
        if not self._ended:
            self._apply(command(), drawn=drawn)  # a command reports what it crossed up to now too

    def _apply(self, events: list[Event], *, drawn: bool = False) -> None:
        finished = self.session.finished
        if finished and not self.session.pending_checks:
            self._end()
            return
        state = self.session.state()
        if not drawn:
            self._show_view(build_view(self.plan, state))
        self._show_checks()
        if state.index == len(self.plan.steps) - 1 and not self._summary_due:
            self._summary_due = True
            if self._tick_interval is None:  # tests tick by hand: at once
                self._ask_for_summary()
            else:
                self.set_timer(SUMMARY_AHEAD, self._ask_for_summary)
        if not finished:  # else the last questions wait for their answers, the timer done
            self._schedule()

    def _show_checks(self) -> None:
        pending, finished = self.session.pending_checks, self.session.finished
        self.query_one(WorkoutPanel).show_checks(pending, finished=finished)
        if (bool(pending), finished) != self._asking:
            self._asking = (bool(pending), finished)
            self.refresh_bindings()

    def _schedule(self) -> None:
        """Wake when the session says something changes; nothing does while paused or waiting."""
        if self._tick_interval is None:
            return  # tests tick by hand
        self._alarm.cancel()
        wake = self.session.next_wake()
        if wake is not None:
            wake = min(wake, self.session.clock() + self._tick_interval)
            ahead, now = self.session.foresee(wake), self.session.state()
            self._next_frame = ("screen" if ahead.finished else
                                "step" if ahead.index != now.index else "second")
            self._alarm.set(wake, self._next_frame)

    def _ask_for_summary(self) -> None:
        if not self._ended and not app_exiting(self):
            self.post_message(SummaryDue())

    def _end(self) -> None:
        self._ended = True
        self._alarm.cancel()
        self.window_title.restore()
        summary = self.session.summary()
        self.session.close()
        if not self._ended_ahead and not self.is_current:
            self.pop_until_active()  # a quit question or the palette is open: close it
        # Shown ahead already: told again, the summary reads the week now it is saved.
        self.post_message(WorkoutEnded(summary))

    def _show_view(self, view: WorkoutView) -> None:
        self.query_one(WorkoutPanel).view = view
        self.window_title.show(view.title)
        if view.waiting != self._waiting:
            self._waiting = view.waiting
            self.refresh_bindings()

    def _show_title(self) -> None:
        if not self._ended:
            self.window_title.show(build_view(self.plan, self.session.state()).title)

    def _write_to_terminal(self, data: str) -> None:
        if not app_exiting(self):
            write_to_terminal(self.app, data)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("answer_yes", "answer_no"):
            return self._asking[0]
        if self._asking[1]:  # finished, the last questions waiting: nothing else to do
            return action in ("request_quit", "interrupt", "toggle_mute")
        if action == "count_rep":
            return self._waiting
        return True

    def _show_notice(self) -> None:
        notice = self._player.notice
        if notice:
            # Through the app, which shows each notice once however many workouts run.
            self.app.post_message(Notice(notice))

    def action_toggle_pause(self) -> None:
        # A self-paced rep has no clock to pause: there space counts the rep,
        # as the routine format promises ("space bar per rep").
        self._command(self.session.count_rep if self._waiting else self.session.toggle_pause)

    def action_skip_step(self) -> None:
        self._command(self.session.skip_step)

    def action_skip_exercise(self) -> None:
        self._command(self.session.skip_exercise)

    def action_back(self) -> None:
        self._command(self.session.back)

    def action_extend(self) -> None:
        self._command(self.session.extend)

    def action_count_rep(self) -> None:
        self._command(self.session.count_rep)

    def action_answer_yes(self) -> None:
        self._command(partial(self.session.answer, True))

    def action_answer_no(self) -> None:
        self._command(partial(self.session.answer, False))

    def action_interrupt(self) -> None:
        """Ctrl+C: stop at once, no question (the session is kept), and leave with 130."""
        self._command(self.session.stop)
        self.app.exit(return_code=EXIT_INTERRUPTED)

    def action_suspend(self) -> None:
        """Ctrl+Z: pause, then hand the terminal back to the shell until `fg`."""
        if not self.session.state().paused:
            self._command(self.session.pause)
        # The shell gets its title back until `fg`; written now, in order before
        # the driver leaves application mode (Textual's suspend signal comes later).
        self.window_title.restore()
        self.app.action_suspend_process()

    def action_toggle_mute(self) -> None:
        self._player.muted = not self._player.muted
        self.query_one("#mute-flag", Widget).display = bool(self._player.muted)
        self.notify("Sound off" if self._player.muted else "Sound on", timeout=2)

    def action_request_quit(self) -> None:
        if self._ended or not self.is_current:
            return
        if self.session.finished:  # only the last questions wait: leave them unanswered
            self._end()
            return
        self.app.push_screen(ConfirmQuit(), self._quit_answered)

    def _quit_answered(self, stop: bool | None) -> None:
        if stop:
            self._command(self.session.stop)

