"""The whole routine's progress: one line, redrawn only when it moves."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

BAR, HALF_DONE, HALF_TODO = "━", "╸", "╺"
"""Rich's progress bar glyphs: the line, its done part ending half-way, its rest starting half-way."""


class ProgressLine(Widget):
    """A progress bar in the theme's colours, drawn as Rich's ``ProgressBar`` draws one.

    Textual's ``ProgressBar`` recomputes an ETA every second and animates each
    move, a repaint of the screen each time; a workout only needs the bar. Drawn
    with the line API from three glyph runs: rendering Rich's bar as content cost
    half a millisecond a frame, more than the big number's changed glyphs.
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

    def set_progress(self, progress: int) -> None:
        """Repainted only when the bar drawn moves: in a long workout most steps of
        ``total`` fall within one half-cell of the line."""
        before = self._drawn(self.progress)
        self.progress = progress
        if self._drawn(progress) != before:
            self.refresh()

    def _drawn(self, progress: int) -> tuple[int, bool]:
        """What the bar shows: its filled half-cells and whether it is finished."""
        width = self.content_size.width
        return int(width * 2 * min(progress, self.total) / self.total), progress >= self.total

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        halves, finished = self._drawn(self.progress)
        done, half = divmod(halves, 2)
        todo = width - done - half
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
        return Strip(segments, width)
