"""Everything the workout screen shows above its footer, laid out from a ``WorkoutView``."""

from __future__ import annotations

import math
from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Label, Static

from hiptimer.core.checks import Question
from hiptimer.tui.big_glyphs import best_scale, bitmap, can_draw, rows_at, widest_digits
from hiptimer.tui.check_line import CheckLine, question_text
from hiptimer.tui.progress_line import ProgressLine
from hiptimer.tui.widgets.big_text import BigText
from hiptimer.tui.workout_view import PHASE_CLASSES, WorkoutView

PROGRESS_STEPS = 200
NUMBER_SHARE = 0.6
"""Of the rows left after the lines that must stay, the most the number takes
while the side and the how-to want room; it takes them all when it must."""
FOOTER_ROWS = 1
"""The rows under the panel: the workout screen's footer."""
SIDE_SCALE = 0.5
"""The side word's scale against the number's: big, but second."""
STATE_CLASSES = (*dict.fromkeys(PHASE_CLASSES.values()), "-done")
LABELS = {"#phase-name": "phase", "#counters": "counters", "#exercise-name": "exercise",
          "#instruction": "instruction", "#next-up": "next", "#how": "how", "#beat": "beat"}
"""Each one-line text widget and the view's field it shows."""


def allot(rows: int, width: int, number: str, side: str, how_rows: int = 0, *,
          full_blocks: bool = False) -> tuple[int, int]:
    """The rows for the big number and the big side word, out of ``rows``; the rest is the how-to's.

    The number is as big as it can be with the side word and all ``how_rows``
    beside it, and never smaller than its share of the rows: past that the
    how-to gives way, then the side word (the phase line says it in words).
    """
    if rows <= 0:
        return 0, 0
    number = widest_digits(number)  # one size for every second of a countdown
    scale = best_scale(number, width, rows, full_blocks=full_blocks)
    if scale == 0:
        return 1, 0  # no scale fits: the number as plain text
    bits = bitmap(number)
    share = max(1, best_scale(number, width, int(rows * NUMBER_SHARE), full_blocks=full_blocks))
    while True:
        number_rows = rows_at(bits, scale, full_blocks=full_blocks)
        side_rows = _side_rows(side, width, rows - number_rows, scale, full_blocks)
        if scale <= share or number_rows + side_rows + how_rows <= rows:
            return number_rows, side_rows
        scale -= 1


def _pixel_width(text: str) -> int | None:
    """The width ``allot`` sizes ``text`` by (the same for "17" and "16")."""
    return len(bitmap(widest_digits(text))[0]) if can_draw(text) else None


def _side_rows(side: str, width: int, rows: int, number_scale: int, full_blocks: bool) -> int:
    if not side:
        return 0
    scale = best_scale(side, width, rows, full_blocks=full_blocks,
                       largest=max(1, int(number_scale * SIDE_SCALE)))
    return rows_at(bitmap(side), scale, full_blocks=full_blocks) if scale else 0


