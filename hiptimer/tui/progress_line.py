"""The whole routine's progress: one line, redrawn only when it is told to move."""

from __future__ import annotations

from rich.progress_bar import ProgressBar as RichBar
from textual.widgets import Static


class ProgressLine(Static):
    """Rich's progress bar in Textual's colours.

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
        super().__init__(id=id, markup=False)
        self.total = total
        self.progress = 0

    def on_mount(self) -> None:
        self.set_progress(0)

    def set_progress(self, progress: int) -> None:
        self.progress = progress
        self.update(RichBar(total=self.total, completed=progress,
                            style=self.get_component_rich_style("progress-line--todo"),
                            complete_style=self.get_component_rich_style("progress-line--done"),
                            finished_style=self.get_component_rich_style("progress-line--finished")),
                    layout=False)
