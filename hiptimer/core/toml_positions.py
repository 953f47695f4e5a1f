"""Where keys are written in TOML text, so problems can carry a line number.

tomllib gives values but no positions; this scans the text, best effort.
Standard library only.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

_BARE_OR_QUOTED = r'(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|\'[^\']*\')'
_KEY_LINE = re.compile(rf"\s*({_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*)\s*=")
_HEADER_LINE = re.compile(
    rf"\s*(\[\[?)\s*({_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = re.compile(_BARE_OR_QUOTED)

KeyPath = tuple[Any, ...]


def _key_parts(dotted: str) -> list[str]:
    return [_unquote(part) for part in _KEY_PART.findall(dotted)]


def _unquote(part: str) -> str:
    if part.startswith('"'):
        try:  # TOML's basic-string escapes are JSON's, except for \U
            return str(json.loads(part))
        except ValueError:
            pass
    return part.strip("\"'")


def locate_keys(text: str) -> dict[KeyPath, tuple[int, int]]:
    """Best effort: where each key path (``("exercise", 2, "reps")``) is first written."""
    positions: dict[KeyPath, tuple[int, int]] = {}
    table: KeyPath = ()
    exercise = -1
    in_string: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if in_string:
            if in_string in line:
                in_string = None
            continue
        header, key = _HEADER_LINE.match(line), _KEY_LINE.match(line)
        if header:
            parts: KeyPath = tuple(_key_parts(header.group(2)))
            if parts == ("exercise",):
                exercise = exercise + 1 if header.group(1) == "[[" else 0
                parts = ("exercise", exercise)
            elif parts[0] == "exercise" and exercise >= 0:
                parts = ("exercise", exercise, *parts[1:])
            table, path, column = parts, parts, header.start(1) + 1
        elif key:
            path, column = table + tuple(_key_parts(key.group(1))), key.start(1) + 1
        else:
            path = ()
        for end in range(1, len(path) + 1):
            positions.setdefault(path[:end], (number, column))
        for delimiter in ('"""', "'''"):
            if line.count(delimiter) % 2 == 1:
                in_string = delimiter
                break
    return positions


def locate_array_items(text: str, line: int, col: int) -> list[tuple[int, int]]:
    """Where each string of the array written at ``line``, ``col`` (its key) starts.

    For an array of strings only (``parts = ["a", 'b']`` over any number of
    lines, with comments); anything else gives ``[]``.
    """
    lines = text.splitlines(keepends=True)  # numbered as locate_keys numbers them
    starts = [0]
    for written in lines:
        starts.append(starts[-1] + len(written))
    if not 1 <= line <= len(lines):
        return []
    at = text.find("=", starts[line - 1] + col - 1)
    at = text.find("[", at) if at >= 0 else -1
    if at < 0:
        return []

    def position(offset: int) -> tuple[int, int]:
        number = bisect.bisect_right(starts, offset)
        return number, offset - starts[number - 1] + 1

    items: list[tuple[int, int]] = []
    at += 1
    while at < len(text):
        char = text[at]
        if char in " \t\r\n,":
            at += 1
        elif char == "#":
            at = _end_of_line(text, at)
        elif char == "]":
            return items
        elif char in "\"'":
            items.append(position(at))
            at = _end_of_string(text, at)
        else:
            return []
    return []


def _end_of_line(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _end_of_string(text: str, at: int) -> int:
    """The offset just past the TOML string starting at ``at``."""
    quote = text[at]
    delimiter = quote * 3 if text.startswith(quote * 3, at) else quote
    at += len(delimiter)
    while at < len(text):
        if quote == '"' and text[at] == "\\":
            at += 2
        elif text.startswith(delimiter, at):
            end = at + len(delimiter)
            while len(delimiter) == 3 and text.startswith(quote, end) and end - at < 5:
                end += 1  # a multi-line string may end with one or two of its quotes
            return end
        else:
            at += 1
    return len(text)
