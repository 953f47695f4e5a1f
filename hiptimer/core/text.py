"""Text from outside (routine files, file names, settings, history), made safe to show.

Every character a terminal could take as part of a control sequence, or that
changes how the text around it reads, is shown escaped: C0 and C1 controls
(ESC, the 8-bit CSI ``\\x9b`` ...), DEL, bidi overrides and isolates, zero-width
spaces and joiners, line and paragraph separators, lone surrogates. The escape
is written like a JSON or Python escape (``\\u001b``), so JSON output stays JSON.
Other unusual spaces (no-break, ideographic ...) become a plain space.

Standard library only.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import math
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_SHORT_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _escaped(char: str) -> str:
    if char in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[char]
    code = ord(char)
    if code > 0xFFFF:  # as a surrogate pair, the way JSON writes it
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def _safe_char(char: str, keep_lines: bool) -> str:
    if char.isprintable():
        return char
    if keep_lines and char in "\n\t":
        return char
    if unicodedata.category(char) == "Zs":
        return " "
    return _escaped(char)


def printable(text: str, keep_lines: bool = False) -> str:
    """``text`` with every control, format and separator character escaped.

    One line by default; ``keep_lines`` keeps newlines and tabs (a description,
    a whole message). Applying it twice changes nothing more.
    """
    if text.isprintable():  # the common case, at C speed
        return text
    return "".join(_safe_char(char, keep_lines) for char in text)


_ACTING = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
"""Categories of the characters that act on the terminal or on the text around them,
all of them zero cells wide: controls, format characters (bidi, zero-width), separators."""


def without_controls(text: str) -> str:
    """``text`` without the characters ``printable`` escapes that take no room on screen.

    For text that must keep its layout cell for cell (the editor's lines as drawn);
    anywhere else, ``printable`` shows what was there.
    """
    if text.isprintable():
        return text
    return "".join(char for char in text if unicodedata.category(char) not in _ACTING)


def printable_fields(value: T) -> T:
    """A copy of ``value`` (dataclasses, tuples, lists, dict values, strings) with every
    text printable.

    Newlines are kept: they are part of a description or a how-to step.
    """
    if isinstance(value, str):
        return printable(value, keep_lines=True)  # type: ignore[return-value]
    if isinstance(value, (tuple, list)):
        return type(value)(printable_fields(item) for item in value)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {key: printable_fields(item) for key, item in value.items()}  # type: ignore[return-value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {field.name: printable_fields(getattr(value, field.name))
                   for field in dataclasses.fields(value) if field.init}
        return dataclasses.replace(value, **changes)
    return value


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
