"""Big text drawn from a figlet font's bitmap, at the largest whole scale that fits a box.

The font is pyfiglet's ``banner3``: seven rows of ``#`` per glyph, a bitmap
rather than ASCII art, so it scales by whole pixels without losing its shape.
Its glyphs are read from ``glyph_table``, written from pyfiglet by
``scripts/make_glyph_table.py`` (see there why).
A pixel is one column wide and half a row high (``▀ ▄ █``), near square in a
terminal cell; on the Linux console (``full_blocks``) it is a whole ``█`` row.
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyfiglet import FigletFont

FONT = "banner3"
GAP = 1
"""Blank pixel columns between two glyphs."""
SPACE_WIDTH = 3
HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}

Bitmap = tuple[str, ...]
"""Rows of ``#`` (on) and space (off), all of one width."""


def read_font(font: FigletFont) -> dict[str, Bitmap]:
    """Each character's bitmap, trimmed to its inked columns; a space ``SPACE_WIDTH`` wide."""
    glyphs: dict[str, Bitmap] = {}
    for code, rows in font.chars.items():
        cleaned = [row.replace("$", " ").replace(font.hardBlank, " ") for row in rows]
        on = [column for column in range(max(map(len, cleaned), default=0))
              if any(column < len(row) and row[column] != " " for row in cleaned)]
        if on:
            first, last = on[0], on[-1] + 1
            glyphs[chr(code)] = tuple(row.ljust(last)[first:last] for row in cleaned)
    glyphs[" "] = (" " * SPACE_WIDTH,) * font.height
    return glyphs


@cache
def _glyphs() -> dict[str, Bitmap]:
    from hiptimer.tui.glyph_table import GLYPHS
    return GLYPHS


def can_draw(text: str) -> bool:
    glyphs = _glyphs()
    return bool(text) and all(char in glyphs for char in text)


def widest_digits(text: str) -> str:
    """``text`` with every digit the widest one: sized by it, a countdown keeps one scale
    from second to second (the font's "1" is narrower than its "6": "17" drawn at the
    largest scale that fits would be bigger than the "16" after it)."""
    return "".join(_widest_digit() if char.isdigit() else char for char in text)


@cache
def _widest_digit() -> str:
    glyphs = _glyphs()
    return max("0123456789", key=lambda digit: len(glyphs[digit][0]))


@lru_cache(maxsize=256)
def bitmap(text: str) -> Bitmap:
    """``text`` as one bitmap, glyphs side by side (every character must be drawable)."""
    glyphs = [_glyphs()[char] for char in text]
    height = max(len(glyph) for glyph in glyphs)
    gap = " " * GAP
    return tuple(gap.join(glyph[row] if row < len(glyph) else " " * len(glyph[0])
                          for glyph in glyphs) for row in range(height))


def rows_at(bits: Bitmap, scale: int, *, full_blocks: bool = False) -> int:
    """Terminal rows the bitmap takes at ``scale``."""
    pixels = len(bits) * scale
    return pixels if full_blocks else math.ceil(pixels / 2)


def best_scale(text: str, width: int, rows: int, *, full_blocks: bool = False,
               largest: int | None = None) -> int:
    """The largest whole scale at which ``text`` fits ``width`` x ``rows``; 0 when none does."""
    if not can_draw(text) or width <= 0 or rows <= 0:
        return 0
    bits = bitmap(text)
    scale = width // len(bits[0])
    if largest is not None:
        scale = min(scale, largest)
    while scale > 0 and rows_at(bits, scale, full_blocks=full_blocks) > rows:
        scale -= 1
    return scale


@lru_cache(maxsize=64)
def draw(text: str, scale: int, *, full_blocks: bool = False) -> tuple[str, ...]:
    """``text`` at ``scale`` as terminal lines of one width (a countdown draws each text again
    and again: kept)."""
    bits = bitmap(text)
    pixels = [
        "".join(char * scale for char in row)
        for row in bits for _ in range(scale)
    ]
    if full_blocks:
        return tuple(row.replace("#", "█") for row in pixels)
    if len(pixels) % 2:
        pixels.append(" " * len(pixels[0]))
    return tuple("".join(HALF_BLOCKS[top == "#", bottom == "#"] for top, bottom in zip(upper, lower))
                 for upper, lower in zip(pixels[::2], pixels[1::2]))