class WorkoutPanel(Vertical):
    """Shows ``view``; every change repaints only the widgets whose text changed."""

    view: var[WorkoutView | None] = var(None)

    def __init__(self, *, full_blocks: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.full_blocks = full_blocks
        self._shown: dict[str, object] = {}
        self._question = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="phase-panel"):
            with Horizontal(id="phase-bar"):
                yield Label(id="phase-name", markup=False)
                yield Label(id="counters", markup=False)
                yield Label("muted", id="mute-flag")
            yield Label(id="exercise-name", markup=False)
            yield BigText(id="remaining", full_blocks=self.full_blocks)
            yield Label(id="beat", markup=False)
            yield BigText(id="side", full_blocks=self.full_blocks)
            yield Label(id="instruction", markup=False)
        yield Static(id="how", markup=False)
        yield CheckLine(id="check-line", markup=False)
        yield Label(id="next-up", markup=False)
        yield ProgressLine(total=PROGRESS_STEPS, id="progress-row")

    def watch_view(self, view: WorkoutView | None) -> None:
        if view is None:
            return
        # Each state class sits on the widget it styles, so a change restyles that
        # widget alone: a restyle matches a widget against the whole stylesheet.
        phase = {name: name == view.phase_class for name in STATE_CLASSES}
        _restyle(self.query_one("#phase-panel"), {**phase, "-paused": view.paused})
        _restyle(self.query_one("#phase-name"), {"-paused": view.paused})
        _restyle(self.query_one("#instruction"), {"-waiting": view.waiting})
        for selector, field in LABELS.items():
            self._update_label(selector, getattr(view, field))
        self._show_line("#instruction", bool(view.instruction))
        self._show_line("#beat", bool(view.beat))
        number = self.query_one("#remaining", BigText)
        number.text, number.strong, number.flash = view.digits, view.final_seconds, view.flash
        self.query_one("#side", BigText).text = view.side
        self.query_one(ProgressLine).show(round(view.fraction * PROGRESS_STEPS), view.time_left)
        # Only these can change the rows the number and the side word take.
        shape = (_pixel_width(view.digits), view.side, view.how, view.beat != "",
                 view.instruction != "")
        if self._changed("shape", shape):
            self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """Give the big number, then the big side word, the rows the fixed lines leave."""
        view = self.view
        size = self.size or self._size_to_come()
        if view is None or not size:
            return  # no terminal yet: on_resize comes once there is one
        phase_panel = self.query_one("#phase-panel")
        check = self.query_one(CheckLine)
        # Every other displayed line is one row high; the how-to takes what is left.
        fixed = sum(1 for child in (*phase_panel.children, *self.children) if child.display
                    and not isinstance(child, (BigText, CheckLine))
                    and child.id not in ("how", "phase-panel"))
        if check.display:  # a question wraps, to a few rows at most
            most = check.styles.max_height
            rows = self._wrapped_rows(self._question, check, size.width)
            fixed += min(rows, int(most.value)) if most is not None else rows
        width = size.width - phase_panel.styles.padding.width
        how_rows = self._wrapped_rows(view.how, self.query_one("#how"), size.width)
        rows = size.height - fixed
        number_rows, side_rows = allot(rows, width, view.digits, view.side, how_rows,
                                       full_blocks=self.full_blocks)
        for selector, height in (("#remaining", number_rows), ("#side", side_rows)):
            if self._changed(selector + "-rows", height):
                big = self.query_one(selector, BigText)
                big.styles.height = height
                big.display = height > 0
        # A 1fr region left with no rows still takes one, pushing the last line off.
        self._show_line("#how", rows - number_rows - side_rows > 0)

    def show_checks(self, pending: Sequence[Question], *, finished: bool) -> None:
        """The self-test question waiting (see ``CheckLine``); the rows around it make way."""
        question = question_text(pending, finished)
        if question != self._question:  # an update of the line every second costs a layout
            self._question = question
            self.query_one(CheckLine).show(pending, finished=finished)
            self._lay_out()

    def _size_to_come(self) -> Size:
        """Before the first layout: the screen less its footer's row. Sized then, the number
        is in the first layout; sized at the first resize, it took a second one (2 ms of the
        first frame). A wrong guess costs no more: ``on_resize`` lays out again."""
        width, height = self.app.size
        return Size(width, max(0, height - FOOTER_ROWS))

    def _wrapped_rows(self, text: str, widget: Widget, panel_width: int) -> int:
        width = max(1, panel_width - widget.styles.padding.width)
        return sum(max(1, math.ceil(len(line) / width)) for line in text.splitlines())

    def _show_line(self, selector: str, shown: bool) -> None:
        if self._changed(selector + "-shown", shown):
            self.query_one(selector).display = shown

    def _changed(self, key: str, value: object) -> bool:
        if self._shown.get(key, object()) == value:
            return False
        self._shown[key] = value
        return True

    def _update_label(self, selector: str, text: str) -> None:
        before = self._shown.get(selector)
        if self._changed(selector, text):
            # A new layout only when the widget's width follows its text and the
            # text's length changed: a layout costs more than all the rest.
            label = self.query_one(selector, Static)
            width = label.styles.width
            resize = (width is None or width.is_auto) and not (
                isinstance(before, str) and len(before) == len(text))
            label.update(text, layout=resize)


def _restyle(widget: Widget, states: dict[str, bool]) -> None:
    """Set each class on or off, then restyle ``widget`` once if any changed.

    Textual's own restyle re-matches every descendant against the whole
    stylesheet. No rule of theirs depends on these classes; they only inherit
    colours, so forgetting their cached styles is enough.
    """
    changed = [name for name, on in states.items() if widget.has_class(name) != on]
    for name in changed:
        widget.set_class(states[name], name, update=False)
    if changed:
        widget.app.stylesheet.update_nodes([widget], animate=False)
        for child in widget.walk_children():
            child.notify_style_update()
