"""``hiptimer history --checks``: per question, each side's answers over time, newest first."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import FakeClock
from test_history_helpers import BRIDGE_Q, SQUAT_Q, WallClock, record_checks, two_sessions

from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.history.report import history_command
from hiptimer.history.opening import open_store
from hiptimer.history.writer import HistoryListener
from hiptimer.session import WorkoutSession

def history(db: Path, fmt: str = "text") -> str:
    out = io.StringIO()
    assert history_command(db, 2, fmt, out, checks=True) == 0  # type: ignore[arg-type]
    return out.getvalue()


def test_each_question_lists_its_answers_per_side_newest_first(tmp_path: Path) -> None:
    assert history(two_sessions(tmp_path)) == (
        f"Deep squat: {SQUAT_Q}\n"
        "DATE              ANSWER\n"
        "2025-03-15 17:30  yes\n"
        "2025-03-12 07:30  no\n"
        "\n"
        f"Bridge: {BRIDGE_Q}\n"
        "DATE              LEFT  RIGHT\n"
        "2025-03-15 17:30        yes\n"   # the left side skipped: not asked
        "2025-03-12 07:30  yes   no\n")


def test_an_unanswered_question_shows_none(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    record_checks(db, WallClock(), {})
    assert history(db).splitlines()[2] == "2025-03-12 07:30  none"
    assert history(db).splitlines()[-1] == "2025-03-12 07:30  none  none"


def test_no_checks_yet_says_so(tmp_path: Path) -> None:
    assert history(tmp_path / "missing.sqlite3") == (
        "No self-test answers yet: run a routine with checks, such as hip-self-test.\n")


def test_csv_and_json_list_every_answer_oldest_first(tmp_path: Path) -> None:
    db = two_sessions(tmp_path)
    table = list(csv.DictReader(io.StringIO(history(db, "csv"))))
    assert [(row["date"], row["exercise"], row["side"], row["answer"]) for row in table] == [
        ("2025-03-12", "Deep squat", "", "no"), ("2025-03-12", "Bridge", "left", "yes"),
        ("2025-03-12", "Bridge", "right", "no"), ("2025-03-15", "Deep squat", "", "yes"),
        ("2025-03-15", "Bridge", "right", "yes")]
    answers = json.loads(history(db, "json"))
    assert answers[1] == {"session": 1, "routine": "Hip self-tests", "date": "2025-03-12",
                          "exercise": "Bridge", "side": "left", "question": BRIDGE_Q,
                          "answer": "yes", "asked_at": "2025-03-12T07:30:00+01:00"}


def test_the_sessions_json_carries_their_checks(tmp_path: Path) -> None:
    db = two_sessions(tmp_path)
    out = io.StringIO()
    history_command(db, 2, "json", out)
    sessions = json.loads(out.getvalue())
    assert [(check["side"], check["answer"]) for check in sessions[0]["checks"]] == [
        (None, "no"), ("left", "yes"), ("right", "no")]


def test_text_from_the_file_is_shown_printable(tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    store, _ = open_store(db, wall_clock=WallClock())
    routine = Routine("Odd", (Exercise("Squat\x1b[2J", duration=2, check="Ok?\x07"),),
                      Timing(prepare=0))
    clock = FakeClock()
    session = WorkoutSession(build_plan(routine), clock=clock,
                             listeners=[HistoryListener(store, "odd.toml")])
    session.start()
    clock.now += 3
    session.advance()
    session.close()
    store.close()
    assert history(db).splitlines()[0] == "Squat\\u001b[2J: Ok?\\u0007"  # escaped, as anywhere
