"""Routine files: TOML text to a validated ``Routine`` or every located problem.

Pure: standard library only. Never raises on bad input: every problem in a
file is returned as a ``Problem``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hiptimer.core.model import Routine

MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    line: int | None = None
    """1-based line, when known (always for TOML syntax errors)."""
    col: int | None = None
    exercise: int | None = None
    """1-based exercise number, for a rule broken inside an ``[[exercise]]``."""
    exercise_name: str | None = None

    def __str__(self) -> str:
        """``PATH:LINE:COL: message`` for syntax errors,
        ``PATH: exercise 3 "Clamshell": message`` for rule breaks."""
        raise NotImplementedError


@dataclass(frozen=True)
class Loaded:
    routine: Routine | None
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        return self.routine is not None and not self.problems


def parse_routine(text: str, path: str) -> Loaded:
    raise NotImplementedError


def load_routine(path: Path | str) -> Loaded:
    """Read a file (refusing empty, non-UTF-8 and over 1 MiB) and parse it."""
    raise NotImplementedError


def parse_time(value: object) -> float:
    """``5``, ``2.5``, ``"90s"``, ``"1m"``, ``"1m30s"``, ``"2 min"`` to seconds; ValueError otherwise."""
    raise NotImplementedError
