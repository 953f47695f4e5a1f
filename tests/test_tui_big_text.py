"""Big glyphs at a scale that fits, the panel's share of rows, the window title's sequences
and the progress line's repaints."""

from __future__ import annotations

import pytest

from hiptimer.tui.big_glyphs import (FONT, best_scale, bitmap, can_draw, draw, read_font, rows_at,
                                     widest_digits)
from hiptimer.tui.glyph_table import GLYPHS
from hiptimer.tui.widgets.workout_panel import NUMBER_SHARE, allot
from hiptimer.tui.window_title import RESTORE_TITLE, SAVE_TITLE, WindowTitle, title_sequence


@pytest.mark.parametrize("text", ["0", "42", "1:00", "4/10", "LEFT", "RIGHT"])
def test_text_is_drawn_at_the_largest_scale_that_fits(text: str) -> None:
    for width, rows in ((78, 10), (118, 20), (198, 40), (30, 4)):
        scale = best_scale(text, width, rows)
        lines = draw(text, scale)
        assert len(lines) <= rows and all(len(line) == len(lines[0]) <= width for line in lines)
        bigger = draw(text, scale + 1)
        assert len(bigger) > rows or len(bigger[0]) > width


def test_half_blocks_draw_two_pixels_a_row_and_the_console_fallback_one() -> None:
    bits = bitmap("8")
    assert len(bits) == 7 and set("".join(bits)) == {"#", " "}
    assert rows_at(bits, 2) == 7 and len(draw("8", 2)) == 7
    console = draw("8", 2, full_blocks=True)
    assert len(console) == 14 and set("".join(console)) == {"█", " "}
    assert set("".join(draw("8", 1))) <= {"█", "▀", "▄", " "}


def test_the_glyph_table_is_the_font_as_pyfiglet_reads_it() -> None:
    """Written by scripts/make_glyph_table.py: a new pyfiglet, or a change to how a glyph is
    read, shows here until the table is written again."""
    from pyfiglet import FigletFont

    assert read_font(FigletFont(FONT)) == GLYPHS
    assert {char for char in "0123456789:/LEFTRIGHT "} <= GLYPHS.keys()


def test_what_the_font_cannot_draw_has_no_scale() -> None:
    assert not can_draw("é") and best_scale("é", 80, 20) == 0
    assert best_scale("42", 3, 20) == 0 and best_scale("42", 80, 0) == 0


def test_the_number_keeps_its_share_and_the_how_to_gives_way() -> None:
    roomy, _ = allot(53, 198, "18", "LEFT", how_rows=0)  # 200x60
    crowded, side = allot(53, 198, "18", "LEFT", how_rows=30)
    assert roomy > crowded >= 20
    assert crowded <= int(53 * NUMBER_SHARE) and side > 0
    assert allot(19, 78, "18", "LEFT", how_rows=30)[0] >= 7  # 80x24
    assert allot(33, 118, "18", "LEFT", how_rows=30)[0] >= 12  # 120x40


def test_every_second_of_a_countdown_gets_the_rows_of_the_widest_digits() -> None:
    assert widest_digits("17") == widest_digits("16") and widest_digits("1:05")[1] == ":"
    for rows, width in ((19, 78), (33, 118), (53, 198)):
        assert len({allot(rows, width, str(n), "LEFT") for n in range(10, 100)}) == 1


def test_a_small_terminal_keeps_a_number_and_drops_the_big_side_word() -> None:
    assert allot(6, 38, "18", "LEFT", how_rows=3) == (4, 0)  # 40x12
    assert allot(2, 38, "18", "RIGHT") == (1, 0)  # the number as plain text
    assert allot(0, 38, "18", "RIGHT") == (0, 0)


def test_the_title_is_saved_set_once_per_change_and_restored() -> None:
    written: list[str] = []
    title = WindowTitle(written.append)
    title.show("0:42 HOLD")
    title.show("0:42 HOLD")
    title.show("0:41 HOLD")
    title.restore()
    title.restore()
    assert written == [SAVE_TITLE, title_sequence("0:42 HOLD"), title_sequence("0:41 HOLD"),
                       RESTORE_TITLE]


def test_a_title_off_in_the_settings_writes_nothing() -> None:
    written: list[str] = []
    title = WindowTitle(written.append, enabled=False)
    title.show("0:42 HOLD")
    title.restore()
    assert written == []


def test_text_from_a_routine_cannot_end_the_title_sequence() -> None:
    sequence = title_sequence("0:42 HOLD · \x07\x1b]2;owned\x1b\\ Stretch")
    body = sequence[len("\x1b]2;"):-1]
    assert sequence.startswith("\x1b]2;") and sequence.endswith("\x07")
    assert "\x1b" not in body and "\x07" not in body and "Stretch" in body


async def test_the_progress_line_repaints_only_when_its_bar_moves() -> None:
    from textual.app import App, ComposeResult

    from hiptimer.tui.progress_line import ProgressLine

    class Bar(App[None]):
        def compose(self) -> ComposeResult:
            yield ProgressLine(total=200)

    app = Bar()
    async with app.run_test(size=(50, 3)) as pilot:
        line = app.query_one(ProgressLine)
        repaints: list[int] = []
        line.refresh = lambda *regions, **_: repaints.append(line.progress)  # type: ignore[method-assign]
        for progress in range(0, 201):
            line.show(progress, "")
        # 50 cells, 100 half-cells: every second step moves the bar, and the last finishes it.
        assert len(repaints) == 100 and repaints[-1] == 200
        await pilot.pause()
