"""Textual's command palette, without two of its crashes (Textual 8.2.8)."""

from __future__ import annotations

from textual import work
from textual.command import CommandList, CommandPalette
from textual.css.query import NoMatches

from hiptimer.tui.lifecycle import app_exiting

_gather_commands = CommandPalette._gather_commands.__wrapped__  # type: ignore[attr-defined]


class SteadyCommandPalette(CommandPalette):
    """Every palette the app opens: its commands, and the theme picker.

    - ``OptionList`` raises ``KeyError`` when asked to page while it has no room
      on screen (``_move_page``): in a terminal a few rows high, or when PageDown
      comes with the ctrl+p that opened the palette, before its first layout.
      Such a key is dropped: there is no page shown to move by.
    - The search runs in a worker that looks the palette's widgets up as it
      goes. A search still queued when the palette closes (a key typed just
      before Enter or Escape, or the app exiting as the palette opens) finds
      them gone, and its ``NoMatches`` would end the app with a traceback.
    """

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await _gather_commands(self, search_value)
        except NoMatches:
            if self.is_running and not app_exiting(self):
                raise  # the palette is open and staying: a fault of its own

    def _action_command_list(self, action: str) -> None:
        if action.startswith("page_") and not self.query_one(CommandList).scrollable_content_region:
            return
        super()._action_command_list(action)
