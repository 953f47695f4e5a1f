"""Text in big block glyphs, drawn at the largest whole scale its region allows, centred."""

from __future__ import annotations

from rich.segment import Segment
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from hiptimer.tui.big_glyphs import best_scale, draw


class BigText(Widget):
    """Shows ``text`` as big as its region allows; plain text when no scale fits.

    The region's size is the parent's to choose (see ``WorkoutPanel``); a new
    ``text`` repaints this widget alone, never the layout. Lines are drawn
    once per text and size (the line API), not parsed as content each frame.
    """

    COMPONENT_CLASSES = {"big-text--flash"}
    DEFAULT_CSS = """
    BigText { width: 1fr; height: 1fr; }
    /* Reversed, so the flash shows under NO_COLOR too. */
    BigText > .big-text--flash { text-style: reverse; }
    """

    text: reactive[str] = reactive("")
    flash: reactive[bool] = reactive(False)
    """Drawn in the ``big-text--flash`` style: a choice made as the lines are painted, so
    turning it on and off each second costs a repaint of this widget, never a restyle
    (which would match the widget against the whole stylesheet and repaint its parent)."""

    def __init__(self, *, full_blocks: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.full_blocks = full_blocks
        self._drawn: tuple[tuple[str, int, int], list[str]] | None = None

    @property
    def scale(self) -> int:
        """The scale ``text`` is drawn at in the current region; 0: as plain text."""
        width, height = self.content_size
        return best_scale(self.text, width, height, full_blocks=self.full_blocks)

    def lines(self) -> list[str]:
        """What the region shows, before centring: the glyph rows, or the plain text."""
        width, height = self.content_size
        key = (self.text, width, height)
        if self._drawn is None or self._drawn[0] != key:
            scale = self.scale
            drawn = draw(self.text, scale, full_blocks=self.full_blocks) if scale else [self.text]
            self._drawn = (key, drawn)
        return self._drawn[1]

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        lines = self.lines()
        row = y - (height - len(lines)) // 2
        text = lines[row][:width] if 0 <= row < len(lines) else ""
        left = (width - len(text)) // 2
        line = " " * left + text + " " * (width - left - len(text))
        style = self.visual_style.rich_style
        if self.flash:
            style += self.get_component_rich_style("big-text--flash", partial=True)
        return Strip([Segment(line, style)], width)
