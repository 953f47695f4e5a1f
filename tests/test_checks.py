"""Self-test checks: asked once per side after the block, unanswered once the next exercise ends."""

from __future__ import annotations

from collections.abc import Sequence

from conftest import FakeClock

from hiptimer.core.checks import CheckAnswered, CheckAsked, CheckClosed, CheckRule, Question
from hiptimer.core.engine import Engine
from hiptimer.core.events import Event
from hiptimer.core.model import Exercise, Routine, Timing
from hiptimer.core.plan import Plan, build_plan
from hiptimer.session import WorkoutSession

SQUAT_Q = "Heels down?"
BRIDGE_Q = "Hips level?"


class Recorder:
    def __init__(self) -> None:
        self.events: list[Event] = []

    def begin(self, plan: Plan) -> None:
        pass

    def handle(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def close(self) -> None:
        pass


def routine(*, last_checked: bool = False) -> Routine:
    """prepare 3 | squat rep 3, rep 3 | rest 5 | bridge L 10, switch 3, R 10 | rest 5 | plank 10.

    From the start: squat 3-9, rest 9-14, bridge left 14-24, switch 24-27,
    right 27-37, rest 37-42, plank 42-52.
    """
    exercises = (Exercise("Squat", reps=2, tempo=3, check=SQUAT_Q),
                 Exercise("Bridge", hold=10, sides="each", check=BRIDGE_Q),
                 Exercise("Plank", duration=10, check="Back flat?" if last_checked else ""))
    return Routine("Tests", exercises, Timing(prepare=3, rest=5, switch=3))


def started(clock: FakeClock, recorder: Recorder, **options: bool) -> WorkoutSession:
    session = WorkoutSession(build_plan(routine(**options)), clock=clock, listeners=[recorder])
    session.start()
    return session


def at(session: WorkoutSession, clock: FakeClock, seconds: float) -> list[Event]:
    """Move to ``seconds`` after the start; the events crossed."""
    assert session.started_at is not None
    clock.now = session.started_at + seconds
    return session.advance()


def checks(events: Sequence[Event]) -> list[tuple[str, str | None, str]]:
    """(kind, side, exercise) of each check event."""
    found = []
    for event in events:
        if isinstance(event, (CheckAsked, CheckAnswered, CheckClosed)):
            question = event.question
            kind = type(event).__name__
            if isinstance(event, CheckAnswered):
                kind += ":yes" if event.yes else ":no"
            found.append((kind, question.side, question.exercise_name))
    return found


def test_asked_as_the_block_ends_while_the_next_step_runs(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    assert checks(at(session, fake_clock, 8.9)) == []
    events = at(session, fake_clock, 9.1)
    assert checks(events) == [("CheckAsked", None, "Squat")]
    asked = next(event for event in events if isinstance(event, CheckAsked))
    assert asked.at == session.started_at + 9  # the instant the block ended, not the tick's
    assert session.pending_checks == (Question(0, "Squat", None, SQUAT_Q),)
    assert session.state().step is not None and session.state().step.kind == "rest"
    assert session.next_wake() is not None  # the timer goes on: nothing waits for the answer


def test_asked_once_per_side(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    assert checks(at(session, fake_clock, 24.5)) == [("CheckAsked", None, "Squat"),
                                                     ("CheckAsked", "left", "Bridge")]
    assert checks(at(session, fake_clock, 37.5)) == [("CheckClosed", None, "Squat"),
                                                     ("CheckAsked", "right", "Bridge")]
    assert [question.side for question in session.pending_checks] == ["left", "right"]


def test_unanswered_once_the_next_exercise_ends(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    at(session, fake_clock, 36.9)
    assert [q.exercise_name for q in session.pending_checks] == ["Squat", "Bridge"]
    closed = [event for event in at(session, fake_clock, 37.1) if isinstance(event, CheckClosed)]
    assert [event.question.exercise_name for event in closed] == ["Squat"]
    assert closed[0].at == session.started_at + 37  # as the bridge's last block ended
    at(session, fake_clock, 60)  # the plank, the last exercise, ends: the bridge's answers are none
    assert session.finished and session.pending_checks == ()
    assert checks(recorder.events)[-2:] == [("CheckClosed", "left", "Bridge"),
                                            ("CheckClosed", "right", "Bridge")]


def test_answers_go_oldest_first_and_the_first_answer_counts(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    at(session, fake_clock, 30)
    assert checks(session.answer(yes=True)) == [("CheckAnswered:yes", None, "Squat")]
    assert checks(session.answer(yes=False)) == [("CheckAnswered:no", "left", "Bridge")]
    assert session.answer(yes=True) == []  # nothing waits: a second press changes nothing
    at(session, fake_clock, 60)
    assert checks(recorder.events) == [
        ("CheckAsked", None, "Squat"), ("CheckAsked", "left", "Bridge"),
        ("CheckAnswered:yes", None, "Squat"), ("CheckAnswered:no", "left", "Bridge"),
        ("CheckAsked", "right", "Bridge"), ("CheckClosed", "right", "Bridge")]


def test_an_answer_after_the_window_closed_is_not_taken(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    at(session, fake_clock, 30)
    fake_clock.now = session.started_at + 38  # the bridge ended a second ago, not yet looked at
    events = session.answer(yes=True)
    assert checks(events) == [("CheckClosed", None, "Squat"), ("CheckAsked", "right", "Bridge"),
                              ("CheckAnswered:yes", "left", "Bridge")]


def test_going_back_into_the_block_does_not_ask_again(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    at(session, fake_clock, 10)
    session.back()  # from the rest to the squat's last rep
    at(session, fake_clock, 14)
    assert checks(recorder.events) == [("CheckAsked", None, "Squat")]


def test_a_side_skipped_whole_is_not_asked(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    at(session, fake_clock, 3)
    session.skip_exercise()  # the squat, not tried
    at(session, fake_clock, 4)
    session.skip_step()  # to the bridge's left side
    session.skip_step()  # the left side, skipped as it began
    assert checks(recorder.events) == []
    fake_clock.now += 3 + 10.5
    session.advance()
    assert checks(recorder.events) == [("CheckAsked", "right", "Bridge")]


def test_a_block_cut_short_but_worked_is_asked(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    at(session, fake_clock, 19)  # five seconds into the bridge's left side
    session.skip_step()
    assert checks(recorder.events)[-1] == ("CheckAsked", "left", "Bridge")


def test_the_last_exercise_waits_for_its_answer_after_the_finish(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder, last_checked=True)
    at(session, fake_clock, 60)
    assert session.completed
    assert [q.exercise_name for q in session.pending_checks] == ["Plank"]
    fake_clock.now += 20  # the person walks over to answer
    assert checks(session.answer(yes=True)) == [("CheckAnswered:yes", None, "Plank")]
    session.close()
    assert ("CheckClosed", None, "Plank") not in checks(recorder.events)


def test_closing_leaves_what_waits_unanswered(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder, last_checked=True)
    at(session, fake_clock, 60)
    session.close()
    assert checks(recorder.events)[-1] == ("CheckClosed", None, "Plank")
    assert session.answer(yes=True) == []


def test_a_stop_asks_nothing_new(fake_clock: FakeClock) -> None:
    recorder = Recorder()
    session = started(fake_clock, recorder)
    at(session, fake_clock, 20)  # the bridge's left side, half done
    session.stop()
    session.close()
    assert checks(recorder.events) == [("CheckAsked", None, "Squat"),
                                       ("CheckClosed", None, "Squat")]


def test_alternate_sides_ask_each_side_as_its_last_rep_ends() -> None:
    plan = build_plan(Routine("Alt", (Exercise("Lunge", reps=2, tempo=2, sides="alternate",
                                               check="Knee over toes?"),),
                              Timing(prepare=0)))
    rule = CheckRule(plan)
    engine = Engine(plan)
    events = engine.start(0.0)
    asked = []
    for moment in range(1, 10):
        asked += [(event.at, event.question.side)
                  for event in rule.feed(events) if isinstance(event, CheckAsked)]
        events = engine.advance(float(moment))
    # Reps: L 0-2, R 2-4, L 4-6, R 6-8.
    assert asked == [(6.0, "left"), (8.0, "right")]
