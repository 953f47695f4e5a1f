"""Self-test checks in the TUI: a line with y / n while the next step runs, kept in the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.history.opening import open_store
from hiptimer.history.writer import HistoryWriter
from hiptimer.paths import Paths
from hiptimer.tui.app import make_app
from hiptimer.tui.commands import binding_commands
from hiptimer.tui.history_screen import HistoryScreen
from hiptimer.tui.summary_screen import SummaryScreen
from hiptimer.tui.workout_screen import WorkoutScreen

from test_history_helpers import BRIDGE_Q, SQUAT_Q, rows, two_sessions
from test_tui_support import FakePlayer, text_of


def self_tests() -> Routine:
    """prepare 0-1, squat 1-4, rest 4-7, bridge left 7-11, switch 11-12, right 12-16."""
    return Routine("Self-tests", (
        Exercise("Squat", reps=1, tempo=3, check="Heels down?"),
        Exercise("Bridge", hold=4, sides="each", check="Hips level?"),
    ), Timing(prepare=1, rest=3, switch=1))


async def at(pilot: Pilot, clock, start: float, seconds: float) -> None:
    clock.now = start + seconds
    pilot.app.screen.tick()
    await pilot.pause()


def check_line(pilot: Pilot) -> str:
    line = pilot.app.screen.query_one("#check-line")
    return text_of(pilot.app, "#check-line") if line.display else ""


def offered(pilot: Pilot) -> set[str]:
    return {command.title for command in binding_commands(pilot.app.screen)}


def answers(db: Path) -> list[tuple[object, ...]]:
    return rows(db, "SELECT exercise, side, answer FROM checks ORDER BY id")


async def test_answered_with_y_and_n_while_the_workout_goes_on(home: Paths, fake_clock,
                                                               tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    writer = HistoryWriter(open_store(db)[0])
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, routine=self_tests(),
                   tick_interval=None, store=writer)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, WorkoutScreen)
        start = screen.session.started_at
        assert check_line(pilot) == "" and not {"Yes", "No"} & offered(pilot)
        await at(pilot, fake_clock, start, 4.5)
        assert check_line(pilot) == "Self-test (y yes, n no): Heels down?"
        assert {"Yes", "No"} <= offered(pilot)
        skip = screen.active_bindings["right"].binding  # n answers now: the footer shows →
        assert skip.action == "skip_step" and app.get_key_display(skip) == "→"
        assert screen.active_bindings["n"].binding.action == "answer_no"
        assert text_of(app, "#phase-name") == "REST"
        await pilot.press("y")
        assert check_line(pilot) == ""
        assert text_of(app, "#phase-name") == "REST"  # the timer never stopped nor changed
        await at(pilot, fake_clock, start, 11.5)
        assert check_line(pilot) == "Self-test, left side (y yes, n no): Hips level?"
        await pilot.press("n")  # answers no: it does not skip while a question waits
        assert text_of(app, "#phase-name") == "SWITCH SIDES → RIGHT"
        assert check_line(pilot) == ""
        await at(pilot, fake_clock, start, 16.5)
        assert app.screen is screen  # finished, but the right side's question waits
        assert check_line(pilot) == (
            "Self-test, right side (y yes, n no, q leaves it): Hips level?")
        await pilot.press("y")
        assert isinstance(app.screen, SummaryScreen)
        assert "Workout complete" in text_of(app, "#summary-title")
    writer.close()
    assert writer.problem is None
    assert answers(db) == [("Squat", None, "yes"), ("Bridge", "left", "no"),
                           ("Bridge", "right", "yes")]


async def test_left_unanswered_when_nobody_presses_a_key(home: Paths, fake_clock,
                                                         tmp_path: Path) -> None:
    db = tmp_path / "history.sqlite3"
    writer = HistoryWriter(open_store(db)[0])
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, routine=self_tests(),
                   tick_interval=None, store=writer)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        start = screen.session.started_at
        await at(pilot, fake_clock, start, 12.5)
        assert check_line(pilot) == "Self-test (y yes, n no): Heels down?  (1 more)"
        await at(pilot, fake_clock, start, 16.5)  # the bridge ended: the squat's answer is none
        assert check_line(pilot).startswith("Self-test, left side (y yes, n no, q leaves it): Hips")
        await pilot.press("q")  # only the questions wait: q leaves them, no quit question
        assert isinstance(app.screen, SummaryScreen)
    writer.close()
    assert writer.problem is None
    assert answers(db) == [("Squat", None, None), ("Bridge", "left", None),
                           ("Bridge", "right", None)]


async def test_n_skips_while_no_question_waits(home: Paths, fake_clock) -> None:
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, routine=self_tests(),
                   tick_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        assert text_of(app, "#phase-name") == "REPS"


async def test_the_history_screen_shows_each_question_per_side(home: Paths, fake_clock,
                                                               tmp_path: Path) -> None:
    store, _ = open_store(two_sessions(tmp_path))
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, tick_interval=None,
                   store=store, today=lambda: date(2025, 3, 16))
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert text_of(app, "#history-checks").splitlines() == [
            f"Deep squat: {SQUAT_Q}",
            "DATE              ANSWER",
            "2025-03-15 17:30  yes",
            "2025-03-12 07:30  no",
            "",
            f"Bridge: {BRIDGE_Q}",
            "DATE              LEFT  RIGHT",
            "2025-03-15 17:30        yes",
            "2025-03-12 07:30  yes   no"]
    store.close()


async def test_the_history_screen_has_no_self_tests_section_without_checks(
        home: Paths, fake_clock, tmp_path: Path) -> None:
    store, _ = open_store(tmp_path / "history.sqlite3")
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, tick_interval=None,
                   store=store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert not app.screen.query_one("#history-checks-box").display
    store.close()


async def test_after_the_finish_only_the_answers_and_q_are_offered(home: Paths,
                                                                   fake_clock) -> None:
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, routine=self_tests(),
                   tick_interval=None)
    async with app.run_test(size=(80, 24)) as pilot:
        start = app.screen.session.started_at
        assert "Skip" in offered(pilot)
        await at(pilot, fake_clock, start, 16.5)
        assert offered(pilot) == {"Yes", "No", "Quit", "Stop now", "Mute"}
        keys = {key: active.binding.action for key, active in app.screen.active_bindings.items()}
        assert keys["n"] == "answer_no" and "right" not in keys


async def test_a_long_question_wraps_with_its_keys_in_sight_on_a_small_terminal(
        home: Paths, fake_clock) -> None:
    question = "With the foot up, did your hips stay level, without dropping or tilting?"
    routine = Routine("Long", (Exercise("Bridge", hold=4, check=question),
                               Exercise("Plank", duration=4)), Timing(prepare=1, rest=3))
    app = make_app(paths=home, player=FakePlayer(), clock=fake_clock, routine=routine,
                   tick_interval=None)
    async with app.run_test(size=(40, 12)) as pilot:
        await at(pilot, fake_clock, app.screen.session.started_at, 5.5)
        line = app.screen.query_one("#check-line")
        assert line.display and 1 < line.region.height <= 3
        assert text_of(app, "#check-line").startswith("Self-test (y yes, n no):")
