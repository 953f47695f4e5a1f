"""Whether a measurement can be true: a figure that cannot is reported as failed, never printed.

A program that exited before its end, a series that saw too few of the
instants it should have, a lateness beyond a second against hiptimer's own
schedule, or a once-a-second reference whose redraws stop for a while (termdown
printed as 6,000 ms late) makes no figure: the bench shows ``failed`` with the
reason, its ratios as n/a, and says so in its summary. A reference's lateness
itself is not bounded: the naive loop's grows by design (2 s over 30 minutes).
"""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Sequence

from workloads import Lateness, tick_lateness

MIN_SHARE = 0.9
"""Of the instants a program should have shown, the share a series must have seen."""
LATENESS_LIMIT_MS = 1000.0
TICK_GAP_LIMIT = 1.5
"""Seconds between two redraws of a once-a-second reference beyond which it missed one."""
EARLY_EXIT_SLACK = 1.0
"""Seconds before its expected end that a program may close its output."""

PROGRAMS = {"plain": "plain runner", "tui": "TUI", "sound": "TUI sound", "termdown": "termdown",
            "naive": "naive loop", "textual": "minimal Textual",
            "textual-big": "minimal Textual, big number"}


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


def series_problem(lateness: Lateness | None, expected: int, instants: str, *,
                   bounded: bool = True) -> str | None:
    """Why a series of ``expected`` ``instants`` cannot be a measurement, or None.

    ``bounded``: its lateness is against a schedule, so beyond a second it is a
    measurement gone wrong."""
    seen = 0 if lateness is None else lateness.count
    if seen == 0:
        return f"no {instants} seen"
    if seen < max(2, MIN_SHARE * expected):
        return f"{seen} of {expected} {instants} seen"
    assert lateness is not None
    worst = max(lateness.max, -lateness.min)
    if bounded and worst > LATENESS_LIMIT_MS:
        return f"lateness {worst:,.0f} ms, over a second"
    return None


def judged(name: str, lateness: Lateness | None, expected: int, instants: str
           ) -> Lateness | Failed:
    """A series against hiptimer's own schedule, or why it is no figure."""
    problem = series_problem(lateness, expected, instants)
    if problem is not None:
        return failed(name, problem)
    assert lateness is not None
    return lateness


def judged_ticks(name: str, arrivals: Sequence[float], expected: int, instants: str
                 ) -> Lateness | Failed:
    """A reference's once-a-second redraws (see ``tick_lateness``), or why they are no figure."""
    lateness = tick_lateness(arrivals)
    gap = max((later - earlier for earlier, later in zip(arrivals, arrivals[1:])), default=0.0)
    problem = series_problem(lateness, expected, instants, bounded=False)
    if problem is None and gap > TICK_GAP_LIMIT:
        problem = f"{instants} {gap:.1f} s apart"
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
