"""The whole routine's progress and the time left: one line, redrawn only when it changes."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

BAR, HALF_DONE, HALF_TODO = "━", "╸", "╺"
"""Rich's progress bar glyphs: the line, its done part ending half-way, its rest starting half-way."""


class ProgressLine(Widget):
    """A progress bar in the theme's colours, drawn as Rich's ``ProgressBar`` draws one,
    and the time left after it: ``━━━━━━╸━━━━━━━━━ 0:27 left``.

    Textual's ``ProgressBar`` recomputes an ETA every second and animates each
    move, a repaint of the screen each time; a workout only needs the bar. Drawn
    with the line API from three glyph runs: rendering Rich's bar as content cost
    half a millisecond a frame, more than the big number's changed glyphs. One
    widget for the line, not a bar and a label in a row: Textual renders every
    widget on the screen for each frame, changed or not (0.1 ms each, measured).
    """

    COMPONENT_CLASSES = {"progress-line--done", "progress-line--todo", "progress-line--finished"}
    DEFAULT_CSS = """
    ProgressLine { height: 1; }
    ProgressLine > .progress-line--done { color: $primary; }
    ProgressLine > .progress-line--todo { color: $surface; }
    ProgressLine > .progress-line--finished { color: $success; }
    """

    def __init__(self, *, total: int, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = total
        self.progress = 0
        self.time_left = ""

    def show(self, progress: int, time_left: str) -> None:
        """Repainted only when what is drawn changes: in a long workout most steps of
        ``total`` fall within one half-cell of the bar."""
        before = self._drawn(self.progress, self.time_left)
        self.progress, self.time_left = progress, time_left
        if self._drawn(progress, time_left) != before:
            self.refresh()

    def _drawn(self, progress: int, time_left: str) -> tuple[int, bool, str]:
        """What the line shows: the bar's filled half-cells, whether it is finished, the text."""
        width = self._bar_width(time_left)
        return (int(width * 2 * min(progress, self.total) / self.total), progress >= self.total,
                time_left)

    def _bar_width(self, time_left: str) -> int:
        """The columns the time left (and a space before it) leaves to the bar."""
        return max(0, self.content_size.width - (len(time_left) + 1 if time_left else 0))

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        halves, finished, time_left = self._drawn(self.progress, self.time_left)
        done, half = divmod(halves, 2)
        todo = self._bar_width(time_left) - done - half
        base = self.visual_style.rich_style
        style = self.get_component_rich_style
        done_style = base + style("progress-line--finished" if finished else "progress-line--done",
                                  partial=True)
        todo_style = base + style("progress-line--todo", partial=True)
        segments = []
        if done:
            segments.append(Segment(BAR * done, done_style))
        if half:
            segments.append(Segment(HALF_DONE, done_style))
        if todo and done and not half:
            segments.append(Segment(HALF_TODO, todo_style))
            todo -= 1
        if todo:
            segments.append(Segment(BAR * todo, todo_style))
        if time_left:
            segments.append(Segment(" " + time_left, base))
        return Strip(segments).adjust_cell_length(width, base)
