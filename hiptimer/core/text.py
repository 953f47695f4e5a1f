"""Text from routine files, made safe to show on one terminal line. Standard library only."""

from __future__ import annotations


def printable(text: str) -> str:
    """``text`` on one line: control characters (escape sequences too) and lone surrogates escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
