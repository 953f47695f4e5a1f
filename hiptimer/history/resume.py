"""Picking up a workout where it stopped: which session, and where in its plan.

A session that ended early (stopped, interrupted, killed) can be resumed: the
workout starts again at its first block that was not done, after a get-ready
step, and the history keeps one session with a stretch of time per run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from hiptimer.core.model import LEVELS, Level, Timing
from hiptimer.core.plan import Plan, Step
from hiptimer.history.blocks import BlockKey, block_keys
from hiptimer.history.summary import SessionSummary

UNFINISHED = ("stopped", "interrupted")
OFFERED_WITHIN = timedelta(hours=24)
"""The library offers to resume an unfinished session this recent."""


@dataclass(frozen=True)
class ResumePoint:
    """An unfinished session, and the blocks it had done."""

    session_id: int
    routine: str
    source: str
    level: str
    last_seen: datetime
    done: frozenset[BlockKey]


def latest_unfinished(sessions: Iterable[SessionSummary], *, source: str | None = None,
                      since: datetime | None = None) -> ResumePoint | None:
    """The newest session that ended early (of the routine read from ``source``, when given)."""
    newest: SessionSummary | None = None
    for session in sessions:  # oldest first
        newest = session if source is None or session.source == source else newest
    if newest is None or newest.status not in UNFINISHED:
        return None  # the routine's last session finished: nothing is left to resume
    if since is not None and newest.last_seen < since:
        return None
    done = frozenset(BlockKey(block.exercise_index, block.set, block.side)  # type: ignore[arg-type]
                     for block in newest.exercises
                     if block.status == "done" and block.exercise_index is not None)
    return ResumePoint(newest.id, newest.routine, newest.source, newest.level,
                       newest.last_seen, done)


def resumed_level(point: ResumePoint) -> Level:
    """The level the session ran at: a resumed workout carries on at it (``standard`` for
    a value this hiptimer does not know)."""
    return next((level for level in LEVELS if level == point.level), "standard")


def resumed_plan(plan: Plan, done: frozenset[BlockKey]) -> tuple[Plan, int]:
    """``plan`` with a get-ready step before its first block not done, and that step's index.

    Every step before it counts as already done. A routine whose ``prepare``
    is 0 still gets the default get-ready: the person has to get back in place.
    """
    keys = block_keys(plan)
    first = next((index for index, key in sorted(keys.items()) if key not in done), None)
    if first is None:
        return plan, len(plan.steps)
    seconds = plan.routine.timing.prepare or Timing().prepare
    get_ready = Step("prepare", seconds, seconds)
    return Plan(plan.routine, plan.steps[:first] + (get_ready,) + plan.steps[first:]), first
