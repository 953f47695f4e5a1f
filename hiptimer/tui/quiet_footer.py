"""Textual's Footer without the two restyles per key it pays each time it composes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
# Not exported by textual.widgets; its ``compact`` reactive is what costs (see below).
from textual.widgets._footer import FooterKey


class QuietFooter(Footer):
    """A ``Footer`` whose keys start with the footer's ``compact``, not against it.

    A ``FooterKey`` starts compact and is bound to its footer's ``compact``
    (False by default): each key's class was added, then removed, each time a
    full match against the stylesheet. With eight such keys that was 15 restyles,
    4.5 ms of the workout's first frame (measured), and again on every
    recompose (a pause, a rep to count, a self-test question).
    """

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            # The palette's key is not bound to the footer: Textual leaves it compact.
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Set before the key is mounted: its watcher never sees a change.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget
