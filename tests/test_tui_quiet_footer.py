"""The workout's footer looks like Textual's own, without restyling each key twice."""

from __future__ import annotations

import asyncio

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer

from hiptimer.tui.quiet_footer import QuietFooter


class FooterApp(App[None]):
    BINDINGS = [Binding("space", "pause", "Pause"), Binding("q", "quit", "Quit")]

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def compose(self) -> ComposeResult:
        yield self.footer


async def _footer_keys(footer: Footer) -> tuple[list, int]:
    """Where each key of the footer is drawn and its text, and how many times its keys were restyled."""
    app = FooterApp(footer)
    restyles = 0
    async with app.run_test(size=(60, 3)) as pilot:
        update_nodes = app.stylesheet.update_nodes

        def counted(nodes, animate=False):
            nonlocal restyles
            restyles += 1
            return update_nodes(nodes, animate=animate)

        app.stylesheet.update_nodes = counted
        app.refresh_bindings()  # the footer composes its keys again
        await pilot.pause()
        await pilot.pause()
        keys = [(key.region, key.render().plain) for key in footer.query("FooterKey")]
    return keys, restyles


def test_the_footer_draws_like_textuals_without_restyling_its_keys() -> None:
    textual_keys, textual_restyles = asyncio.run(_footer_keys(Footer()))
    quiet_keys, quiet_restyles = asyncio.run(_footer_keys(QuietFooter()))
    assert [text for _, text in quiet_keys][:2] == [" space Pause ", " q Quit "]
    assert quiet_keys == textual_keys
    # Textual's footer restyles each bound key twice per composition (it composed twice);
    # what is left is the palette's key, which Textual itself leaves compact.
    assert textual_restyles - quiet_restyles >= 2 * 2 * 2
    assert quiet_restyles <= 2


class RepApp(App[None]):
    """A key shown only while a rep is waited for, as the workout's Rep."""

    BINDINGS = [Binding("r", "count_rep", "Rep"), Binding("q", "quit", "Quit")]
    waiting = False

    def compose(self) -> ComposeResult:
        yield QuietFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.waiting if action == "count_rep" else True


def test_the_footer_shows_a_key_that_becomes_available_and_hides_it_again() -> None:
    async def keys_as_waiting_changes() -> list[list[str]]:
        app = RepApp()
        shown = []
        async with app.run_test(size=(60, 3)) as pilot:
            for waiting in (False, True, False):
                app.waiting = waiting
                app.refresh_bindings()
                await pilot.pause()
                await pilot.pause()
                shown.append([key.render().plain.strip() for key in app.query("FooterKey")])
        return shown

    assert asyncio.run(keys_as_waiting_changes()) == [
        ["q Quit", "^p palette"], ["r Rep", "q Quit", "^p palette"], ["q Quit", "^p palette"]]
