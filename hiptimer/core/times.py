"""Times as people write them in routine files: ``5``, ``2.5``, ``"90s"``, ``"1m30s"``, ``"2 min"``.

Standard library only.
"""

from __future__ import annotations

import math
import re

from hiptimer.core.text import show_value

TIME_FORMS = 'a time in seconds, like 30, 2.5, "90s" or "1m30s"'

_UNITS = {"h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0,
          "m": 60.0, "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
          "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0}
_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_TIME_PART = re.compile(rf"({_NUMBER})\s*([a-z]+)\s*")


def parse_time(value: object) -> float:
    """``5``, ``2.5``, ``"90s"``, ``"1m"``, ``"1m30s"``, ``"2 min"`` to seconds; ValueError otherwise."""
    if isinstance(value, bool):  # bool is an int to Python, never a time to a person
        raise _not_a_time(value)
    if isinstance(value, (int, float)):
        try:
            seconds = float(value)
        except OverflowError:
            raise _not_a_time(value) from None
    elif isinstance(value, str):
        seconds = _parse_time_text(value)
    else:
        raise _not_a_time(value)
    if not math.isfinite(seconds):
        raise _not_a_time(value)
    return seconds


def _not_a_time(value: object) -> ValueError:
    return ValueError(f"{show_value(value)} is not {TIME_FORMS}")


def _parse_time_text(value: str) -> float:
    text = value.strip().lower()
    sign = -1.0 if text[:1] == "-" else 1.0
    if text[:1] in ("+", "-"):
        text = text[1:].strip()
    if re.fullmatch(_NUMBER, text):
        return sign * float(text)
    seconds, position, last_unit = 0.0, 0, math.inf
    while position < len(text):
        match = _TIME_PART.match(text, position)
        unit = _UNITS.get(match.group(2)) if match else None
        # Units go from large to small, each at most once: "1m30s", not "30s1m".
        if match is None or unit is None or unit >= last_unit:
            raise _not_a_time(value)
        seconds += float(match.group(1)) * unit
        position, last_unit = match.end(), unit
    if position == 0:
        raise _not_a_time(value)
    return sign * seconds
