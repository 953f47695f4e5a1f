"""Human-readable times, shared by the command line and the TUI."""

from __future__ import annotations

from collections.abc import Collection, Sequence

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


def seconds_text(seconds: float) -> str:
    """``5.0`` -> ``5 s``; ``2.5`` -> ``2.5 s``; ``90`` -> ``1 min 30 s``."""
    if seconds < 60:
        return f"{seconds:g} s"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes:g} min" + (f" {secs:g} s" if secs else "")


def total_text(seconds: float, estimated: bool) -> str:
    """A routine's total time, ``~`` first when it holds self-paced estimates."""
    return ("~" if estimated else "") + clock(seconds)


def routine_title(routine: Routine) -> str:
    """``Squats (harder)``: the routine's name, printable, and its level unless standard."""
    level = f" ({routine.level})" if routine.level != "standard" else ""
    return printable(routine.name) + level


def table(rows: Sequence[Sequence[str]], right: Collection[int] = ()) -> str:
    """Rows as aligned columns (``right``: the columns aligned right), every cell printable."""
    cells = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(row[col]) for row in cells) for col in range(len(cells[0]))]
    return "\n".join(
        "  ".join(cell.rjust(width) if col in right else cell.ljust(width)
                  for col, (cell, width) in enumerate(zip(row, widths))).rstrip()
        for row in cells)
