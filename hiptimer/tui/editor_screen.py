"""Editing a routine file: TOML with highlighting, live validation, the plan's total time,
atomic saves, and running the saved version."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Label, Static, TextArea

from hiptimer.core.loader import Loaded, parse_routine
from hiptimer.core.plan import build_plan
from hiptimer.core.text import printable, without_controls
from hiptimer.editing import backup_path, disk_state, read_only, save_atomic, save_refusal
from hiptimer.files import FileRefused, decode_text, read_small_file
from hiptimer.format import plural, total_text
from hiptimer.library import MAX_ROUTINE_BYTES, load_routine
from hiptimer.tui.confirm import ConfirmLeave, ConfirmOverwrite
from hiptimer.tui.lifecycle import app_exiting
from hiptimer.tui.messages import EditorClosed, StartWorkout
from hiptimer.tui.safe_text_area import SafeTextArea

__all__ = ["ConfirmLeave", "EditorScreen"]  # ConfirmLeave: the app asks it what is on screen

DEBOUNCE_SECONDS = 0.3


def read_for_editing(path: Path) -> tuple[str, str | None, bool]:
    """The file's text (empty for a new file), a warning when it can't be shown as is, and
    whether it was read (a file that could not be read is never saved over)."""
    if not path.exists():
        return "", None, True
    try:
        data = read_small_file(path, MAX_ROUTINE_BYTES, "routine file")
    except FileRefused as refused:
        return "", f"cannot edit {printable(str(path))}: {refused}", False
    try:
        text = decode_text(data)
    except FileRefused:
        return (data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace"),
                f"{printable(path.name)} is not UTF-8: unreadable bytes are shown as \ufffd "
                "and saving writes UTF-8", True)
    layout = sum(text.count(char) for char in "\n\t\r")
    hidden = len(text) - len(without_controls(text)) - layout
    if hidden:
        return text, (f"{printable(path.name)} holds {hidden} control or invisible "
                      "character(s) (escapes, bidi overrides, zero-width): they are kept "
                      "in the file but not drawn"), True
    return text, None, True


class EditorScreen(Screen[None]):
    AUTO_FOCUS = "#editor-text"
    BINDINGS = [
        # priority: the text area would take these keys as typing
        Binding("ctrl+s", "save", "Save", id="save", priority=True,
                tooltip="Save the routine (only a valid one; the previous version becomes .bak)"),
        Binding("ctrl+r", "run_saved", "Run", id="run-saved", priority=True,
                tooltip="Start the saved routine"),
        Binding("escape", "leave", "Back", id="leave", priority=True, key_display="esc",
                tooltip="Leave the editor (asks first about unsaved changes)"),
    ]

    def __init__(self, path: Path, *, notice: str | None = None,
                 debounce: float = DEBOUNCE_SECONDS) -> None:
        super().__init__()
        self.path = path
        self._notice = printable(notice) if notice else None  # it may name the file
        self._debounce = debounce
        self._pending: Timer | None = None
        self.saved_text, self._read_warning, self._was_read = read_for_editing(path)
        self._disk = disk_state(path)
        """The file as it was read or last saved: saving over another version asks first."""
        self._refusal: str | None = None
        """Why the last save was refused, for the status line."""
        self.loaded: Loaded = parse_routine(self.saved_text, str(path))

    def compose(self) -> ComposeResult:
        title = Label(f"Edit {printable(self.path.name)}", id="editor-title", markup=False)
        title.tooltip = printable(str(self.path))
        yield title
        yield SafeTextArea.code_editor(self.saved_text, language="toml", theme="css",
                                       id="editor-text")
        yield Label(id="editor-status", markup=False)
        yield Static(id="editor-problems", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        self.query_one("#editor-text", TextArea).cursor_blink = self.app.is_headless is False
        for text, severity in ((self._notice, "information"), (self._read_warning, "warning")):
            if text:
                self.notify(text, severity=severity, timeout=8, markup=False)  # type: ignore[arg-type]
        self._show_validation()

    @property
    def text(self) -> str:
        return self.query_one("#editor-text", TextArea).text

    @property
    def dirty(self) -> bool:
        return self.text != self.saved_text

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._refusal = None
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        if self._debounce <= 0:
            self.validate()
        else:
            self._pending = self.set_timer(self._debounce, self.validate)
        self._show_status()

    def validate(self) -> Loaded:
        """Check the text as it is now (cancelling any check still waiting) and show it."""
        if self._pending is not None:
            self._pending.stop()
            self._pending = None
        self.loaded = parse_routine(self.text, str(self.path))
        self._show_validation()
        return self.loaded

    def _show_validation(self) -> None:
        problems = self.query_one("#editor-problems", Static)
        problems.update("\n".join(problem.in_file() for problem in self.loaded.problems))
        problems.display = bool(self.loaded.problems)
        self._show_status()

    def _show_status(self) -> None:
        loaded = self.loaded
        if loaded.ok and loaded.routine is not None:
            plan = build_plan(loaded.routine)
            count = len(loaded.routine.exercises)
            state = (f"Valid · total {total_text(plan.total_seconds, plan.estimated)}"
                     f" · {plural(count, 'exercise')}")
        else:
            count = len(loaded.problems)
            state = f"{plural(count, 'problem')}: can't be saved or run yet"
        if self._pending is not None:
            state = "checking…"
        if self._refusal is not None:
            state = f"Not saved: {self._refusal}"
        dirty = self.dirty
        status = self.query_one("#editor-status", Label)
        status.update(state + (" · unsaved changes" if dirty else " · saved"))
        self.set_class(not loaded.ok, "-invalid")
        self.set_class(dirty, "-dirty")

    def action_save(self) -> bool:
        """Save a valid text, asking first when the file changed on disk or is read-only.

        True if it was saved now; an invalid text is refused with its first problem.
        """
        return self.save()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """``action_save``, then ``then()`` once saved (now, or after the question)."""
        loaded = self.validate()
        if not loaded.ok:
            more = len(loaded.problems) - 1
            self.notify(loaded.problems[0].in_file() + (f" (and {more} more)" if more else ""),
                        title="Not saved: fix this first", severity="error", timeout=8,
                        markup=False)
            return False
        text = self.text
        refusal = save_refusal(text) or (None if self._was_read else
                                         "the file could not be read when it was opened")
        if refusal is not None:
            return self._refuse(refusal)
        question = self._overwrite_question()
        if question is None:
            return self._write(text, then)

        def answered(overwrite: bool | None) -> None:
            if overwrite:
                self._write(text, then)

        self.app.push_screen(ConfirmOverwrite(*question), answered)
        return False

    def _overwrite_question(self) -> tuple[str, str] | None:
        """What to ask before saving, when the file is not the one that was opened."""
        name = self.path.name
        if read_only(self.path):
            return (f"{name} is read-only. Save over it anyway?",
                    "Saving replaces it with your text (still read-only).")
        if disk_state(self.path) != self._disk:
            return (f"{name} changed on disk since you opened it. Overwrite it?",
                    f"The version on disk would become {backup_path(self.path).name}.")
        return None

    def _refuse(self, reason: str) -> bool:
        self._refusal = reason = printable(reason)
        self.notify(reason, title="Not saved", severity="error", timeout=10, markup=False)
        self._show_status()
        return False

    def _write(self, text: str, then: Callable[[], None] | None) -> bool:
        had_file = self.path.exists()
        try:
            save_atomic(self.path, text)
        except OSError as error:
            return self._refuse(str(error))
        self.saved_text, self._disk, self._refusal = text, disk_state(self.path), None
        kept = f"; the previous version is {backup_path(self.path).name}" if had_file else ""
        self.notify(printable(f"Saved {self.path.name}{kept}"), timeout=4, markup=False)
        self._show_status()
        if then is not None:
            then()
        return True

    def action_run_saved(self) -> None:
        if self.dirty:
            self.notify("Save first (ctrl+s): ctrl+r runs the saved file", severity="warning")
            return
        loaded = load_routine(self.path)
        if loaded.routine is None or not loaded.ok:
            self.notify("Fix the problems and save before running it", title="Can't run it",
                        severity="error")
            return
        self.post_message(StartWorkout(loaded.routine, str(self.path)))

    def action_leave(self) -> None:
        self.confirm_leave(lambda: self.post_message(EditorClosed(self.path)))

    def confirm_leave(self, leave: Callable[[], None]) -> None:
        """Call ``leave`` now, or once unsaved changes are saved or discarded (asks first)."""
        if not self.dirty:
            leave()
            return

        def answered(answer: str | None) -> None:
            if answer == "discard":
                leave()
            elif answer == "save":
                self.save(then=leave)

        self.app.push_screen(ConfirmLeave(self.path.name), answered)
