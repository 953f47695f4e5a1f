"""``hiptimer history --checks``: each self-test question's answers per side, over time.

One small table per question (an exercise and its ``check``), one row per
session that asked it, newest first: the date and the answer on each side
(``left`` / ``right``), or the one answer of an exercise without sides. An
answer nobody gave is ``none``; a side the session did not ask (skipped) is
left blank. ``--csv`` and ``--json`` list every answer, oldest first, as the
sessions are.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TextIO

from hiptimer.core.text import printable
from hiptimer.format import table
from hiptimer.history.summary import CheckAnswer, SessionSummary

RECENT = 20
"""Rows shown per question; --csv and --json list them all."""
NO_ANSWER = "none"
CSV_FIELDS = ("session", "routine", "date", "asked_at", "exercise", "side", "question",
              "answer")
NO_CHECKS = "No self-test answers yet: run a routine with checks, such as hip-self-test."


@dataclass
class QuestionRow:
    asked: datetime
    """When the session that asked it started: one date per session across questions."""
    answers: dict[str | None, str]
    """Side (None without sides) -> ``yes``, ``no`` or ``none``."""


@dataclass
class QuestionHistory:
    exercise: str
    question: str
    rows: list[QuestionRow] = field(default_factory=list)
    """Newest first."""

    @property
    def sides(self) -> tuple[str | None, ...]:
        seen = {side for row in self.rows for side in row.answers}
        if seen <= {None}:
            return (None,)
        return tuple(side for side in ("left", "right") if side in seen) + (
            (None,) if None in seen else ())


def answered(history: Iterable[SessionSummary]) -> list[tuple[SessionSummary, CheckAnswer]]:
    """Every answer with its session, oldest first."""
    return [(session, check) for session in history for check in session.checks]


def by_question(history: Iterable[SessionSummary]) -> list[QuestionHistory]:
    """Per question, in the order first asked; each one's sessions newest first."""
    questions: dict[tuple[str, str], QuestionHistory] = {}
    for session in reversed(list(history)):
        rows: dict[tuple[str, str], QuestionRow] = {}
        for check in session.checks:
            key = (check.exercise, check.question)
            row = rows.get(key)
            if row is None:
                row = rows[key] = QuestionRow(session.started, {})
                questions.setdefault(key, QuestionHistory(*key)).rows.append(row)
            row.answers[check.side] = check.answer or NO_ANSWER
    return sorted(questions.values(), key=lambda found: found.rows[-1].asked)


def checks_text(history: Sequence[SessionSummary], limit: int = RECENT) -> str:
    """The tables, one per question, separated by a blank line; a sentence when there are none."""
    blocks = []
    for question in by_question(history):
        sides = question.sides
        heading = [("DATE", *((side or "answer").upper() for side in sides))]
        body = [(row.asked.strftime("%Y-%m-%d %H:%M"), *(row.answers.get(side, "")
                                                         for side in sides))
                for row in question.rows[:limit]]
        text = printable(f"{question.exercise}: {question.question}") + "\n" + table(heading + body)
        if len(question.rows) > limit:
            text += f"\n(the last {limit} of {len(question.rows)}; --csv or --json lists them all)"
        blocks.append(text)
    return "\n\n".join(blocks) if blocks else NO_CHECKS


def check_json(session: SessionSummary, check: CheckAnswer) -> dict[str, Any]:
    return {"session": session.id, "routine": session.routine,
            "date": check.asked_at.date().isoformat(), **check.to_json()}


def write_checks(history: Sequence[SessionSummary], fmt: str, out: TextIO) -> None:
    """``fmt``: ``text``, ``csv`` or ``json``."""
    if fmt == "text":
        out.write(checks_text(history) + "\n")
        return
    rows = [check_json(session, check) for session, check in answered(history)]
    if fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for row in rows:
        writer.writerow([row[name] for name in CSV_FIELDS])
