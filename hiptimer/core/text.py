"""Text from routine files, made safe to show in a message or on one terminal line.

Standard library only.
"""

from __future__ import annotations

import datetime
import difflib
import math
from collections.abc import Sequence


def printable(text: str) -> str:
    """``text`` on one line: control characters (escape sequences too) and lone surrogates escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def did_you_mean(word: str, choices: Sequence[str], quote: str = "'") -> str:
    """`` (did you mean 'hold'?)`` for the choice nearest ``word``, or "" when none is near."""
    close = difflib.get_close_matches(word, choices, n=1)
    return f" (did you mean {quote}{printable(close[0])}{quote}?)" if close else ""


def show_value(value: object) -> str:
    """A value as the user wrote it, short, for "got ..." in messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value) if abs(value) < 10**18 else "a very large number"
    if isinstance(value, float):
        return "nan" if math.isnan(value) else repr(value)
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return '"' + printable(shown) + '"'
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return "a date"
    if isinstance(value, datetime.time):
        return "a time of day"
    return "an unknown value"
