"""Human-readable times, shared by the command line and the TUI."""

from __future__ import annotations

import math


def clock(seconds: float) -> str:
    """``75`` -> ``1:15``; ``3725`` -> ``1:02:05``. Rounds up, as a countdown reads."""
    total = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def seconds_text(seconds: float) -> str:
    """``5.0`` -> ``5 s``; ``2.5`` -> ``2.5 s``; ``90`` -> ``1 min 30 s``."""
    if seconds < 60:
        return f"{seconds:g} s"
    minutes, secs = divmod(seconds, 60)
    return f"{minutes:g} min" + (f" {secs:g} s" if secs else "")


def total_text(seconds: float, estimated: bool) -> str:
    """A routine's total time, ``~`` first when it holds self-paced estimates."""
    return ("~" if estimated else "") + clock(seconds)
