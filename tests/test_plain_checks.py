"""Self-test checks in the plain runner: typed answers on a fake clock, and no terminal at all."""

from __future__ import annotations

import io
from pathlib import Path

from conftest import FakeClock
from test_history_helpers import WallClock, rows

from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import build_plan
from hiptimer.history.opening import open_store
from hiptimer.history.writer import HistoryListener
from hiptimer.plain import run_plain
from hiptimer.plain_checks import ANSWER_HINT
from hiptimer.session import Listener


def routine() -> Routine:
    """prepare 0-2, squat 2-8, rest 8-11, bridge left 11-15, switch 15-17, right 17-21."""
    return Routine("Self-tests", (
        Exercise("Squat", reps=2, tempo=3, check="Heels down?"),
        Exercise("Bridge", hold=4, sides="each", check="Hips level?"),
    ), Timing(prepare=2, rest=3, switch=2))


class ScriptedLines:
    """A person at a terminal on the fake clock: ``(seconds after the start, line)`` in turn;
    once the script ends, input ends."""

    def __init__(self, clock: FakeClock, script: list[tuple[float, str]]) -> None:
        self._clock = clock
        self._start = clock.now
        self._script = list(script)

    def wait_line(self, timeout: float | None) -> str | None:
        if not self._script:
            if timeout is None:
                return ""
            self._clock.sleep(timeout)
            return None
        due = self._start + self._script[0][0]
        if timeout is not None and due > self._clock.now + timeout:
            self._clock.sleep(timeout)
            return None
        self._clock.now = max(self._clock.now, due)
        return self._script.pop(0)[1] + "\n"


def run(clock: FakeClock, script: list[tuple[float, str]] | None,
        listeners: list[Listener] | None = None) -> tuple[int, list[str]]:
    out = io.StringIO()
    lines = None if script is None else ScriptedLines(clock, script)
    code = run_plain(build_plan(routine()), out=out, stdin=None, clock_fn=clock,
                     sleep_fn=clock.sleep, lines=lines, listeners=listeners or [])
    return code, out.getvalue().splitlines()


def check_lines(lines: list[str]) -> list[str]:
    words = ("check:", "answer:", "unanswered", "finished", ANSWER_HINT)
    return [line for line in lines if any(word in line for word in words)]


def timed_lines(lines: list[str]) -> list[str]:
    """The workout's own lines (steps, pips): what the timer did."""
    return [line for line in lines if line[:1].isdigit() and line not in check_lines(lines)
            or "finished" in line]


def test_answers_typed_while_the_next_step_runs(fake_clock: FakeClock) -> None:
    code, lines = run(fake_clock, [(9, "y"), (16, "N"), (30, "yes")])
    assert code == 0
    assert check_lines(lines) == [
        "0:08 check: Heels down? (y/n)",
        "0:09 answer: yes (Squat)",
        "0:15 check: Hips level? (left side, y/n)",
        "0:16 answer: no (Bridge, left side)",
        "0:21 finished: 7 steps done, 0 skipped",
        "0:21 check: Hips level? (right side, y/n)",
        ANSWER_HINT,
        "0:30 answer: yes (Bridge, right side)",
    ]


def test_the_timer_never_waits_for_an_answer(fake_clock: FakeClock) -> None:
    _, answered = run(FakeClock(), [(9, "y"), (16, "n")])
    _, untouched = run(FakeClock(), None)
    assert timed_lines(answered) == timed_lines(untouched)
    assert "0:21 finished: 7 steps done, 0 skipped" in timed_lines(answered)


def test_unanswered_when_the_next_exercise_ends(fake_clock: FakeClock) -> None:
    code, lines = run(fake_clock, [(40, "")])  # Enter alone at the end: leave them
    assert code == 0
    assert check_lines(lines) == [
        "0:08 check: Heels down? (y/n)",
        "0:15 check: Hips level? (left side, y/n)",
        "0:21 finished: 7 steps done, 0 skipped",
        "0:21 unanswered: Squat",
        "0:21 check: Hips level? (right side, y/n)",
        ANSWER_HINT,
    ]
    assert fake_clock.now == 1040


def test_other_lines_still_do_what_they_did(fake_clock: FakeClock) -> None:
    # "x" answers nothing; "maybe" neither: the questions stay open until they close.
    code, lines = run(fake_clock, [(9, "x"), (10, "maybe")])
    assert code == 0
    assert "0:21 unanswered: Squat" in lines
    assert not [line for line in lines if "answer:" in line]


def test_no_terminal_records_unanswered_and_does_not_wait(fake_clock: FakeClock) -> None:
    code, lines = run(fake_clock, None)
    assert code == 0
    assert "note: input is not a terminal, so self-test questions are left unanswered" in lines
    assert [line for line in lines if "check:" in line] == [
        "0:08 check: Heels down?: unanswered, input is not a terminal",
        "0:15 check: Hips level? (left side): unanswered, input is not a terminal",
        "0:21 check: Hips level? (right side): unanswered, input is not a terminal",
    ]
    assert fake_clock.now == 1021  # over when the workout is: nothing to wait for


def test_the_history_keeps_each_answer_with_its_side(tmp_path: Path,
                                                     fake_clock: FakeClock) -> None:
    db = tmp_path / "history.sqlite3"
    store, _ = open_store(db, wall_clock=WallClock())
    run(fake_clock, [(9, "y"), (16, "n"), (30, "y")], [HistoryListener(store, "self-tests.toml")])
    assert store.problem is None
    store.close()
    assert rows(db, "SELECT status FROM sessions") == [("completed",)]
    assert rows(db, "SELECT exercise_index, exercise, side, question, answer, asked_at"
                    " FROM checks ORDER BY id") == [
        (0, "Squat", None, "Heels down?", "yes", "2025-03-12T07:30:00+01:00"),
        (1, "Bridge", "left", "Hips level?", "no", "2025-03-12T07:30:00+01:00"),
        (1, "Bridge", "right", "Hips level?", "yes", "2025-03-12T07:30:00+01:00"),
    ]  # the right side answered after the finish, the session row already ended


def test_a_question_nobody_answers_is_kept_as_none(tmp_path: Path, fake_clock: FakeClock) -> None:
    db = tmp_path / "history.sqlite3"
    store, _ = open_store(db, wall_clock=WallClock())
    run(fake_clock, None, [HistoryListener(store, "self-tests.toml")])
    assert store.problem is None
    store.close()
    assert rows(db, "SELECT side, answer FROM checks ORDER BY id") == [
        (None, None), ("left", None), ("right", None)]
