"""The self-test question waiting for an answer, as one line on the workout screen.

It shows what the session says waits (``WorkoutSession.pending_checks``), the
oldest first, as the keys answer them; it is hidden while nothing waits.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import Static

from hiptimer.core.checks import Question
from hiptimer.core.text import printable



def question_text(pending: Sequence[Question], finished: bool = False) -> str:
    """``Self-test, left side (y yes, n no): Did …?  (1 more)``; empty when nothing waits.

    The keys come first: a long question wraps, and the keys stay in sight.
    """
    if not pending:
        return ""
    question = pending[0]
    where = f", {question.side} side" if question.side else ""
    keys = "y yes, n no, q leaves it" if finished else "y yes, n no"
    text = f"Self-test{where} ({keys}): {printable(question.text)}"
    if len(pending) > 1:
        text += f"  ({len(pending) - 1} more)"
    return text


class CheckLine(Static):
    """One line: the oldest question waiting and its keys."""

    def show(self, pending: Sequence[Question], finished: bool = False) -> None:
        text = question_text(pending, finished)
        self.display = bool(text)
        self.update(text)
