"""Self-test questions in the plain runner: the lines that ask them, and the answers typed.

The rule of when a question is asked and closed is the session's
(``hiptimer.core.checks``); this module only words it.
"""

from __future__ import annotations

from hiptimer.core.checks import CheckAnswered, CheckAsked, CheckClosed, Question
from hiptimer.core.events import Event

ANSWER_HINT = "answer with y or n and Enter; Enter alone leaves it unanswered"
ANSWERS = {"y": True, "yes": True, "n": False, "no": False}
"""A typed line (stripped, lower case) that answers the oldest question waiting."""


def check_line(event: Event, interactive: bool) -> str | None:
    """A self-test question asked, answered or left unanswered; None for any other event."""
    if isinstance(event, CheckAsked):
        where = _where(event.question)
        if interactive:
            return f"check: {event.question.text} ({where + ', ' if where else ''}y/n)"
        suffix = f" ({where})" if where else ""
        return f"check: {event.question.text}{suffix}: unanswered, input is not a terminal"
    if isinstance(event, CheckAnswered):
        return f"answer: {'yes' if event.yes else 'no'} ({_named(event.question)})"
    if isinstance(event, CheckClosed) and interactive:
        return f"unanswered: {_named(event.question)}"
    return None


def _where(question: Question) -> str:
    return f"{question.side} side" if question.side else ""


def _named(question: Question) -> str:
    where = _where(question)
    return f"{question.exercise_name}, {where}" if where else question.exercise_name
