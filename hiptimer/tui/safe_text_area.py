"""The editor's text area: the file as it is, but nothing in it can drive the terminal."""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import TextArea

from hiptimer.core.text import without_controls


class SafeTextArea(TextArea):
    """A ``TextArea`` that draws its lines without control characters.

    The document keeps every character of the file (saving changes nothing the
    user did not change), but an ESC, a C1 control such as ``\\x9b``, a bidi
    override or a zero-width joiner is left out of what is drawn: all of them
    are zero cells wide, so the line keeps its layout and the cursor its place.
    """

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        return Strip([Segment(without_controls(text), style, control)
                      for text, style, control in strip], strip.cell_length)
