"""Textual's Footer, with its keys in the screen's first frame and no restyle wasted on them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
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

    Its keys are also composed with the footer, in the screen's first frame:
    Textual's footer composes empty and fills at its first ``bindings_changed``,
    one frame later (the workout's keys came 40-60 ms after its first frame, as
    the work waiting for that frame began); and it composes again only when the
    keys it shows changed.
    """

    def __init__(self) -> None:
        super().__init__()
        # Private, no public way: "the screen's bindings can be read", which they can
        # when this footer composes (it is mounted on its screen).
        self.set_reactive(Footer._bindings_ready, True)
        self._keys_shown: tuple[object, ...] | None = None

    def compose(self) -> ComposeResult:
        self._keys_shown = _keys_of(self.screen)
        for widget in super().compose():
            # The palette's key is not bound to the footer: Textual leaves it compact.
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                # Set before the key is mounted: its watcher never sees a change.
                widget.set_reactive(FooterKey.compact, self.compact)
            yield widget

    def bindings_changed(self, screen: Screen) -> None:
        if _keys_of(screen) != self._keys_shown:
            super().bindings_changed(screen)


def _keys_of(screen: Screen) -> tuple[object, ...]:
    """What a footer shows of ``screen``'s bindings: each shown key, and whether it is enabled."""
    return tuple((binding.key, binding.action, binding.description, enabled, tooltip)
                 for _, binding, enabled, tooltip in screen.active_bindings.values()
                 if binding.show)
