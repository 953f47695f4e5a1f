"""Messages the screens send up to the app, which alone decides where to go next."""

from __future__ import annotations

from textual.message import Message

from hiptimer.core.model import Routine
from hiptimer.tui.session_summary import SessionSummary


class StartWorkout(Message):
    """Start ``routine``, read from the file ``source`` (for the history)."""

    def __init__(self, routine: Routine, source: str) -> None:
        super().__init__()
        self.routine = routine
        self.source = source


class WorkoutEnded(Message):
    def __init__(self, summary: SessionSummary) -> None:
        super().__init__()
        self.summary = summary


class SummaryClosed(Message):
    pass
