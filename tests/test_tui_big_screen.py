"""The big number on the real screen: as tall as the terminal allows, centred, resized at once."""

from __future__ import annotations

import pytest

from hiptimer.paths import Paths
from hiptimer.tui.widgets.big_text import BigText

from test_tui_support import build, drawn_block, short_routine

MID_HOLD = 3 + 8.4  # "12" left of the left side's 20 s hold


@pytest.mark.parametrize("size, at_least", [((80, 24), 7), ((120, 40), 12), ((200, 60), 20)])
async def test_the_number_fills_the_terminal_and_is_centred(home: Paths, fake_clock,
                                                            size: tuple[int, int], at_least: int) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=size) as pilot:
        fake_clock.advance(MID_HOLD)
        app.screen.tick()
        await pilot.pause()
        assert app.screen.query_one("#remaining", BigText).text == "12"
        top, rows, left, right = drawn_block(app, "#remaining")
        assert rows >= at_least
        assert abs(left - right) <= 1 and left > 0
        side_top, side_rows, side_left, side_right = drawn_block(app, "#side")
        assert side_top > top + rows - 1  # LEFT, big, under the number
        assert 4 <= side_rows < rows and abs(side_left - side_right) <= 1


async def test_a_resize_redraws_the_number_at_the_new_size(home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        fake_clock.advance(MID_HOLD)
        app.screen.tick()
        await pilot.pause()
        small = drawn_block(app, "#remaining")[1]
        await pilot.resize_terminal(200, 60)
        await pilot.pause()
        big = drawn_block(app, "#remaining")[1]
        await pilot.resize_terminal(40, 12)
        await pilot.pause()
        tiny = drawn_block(app, "#remaining")[1]
        assert big > small > tiny >= 3


async def test_a_tick_repaints_the_number_and_not_the_layout(home: Paths, fake_clock,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        fake_clock.advance(MID_HOLD)
        app.screen.tick()
        await pilot.pause()
        layouts: list[object] = []
        lay_out = app.screen._refresh_layout  # Textual's one way to a new layout of the screen

        def counted(*args: object, **kwargs: object) -> None:
            layouts.append(args)
            lay_out(*args, **kwargs)

        monkeypatch.setattr(app.screen, "_refresh_layout", counted)
        fake_clock.advance(1.0)
        app.screen.tick()
        await pilot.pause()
        assert app.screen.query_one("#remaining", BigText).text == "11"
        assert layouts == []


@pytest.mark.parametrize("term", ["xterm-256color", "linux"])
async def test_at_40x12_the_number_and_every_line_that_must_stay_fit(
        home: Paths, fake_clock, monkeypatch: pytest.MonkeyPatch, term: str) -> None:
    monkeypatch.setenv("TERM", term)
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(40, 12)) as pilot:
        fake_clock.advance(MID_HOLD)
        app.screen.tick()
        await pilot.pause()
        _, rows, left, right = drawn_block(app, "#remaining")
        assert rows >= 4 and abs(left - right) <= 1
        footer_top = app.screen.query_one("Footer").region.y
        for selector in ("#phase-bar", "#exercise-name", "#next-up", "#progress-row"):
            region = app.screen.query_one(selector).region
            assert region.height == 1 and region.y < footer_top, selector
        glyphs = "".join(strip.text for strip in app.screen.query_one("#remaining").render_lines(
            app.screen.query_one("#remaining").region.reset_offset))
        assert set(glyphs) - {" "} <= ({"█"} if term == "linux" else {"█", "▀", "▄"})
