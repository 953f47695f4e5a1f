"""Editing a routine file: TOML with highlighting, live validation, the plan's total time,
atomic saves, and running the saved version."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Button, Footer, Label, Static, TextArea

from hiptimer.core.loader import Loaded, load_routine, parse_routine
from hiptimer.core.plan import build_plan
from hiptimer.editing import backup_path, save_atomic
from hiptimer.format import plural, total_text
from hiptimer.tui.lifecycle import app_exiting
from hiptimer.tui.messages import EditorClosed, StartWorkout

DEBOUNCE_SECONDS = 0.3


def read_for_editing(path: Path) -> tuple[str, str | None]:
    """The file's text (empty for a new file) and a warning when it can't be shown as is."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return "", None
    except OSError as error:
        return "", f"cannot read {path}: {error.strerror or error}"
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return (data.decode("utf-8", errors="replace"),
                f"{path.name} is not UTF-8: unreadable bytes are shown as \ufffd and saving "
                "writes UTF-8")


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
        self._notice = notice
        self._debounce = debounce
        self._pending: Timer | None = None
        self.saved_text, self._read_warning = read_for_editing(path)
        self.loaded: Loaded = parse_routine(self.saved_text, str(path))

    def compose(self) -> ComposeResult:
        title = Label(f"Edit {self.path.name}", id="editor-title", markup=False)
        title.tooltip = str(self.path)
        yield title
        yield TextArea.code_editor(self.saved_text, language="toml", theme="css",
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
        dirty = self.dirty
        status = self.query_one("#editor-status", Label)
        status.update(state + (" · unsaved changes" if dirty else " · saved"))
        self.set_class(not loaded.ok, "-invalid")
        self.set_class(dirty, "-dirty")

    def action_save(self) -> bool:
        """Save a valid text; an invalid one is refused with its first problem. True if saved."""
        loaded = self.validate()
        if not loaded.ok:
            more = len(loaded.problems) - 1
            self.notify(loaded.problems[0].in_file() + (f" (and {more} more)" if more else ""),
                        title="Not saved: fix this first", severity="error", timeout=8,
                        markup=False)
            return False
        text = self.text
        had_file = self.path.exists()
        try:
            save_atomic(self.path, text)
        except OSError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10,
                        markup=False)
            return False
        self.saved_text = text
        kept = f"; the previous version is {backup_path(self.path).name}" if had_file else ""
        self.notify(f"Saved {self.path.name}{kept}", timeout=4, markup=False)
        self._show_status()
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
            if answer == "discard" or (answer == "save" and self.action_save()):
                leave()

        self.app.push_screen(ConfirmLeave(self.path.name), answered)


class ConfirmLeave(ModalScreen[str]):
    """Dismisses with "save", "discard" or "cancel"."""

    BINDINGS = [
        Binding("s", "answer('save')", "Save", id="leave-save", tooltip="Save, then leave"),
        Binding("d", "answer('discard')", "Discard", id="leave-discard",
                tooltip="Leave without saving"),
        Binding("c,escape", "answer('cancel')", "Cancel", id="leave-cancel", key_display="esc",
                tooltip="Stay in the editor"),
    ]

    def __init__(self, file_name: str) -> None:
        super().__init__()
        self.file_name = file_name

    def compose(self) -> ComposeResult:
        with Vertical(id="leave-dialog"):
            yield Label(f"Save changes to {self.file_name}?", id="leave-question", markup=False)
            yield Label("Only a valid routine can be saved.", id="leave-detail")
            with Horizontal(id="leave-buttons"):
                yield Button("Save (s)", id="save", variant="primary")
                yield Button("Discard (d)", id="discard", variant="error")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        if app_exiting(self):
            return
        self.query_one("#cancel", Button).focus()  # Enter by accident loses nothing

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id or "cancel")

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
