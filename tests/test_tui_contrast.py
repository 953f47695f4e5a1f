"""Every phase colour keeps its text readable (WCAG contrast >= 4.5:1) in the dark and light themes,
and without colour the phases are still told apart by their words."""

from __future__ import annotations

import pytest
from textual.color import Color

from hiptimer.paths import Paths
from hiptimer.tui.widgets.big_text import BigText
from hiptimer.tui.workout_view import PHASE_CLASSES, PHASE_NAMES

from test_tui_support import build, short_routine

PANEL_STATES = [*dict.fromkeys(PHASE_CLASSES.values()), "-done", "-paused"]


def luminance(color: Color) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = color.rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: Color, other: Color) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast(Color(0, 0, 0), Color(255, 255, 255)) == pytest.approx(21.0)
    assert contrast(Color(118, 118, 118), Color(255, 255, 255)) == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_every_phase_colour_contrasts_with_its_text(home: Paths, fake_clock, theme: str) -> None:
    app = build(home, fake_clock, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = theme
        panel = app.screen.query_one("#phase-panel")
        ratios = {}
        for state in PANEL_STATES:
            panel.set_class(True, state)
            await pilot.pause()
            for selector in ("#phase-name", "#exercise-name", "#counters", "#beat", "#remaining", "#side"):
                style = app.screen.query_one(selector).visual_style
                background = style.background
                foreground = background + style.foreground  # its alpha over the background
                ratios[state, selector] = round(contrast(foreground, background), 2)
            panel.set_class(False, state)
        # The final seconds: the number's own band in the strong colour (its flash reverses
        # the same two colours).
        number = app.screen.query_one("#remaining", BigText)
        number.strong = True
        await pilot.pause()
        drawn = {segment.style for strip in number.render_lines(number.region.reset_offset)
                 for segment in strip}
        assert len(drawn) == 1
        style = drawn.pop()
        ratios["final", "#remaining"] = round(contrast(Color.from_rich_color(style.color),
                                                       Color.from_rich_color(style.bgcolor)), 2)
        low = {key: ratio for key, ratio in ratios.items() if ratio < 4.5}
        assert low == {}, f"{theme}: {low}"


def test_without_colour_each_phase_has_its_own_words() -> None:
    words: dict[str, set[str]] = {}
    for kind, name in PHASE_NAMES.items():
        words.setdefault(PHASE_CLASSES[kind], set()).add(name)
    assert all(not a & b for a in words.values() for b in words.values() if a is not b)
