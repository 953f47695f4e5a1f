"""Whether a measurement can be true: a figure that cannot is reported as failed, never printed.

A program that exited before its end, a series that saw too few of the
instants it should have, or a lateness beyond a second (a once-a-second redraw
that late has missed its second) makes no figure: the bench shows ``failed``
with the reason, its ratios as n/a, and says so in its summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from workloads import Lateness

MIN_SHARE = 0.9
"""Of the instants a program should have shown, the share a series must have seen."""
LATENESS_LIMIT_MS = 1000.0
EARLY_EXIT_SLACK = 1.0
"""Seconds before its expected end that a program may close its output."""

PROGRAMS = {"plain": "plain runner", "tui": "TUI", "sound": "TUI sound", "termdown": "termdown",
            "naive": "naive loop", "textual": "minimal Textual"}


@dataclass(frozen=True)
class Failed:
    """A figure that could not be measured, and why."""

    program: str
    reason: str

    def __str__(self) -> str:
        return f"{self.program} ({self.reason})"


Figure = float | Failed | None
"""A measured value, a failed measurement, or None where none was taken."""


def failed(name: str, reason: str) -> Failed:
    return Failed(PROGRAMS.get(name, name), reason)


def series_problem(lateness: Lateness | None, expected: int, instants: str) -> str | None:
    """Why a series of ``expected`` ``instants`` cannot be a measurement, or None."""
    seen = 0 if lateness is None else lateness.count
    if seen == 0:
        return f"no {instants} seen"
    if seen < max(2, MIN_SHARE * expected):
        return f"{seen} of {expected} {instants} seen"
    assert lateness is not None
    worst = max(lateness.max, -lateness.min)
    if worst > LATENESS_LIMIT_MS:
        return f"lateness {worst:,.0f} ms, over a second"
    return None


def judged(name: str, lateness: Lateness | None, expected: int, instants: str
           ) -> Lateness | Failed:
    problem = series_problem(lateness, expected, instants)
    if problem is not None:
        return failed(name, problem)
    assert lateness is not None
    return lateness


def exit_problem(closed_at: float | None, began: float, seconds: float) -> str | None:
    """Why a program that ran from ``began`` and should have lasted ``seconds`` ran short."""
    if closed_at is not None and closed_at < began + seconds - EARLY_EXIT_SLACK:
        return f"exited after {closed_at - began:.1f} s of {seconds:g}"
    return None


def sampled_problem(samples: int, expected: int) -> str | None:
    if samples < max(2, MIN_SHARE * expected):
        return f"{samples} of {expected} CPU samples"
    return None


def rounds_problem(measured: int, rounds: int, what: str) -> str | None:
    if measured < rounds:
        return f"{what} seen in {measured} of {rounds} rounds"
    return None


def failures(figures: list[Figure]) -> list[Failed]:
    """Each distinct failure among ``figures``, in order."""
    return list(dict.fromkeys(figure for figure in figures if isinstance(figure, Failed)))
