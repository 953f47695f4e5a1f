"""The big number on the real screen: as tall as the terminal allows, centred, resized at once."""

from __future__ import annotations

import pytest

from textual.geometry import Region

from hiptimer.core.model import Exercise, Routine, Timing
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
        await pilot.pause()  # the first frame's layouts settle, even on a loaded machine
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


async def test_a_new_second_repaints_the_glyphs_that_changed_and_every_cell_that_did(
        home: Paths, fake_clock, monkeypatch: pytest.MonkeyPatch) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        fake_clock.advance(MID_HOLD - 1.0)  # "13"
        app.screen.tick()
        await pilot.pause()
        number = app.screen.query_one("#remaining", BigText)
        whole = number.region.reset_offset

        def cells() -> list[str]:  # drawn afresh: the widget's own cache waits for a refresh
            return [number.render_line(y).text for y in range(whole.height)]

        before = cells()
        repainted: list[tuple[Region, ...]] = []
        monkeypatch.setattr(number, "refresh", lambda *regions, **_: repainted.append(regions))
        fake_clock.advance(1.0)
        app.screen.tick()  # "12": a glyph of the same width, so the "1" stays in place
        after = cells()
        changed = {(x, y) for y, (old, new) in enumerate(zip(before, after))
                   for x, (a, b) in enumerate(zip(old, new)) if a != b}
        assert changed and len(repainted) == 1 and len(repainted[0]) == 1
        region = repainted[0][0]
        assert all(region.contains(x, y) for x, y in changed)
        assert region.width < whole.width // 2  # the "1" that stays is not repainted


async def test_the_number_takes_the_strong_colour_and_flashes_in_the_last_seconds_only(
        home: Paths, fake_clock) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        fake_clock.advance(3 + 16.5)  # 3.5 s left of the left side's hold: no pips yet
        looks = []
        for _ in range(4):  # "4", then the pips' "3", "2", "1"
            app.screen.tick()
            await pilot.pause()
            number = app.screen.query_one("#remaining", BigText)
            strips = number.render_lines(number.region.reset_offset)
            styles = {(bool(segment.style.reverse), segment.style.bgcolor)
                      for strip in strips for segment in strip}
            assert len(styles) == 1  # the whole number and the space around it
            reverse, background = styles.pop()
            phase = app.screen.query_one("#phase-panel").styles.background.rich_color
            looks.append((number.text, background != phase, reverse))
            fake_clock.advance(1.0)
        # The number's band: its strong colour from the first pip, reversed every other second.
        assert looks == [("4", False, False), ("3", True, True), ("2", True, False), ("1", True, True)]


async def test_a_countdown_keeps_one_size_and_no_second_costs_a_layout(
        home: Paths, fake_clock, monkeypatch: pytest.MonkeyPatch) -> None:
    """The font's "1" is narrower than its "6": sized by its own width, "17" would be drawn
    bigger than the "16" after it, and the screen laid out again every second."""
    # No how-to and no side word: the number's width is all that limits its size.
    routine = Routine("Plank", (Exercise("Plank", hold=20),), Timing(prepare=3))
    app = build(home, fake_clock, routine=routine)
    async with app.run_test(size=(80, 24)) as pilot:
        fake_clock.advance(3 + 0.5)  # "20"
        app.screen.tick()
        await pilot.pause()
        await pilot.pause()
        layouts: list[object] = []
        lay_out = app.screen._refresh_layout  # Textual's one way to a new layout of the screen
        monkeypatch.setattr(app.screen, "_refresh_layout",
                            lambda *args, **kwargs: (layouts.append(args), lay_out(*args, **kwargs)))
        sizes = set()
        for _ in range(10):  # "19" to "10"
            fake_clock.advance(1.0)
            app.screen.tick()
            await pilot.pause()
            top, rows, _, _ = drawn_block(app, "#remaining")
            sizes.add((top, rows))
        assert app.screen.query_one("#remaining", BigText).text == "10"
        assert len(sizes) == 1 and layouts == []


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


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_a_waiting_self_test_question_takes_its_rows_from_the_how_to_and_number(
        home: Paths, fake_clock, size: tuple[int, int]) -> None:
    routine = Routine("Self-test", (
        Exercise("Bridge", hold=20, sides="each", check="Are the hips level, with no drop on the "
                 "side that is up, all through the hold?", how=("Lie on your back.",) * 6),
    ), Timing(prepare=1, switch=3))
    app = build(home, fake_clock, routine=routine)
    async with app.run_test(size=size) as pilot:
        start = app.screen.session.started_at
        fake_clock.now = start + 1 + 20 + 1  # the left side's question waits through the switch
        app.screen.tick()
        await pilot.pause()
        check = app.screen.query_one("#check-line")
        assert check.display and check.region.height >= 2
        footer_top = app.screen.query_one("Footer").region.y
        for selector in ("#phase-bar", "#exercise-name", "#next-up", "#progress-row"):
            region = app.screen.query_one(selector).region
            assert region.height == 1 and region.bottom <= footer_top, selector
        assert check.region.bottom <= app.screen.query_one("#next-up").region.y
        number = app.screen.query_one("#remaining", BigText)
        if size == (80, 24):
            assert drawn_block(app, "#remaining")[1] >= 7
        else:  # three rows left: the number as plain text, still there
            lines = number.render_lines(number.region.reset_offset)
            assert number.text in "".join(strip.text for strip in lines)
