"""Text in big block glyphs, drawn at the largest whole scale its region allows, centred."""

from __future__ import annotations

from os.path import commonprefix

from rich.segment import Segment
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from hiptimer.tui.big_glyphs import best_scale, draw, widest_digits


class BigText(Widget):
    """Shows ``text`` as big as its region allows; plain text when no scale fits.

    The region's size is the parent's to choose (see ``WorkoutPanel``); a new
    ``text`` repaints only the columns whose glyphs changed ("0:42" to "0:41":
    the last digit), never the layout. Lines are drawn once per text and size
    (the line API), not parsed as content each frame.
    """

    COMPONENT_CLASSES = {"big-text--strong", "big-text--flash"}
    DEFAULT_CSS = """
    BigText { width: 1fr; height: 1fr; }
    BigText > .big-text--strong { text-style: bold; }  /* its colours: the app's stylesheet */
    /* Reversed, so the flash shows under NO_COLOR too. */
    BigText > .big-text--flash { text-style: reverse; }
    """

    text: reactive[str] = reactive("", repaint=False)  # watch_text repaints what changed
    strong: reactive[bool] = reactive(False)
    """Drawn in the ``big-text--strong`` style (the final seconds), and ``flash`` in the
    ``big-text--flash`` style: choices made as the lines are painted, so turning them on
    and off costs a repaint of this widget, never a restyle (which would match the widget
    against the whole stylesheet and repaint every widget around it)."""
    flash: reactive[bool] = reactive(False)

    def __init__(self, *, full_blocks: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.full_blocks = full_blocks
        self._drawn: tuple[tuple[str, int, int], tuple[str, ...]] | None = None

    @property
    def scale(self) -> int:
        """The scale ``text`` is drawn at in the current region; 0: as plain text.

        Sized as if every digit were the widest: a countdown keeps its size.
        """
        width, height = self.content_size
        return best_scale(widest_digits(self.text), width, height, full_blocks=self.full_blocks)

    def lines(self) -> tuple[str, ...]:
        """What the region shows, before centring: the glyph rows, or the plain text."""
        width, height = self.content_size
        key = (self.text, width, height)
        if self._drawn is None or self._drawn[0] != key:
            scale = self.scale
            drawn = draw(self.text, scale, full_blocks=self.full_blocks) if scale else (self.text,)
            self._drawn = (key, drawn)
        return self._drawn[1]

    def watch_text(self, before: str, after: str) -> None:
        drawn = self._drawn
        width, height = self.content_size
        old = drawn[1] if drawn is not None and drawn[0] == (before, width, height) else None
        changed = _changed_columns(old, self.lines()) if old is not None else None
        if changed is None:
            self.refresh()
            return
        if changed:
            first, end = changed
            lines = self.lines()
            left = self.styles.gutter.left + (width - len(lines[0])) // 2
            top = self.styles.gutter.top + (height - len(lines)) // 2
            self.refresh(Region(left + first, top, end - first, len(lines)))

    def render_line(self, y: int) -> Strip:
        width, height = self.content_size
        lines = self.lines()
        row = y - (height - len(lines)) // 2
        text = lines[row][:width] if 0 <= row < len(lines) else ""
        left = (width - len(text)) // 2
        line = " " * left + text + " " * (width - left - len(text))
        style = self.visual_style.rich_style
        if self.strong:
            style += self.get_component_rich_style("big-text--strong", partial=True)
        if self.flash:
            style += self.get_component_rich_style("big-text--flash", partial=True)
        return Strip([Segment(line, style)], width)


def _changed_columns(old: tuple[str, ...], new: tuple[str, ...]) -> tuple[int, int] | None:
    """The columns ``[first, end)`` where two drawings of one shape differ; () if none;
    None when the shapes differ (a new width or height moves every glyph)."""
    if len(old) != len(new) or len(old[0]) != len(new[0]):
        return None
    first, end = len(new[0]), 0
    for before, after in zip(old, new):
        if before != after:
            first = min(first, len(commonprefix((before, after))))
            end = max(end, len(after) - len(commonprefix((before[::-1], after[::-1]))))
    return (first, end) if first < end else ()
