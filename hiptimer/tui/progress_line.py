"""The whole routine's progress: one line, redrawn only when it moves."""

from __future__ import annotations

from rich.progress_bar import ProgressBar as RichBar
from textual.app import RenderResult
from textual.widget import Widget


class ProgressLine(Widget):
    """Rich's progress bar in the theme's colours.

    Textual's ``ProgressBar`` recomputes an ETA every second and animates each
    move, a repaint of the screen each time; a workout only needs the bar.
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
        """What Rich's bar shows: its filled half-cells and whether it is finished."""
        width = self.content_size.width
        return int(width * 2 * min(progress, self.total) / self.total), progress >= self.total

    def render(self) -> RenderResult:
        style = self.get_component_rich_style
        return RichBar(total=self.total, completed=self.progress,
                       style=style("progress-line--todo"),
                       complete_style=style("progress-line--done"),
                       finished_style=style("progress-line--finished"))
