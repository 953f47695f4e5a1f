"""Training over weeks, read from the history: each routine's week against its ``per_week``,
and when a routine's next level is worth a try.

Pure: it works on sessions already read (``hiptimer.history.summary``) and on
routines as the library loaded them; no file, no clock.

A session belongs to a routine when it ran the routine's file (alone, or back to
back with others: ``run A B C``), or a routine of the same name (the file has
moved since, as a built-in one does when hiptimer is installed anew).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from hiptimer.core.compose import next_level
from hiptimer.core.model import Level, Routine
from hiptimer.core.text import printable

if TYPE_CHECKING:  # only annotations: ``run`` needs SOURCE_SEPARATOR, not the history file
    from hiptimer.history.summary import SessionSummary

SOURCE_SEPARATOR = " + "
"""Between the files of routines run back to back, in the history's ``source``."""
STREAK = 3
"""Clean sessions in a row at one level that make the next level worth a try."""


@dataclass(frozen=True)
class RoutineGoal:
    """This week's counting sessions of one routine against its ``per_week``."""

    name: str
    count: int
    per_week: int

    @property
    def text(self) -> str:
        """``Mobility warm-up: 1 of 3`` (``, met`` once met)."""
        met = ", met" if self.count >= self.per_week else ""
        return f"{printable(self.name)}: {self.count} of {self.per_week}{met}"


def ran(session: SessionSummary, routine: Routine, source: str) -> bool:
    """``session`` was a workout of ``routine``, read from the file ``source``."""
    return (session.source == source or session.routine == routine.name
            or source in session.source.split(SOURCE_SEPARATOR))


def routine_goals(history: Iterable[SessionSummary], routines: Iterable[tuple[Routine, str]],
                  week: date) -> list[RoutineGoal]:
    """For each routine (and its file) with a ``per_week``, its sessions in the week that
    starts on ``week`` (a Monday) that count toward a goal (``SessionSummary.counts``)."""
    this_week = [session for session in history
                 if session.counts and 0 <= (session.date - week).days < 7]
    return [RoutineGoal(routine.name,
                        sum(1 for session in this_week if ran(session, routine, source)),
                        routine.per_week)
            for routine, source in routines if routine.per_week is not None]


def clean(session: SessionSummary) -> bool:
    """Ran to its end in one go (never stopped early, so never resumed), every block done."""
    return (session.status == "completed" and not session.resumed
            and session.done == session.planned_blocks)


def level_to_try(history: Sequence[SessionSummary], routine: Routine, source: str
                 ) -> tuple[str, Level] | None:
    """(the level of the last three sessions, the level above it) when the routine's newest
    session made the third clean one in a row at one level and ``routine`` (as written)
    has the level above; None otherwise.

    Said once: only the third makes it; a fourth at the same level says nothing more.
    """
    mine = [session for session in history if ran(session, routine, source)]
    last = mine[-STREAK:]
    if len(last) < STREAK or not all(clean(session) for session in last):
        return None
    level = last[-1].level
    if any(session.level != level for session in last):
        return None
    before = mine[-STREAK - 1] if len(mine) > STREAK else None
    if before is not None and clean(before) and before.level == level:
        return None  # the streak reached three before this session: said then
    above = next_level(routine, level)
    return None if above is None else (level, above)


def progression_line(history: Sequence[SessionSummary], routine: Routine, source: str
                     ) -> str | None:
    """One line saying the next level is worth a try, or None (see ``level_to_try``)."""
    found = level_to_try(history, routine, source)
    if found is None:
        return None
    level, above = found
    return (f"{printable(routine.name)}: {STREAK} sessions in a row at the {level} level, "
            f"every exercise done: the {above} level is worth a try (--level {above}).")
