"""Human-readable times, shared by the command line and the TUI."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from hiptimer.core.engine import shown_seconds
from hiptimer.core.model import Routine
from hiptimer.core.text import printable


def clock(seconds: float) -> str:
    """``75`` -> ``1:15``; ``3725`` -> ``1:02:05``. Rounds up, as a countdown reads."""
    total = shown_seconds(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def plural(count: int, word: str) -> str:
    """``1 exercise``, ``3 exercises``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _number(value: float) -> str:
    """``5.0`` -> ``5``; ``2.5`` -> ``2.5``; never an exponent (``%g`` would write ``1e+06``)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def seconds_text(seconds: float) -> str:
    """``5.0`` -> ``5 s``; ``2.5`` -> ``2.5 s``; ``90`` -> ``1 min 30 s``."""
    if seconds < 60:
        return f"{_number(seconds)} s"
    minutes, secs = divmod(seconds, 60)
    return f"{_number(minutes)} min" + (f" {_number(secs)} s" if secs else "")


def total_text(seconds: float, estimated: bool) -> str:
    """A routine's total time, ``~`` first when it holds self-paced estimates."""
    return ("~" if estimated else "") + clock(seconds)


def routine_title(routine: Routine) -> str:
    """``Squats (harder)``: the routine's name, printable, and its level unless standard."""
    level = f" ({routine.level})" if routine.level != "standard" else ""
    return printable(routine.name) + level


def shorten(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal cells, an ellipsis ending what was cut."""
    from rich.cells import cell_len, set_cell_size  # only when a table is printed

    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


def table(rows: Sequence[Sequence[str]], right: Collection[int] = (),
          limits: Mapping[int, int] | None = None) -> str:
    """Rows as aligned columns, every cell printable.

    ``right``: the columns aligned right; ``limits``: column -> most cells, longer
    text shortened. Widths are counted in terminal cells, so wide characters
    (CJK, emoji) keep the columns aligned.
    """
    from rich.cells import cell_len  # Rich's table of character widths, loaded only here

    limits = limits or {}
    cells = [[printable(cell) for cell in row] for row in rows]
    cells = [[shorten(cell, limits[col]) if col in limits else cell
              for col, cell in enumerate(row)] for row in cells]
    widths = [max(cell_len(row[col]) for row in cells) for col in range(len(cells[0]))]

    def padded(cell: str, col: int) -> str:
        gap = " " * (widths[col] - cell_len(cell))
        return gap + cell if col in right else cell + gap

    return "\n".join("  ".join(padded(cell, col) for col, cell in enumerate(row)).rstrip()
                     for row in cells)
