"""Messages the screens send up to the app, which alone decides where to go next."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from hiptimer.core.model import Routine
from hiptimer.core.summary import SessionSummary

if TYPE_CHECKING:
    from hiptimer.history.resume import ResumePoint


class StartWorkout(Message):
    """Start ``routine``, read from the file ``source`` (for the history); ``resume``:
    carry on that unfinished session instead of starting a new one."""

    def __init__(self, routine: Routine, source: str, resume: ResumePoint | None = None) -> None:
        super().__init__()
        self.routine = routine
        self.source = source
        self.resume = resume


class WorkoutEnded(Message):
    def __init__(self, summary: SessionSummary, *, ahead: bool = False) -> None:
        """``ahead``: the workout ends in a moment, as ``summary`` says; shown now, it is on
        the screen at the end (told again once the session is over)."""
        super().__init__()
        self.summary = summary
        self.ahead = ahead


class SummaryDue(Message):
    """The workout's last step runs: the summary can be built now, to show at once at the end."""


class SummaryClosed(Message):
    pass


class EditRoutine(Message):
    """Open ``path`` in the editor; ``notice`` is told to the user first (a copied built-in)."""

    def __init__(self, path: Path, notice: str | None = None) -> None:
        super().__init__()
        self.path = path
        self.notice = notice


class EditorClosed(Message):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class ShowHistory(Message):
    pass


class Notice(Message):
    """A warning for the person, shown once however often it comes up in a run."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
