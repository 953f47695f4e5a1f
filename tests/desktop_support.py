"""Helpers for the desktop listeners' tests: timers fired by hand, a plan, the events of a run."""

from __future__ import annotations

from hiptimer.core.events import Finished, Paused, Resumed
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, build_plan
from hiptimer.desktop.worker import Cancel, Job


class ManualTimers:
    """A ``Later`` whose timers go off only when the test says: no waiting through real time."""

    def __init__(self) -> None:
        self.pending: list[tuple[float, Job]] = []

    def __call__(self, seconds: float, callback: Job) -> Cancel:
        entry = (seconds, callback)
        self.pending.append(entry)

        def cancel() -> None:
            if entry in self.pending:
                self.pending.remove(entry)

        return cancel

    @property
    def delays(self) -> list[float]:
        return [seconds for seconds, _ in self.pending]

    def fire(self, index: int = 0) -> None:
        _, callback = self.pending.pop(index)
        callback()


def a_plan() -> Plan:
    return build_plan(Routine("Hips", (Exercise("Bridge", hold=30),), Timing(prepare=5)))


PAUSED, RESUMED = Paused(10.0), Resumed(20.0)
FINISHED = Finished(40.0, True, 2, 0)
