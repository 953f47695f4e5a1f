"""Text in big block glyphs, drawn at the largest whole scale its region allows, centred."""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from hiptimer.tui.big_glyphs import best_scale, draw


class BigText(Widget):
    """Shows ``text`` as big as its region allows; plain text when no scale fits.

    The region's size is the parent's to choose (see ``WorkoutPanel``); a new
    ``text`` repaints this widget alone, never the layout.
    """

    DEFAULT_CSS = """
    BigText { width: 1fr; height: 1fr; content-align: center middle; }
    """

    text: reactive[str] = reactive("")

    def __init__(self, *, full_blocks: bool = False, largest: int | None = None,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.full_blocks = full_blocks
        self.largest = largest
        """The scale not to grow past (a side word stays smaller than the number)."""

    @property
    def scale(self) -> int:
        """The scale ``text`` is drawn at in the current region; 0: as plain text."""
        width, height = self.content_size
        return best_scale(self.text, width, height, full_blocks=self.full_blocks,
                          largest=self.largest)

    def render(self) -> RenderResult:
        scale = self.scale
        if scale == 0:
            return Content(self.text)
        return Content("\n".join(draw(self.text, scale, full_blocks=self.full_blocks)))
