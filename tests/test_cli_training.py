"""The command line over weeks: --level, several routines back to back, cautions, part problems."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FakeClock, write_routine

from hiptimer import cli
from hiptimer.core.compose import at_level
from hiptimer.library import load_routine
from hiptimer.core.model import Routine
from hiptimer.core.plan import build_plan
from hiptimer.history.opening import open_store
from hiptimer.history.writer import HistoryListener, HistoryWriter
from hiptimer.session import WorkoutSession
from hiptimer.paths import Paths

SQUATS = """\
name = "Squats"
caution = "Stop if a knee hurts."
[timing]
prepare = 2
[[exercise]]
name = "Squat"
reps = 2
tempo = 3
[exercise.easier]
reps = 1
[exercise.harder]
name = "Single-leg squat"
sides = "each"
"""

HOLDS = """\
name = "Holds"
[[exercise]]
name = "Pigeon"
hold = 30
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def plan_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:
    code, out, err = run(capsys, "show", *argv, "--json")
    assert code == 0, err
    return json.loads(out)


def test_show_level_shows_the_exercises_at_that_level(home: Paths,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "squats", SQUATS)
    levels = {level: plan_json(capsys, "squats", "--level", level)
              for level in ("easier", "standard", "harder")}
    assert levels["standard"] == plan_json(capsys, "squats")
    reps = {level: [(s["exercise"], s["side"]) for s in plan["steps"] if s["kind"] == "rep"]
            for level, plan in levels.items()}
    assert reps == {"easier": [("Squat", None)],
                    "standard": [("Squat", None)] * 2,
                    "harder": [("Single-leg squat", "left")] * 2
                    + [("Single-leg squat", "right")] * 2}
    assert {plan["name"] for plan in levels.values()} == {"Squats"}


def test_show_prints_the_caution_first_and_the_level(home: Paths,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "squats", SQUATS)
    _, out, _ = run(capsys, "show", "squats", "--level", "harder")
    lines = out.splitlines()
    assert lines[0] == "caution: Stop if a knee hurts."
    assert lines[1].startswith("Squats (harder): 6 steps")
    assert "Single-leg squat" in out


def test_show_a_level_no_exercise_has_says_so(home: Paths,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "holds", HOLDS)
    _, out, _ = run(capsys, "show", "holds", "--level", "easier")
    assert "No exercise changes at the easier level: this is the routine as written." in out
    _, standard, _ = run(capsys, "show", "holds")
    assert "No exercise changes" not in standard and "caution" not in standard


def test_show_of_several_routines_is_a_routine_of_those_parts_with_default_timing(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "squats", SQUATS)
    write_routine(home.routines, "holds", HOLDS)
    write_routine(home.routines, "both", 'name = "Squats + Holds"\nparts = ["squats", "holds"]\n')
    together = plan_json(capsys, "squats", "holds")
    assert together == plan_json(capsys, "both")
    assert together["name"] == "Squats + Holds"
    assert [s["kind"] for s in together["steps"]][:1] == ["prepare"]
    assert together["steps"][0]["seconds"] == 5.0  # the default prepare, not the part's 2 s
    assert [s["part"] for s in together["steps"]].count(1) == 2  # the rest, then the hold


def test_show_of_parts_lists_them_and_numbers_each_step_s_part(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "squats", SQUATS)
    write_routine(home.routines, "holds", HOLDS)
    _, out, _ = run(capsys, "show", "squats", "holds")
    assert out.splitlines()[:4] == ["caution: Stop if a knee hurts.",
                                    "Squats + Holds: 5 steps, 0:56 in all",
                                    "Parts:", "  1. Squats"]
    pigeon = next(line for line in out.splitlines() if "Pigeon" in line)
    assert pigeon.split()[2:4] == ["2", "hold"]


def test_check_reports_each_part_problem_at_its_entry(home: Paths, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "squats", SQUATS)
    path = write_routine(tmp_path, "mine", 'name = "Mine"\nparts = ["squats", "sqauts",\n'
                                           '         "mine.toml"]\n')
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1
    assert out.splitlines() == [
        f"""{path}:2:20: part "sqauts": no routine called 'sqauts' (did you mean 'squats'?)""",
        f'{path}:3:10: part "mine.toml": makes a loop: mine.toml -> mine.toml',
    ]


def test_check_accepts_a_routine_of_valid_parts(home: Paths, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "squats", SQUATS)
    path = write_routine(tmp_path, "mine", 'name = "Mine"\nparts = ["squats", "mobility-warmup"]\n')
    assert run(capsys, "check", str(path)) == (0, f"{path}: ok\n", "")


def test_run_hands_the_routine_at_its_level_and_its_source_to_the_runner(
        home: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    squats = write_routine(home.routines, "squats", SQUATS)
    holds = write_routine(home.routines, "holds", HOLDS)
    handed: list[tuple[Routine, str, argparse.Namespace]] = []
    monkeypatch.setattr(cli, "run_routine",
                        lambda paths, routine, source, args, resume: handed.append(
                            (routine, source, args)) or 0)
    assert cli.main(["run", "squats", "holds", "--level", "harder", "--plain"]) == 0
    assert cli.main(["run", str(squats)]) == 0
    (together, source, args), (alone, alone_source, _) = handed
    assert source == f"{squats} + {holds}" and args.plain
    assert together.level == "harder" and [p.name for p in together.parts] == ["Squats", "Holds"]
    assert [e.name for e in together.exercises] == ["Single-leg squat", "Pigeon"]
    assert build_plan(together).steps[0].seconds == 5.0
    assert (alone.name, alone.level, alone_source) == ("Squats", "standard", str(squats))


def test_run_with_an_unknown_routine_among_several_runs_nothing(
        home: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    write_routine(home.routines, "holds", HOLDS)
    monkeypatch.setattr(cli, "run_routine", lambda *args: pytest.fail("must not run"))
    code, _, err = run(capsys, "run", "holds", "nope")
    assert code == 1 and "no routine called 'nope'" in err and err.count("\n") == 1


def test_a_level_that_does_not_exist_is_a_usage_error() -> None:
    result = subprocess.run([sys.executable, "-m", "hiptimer", "show", "x", "--level", "hard"],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "invalid choice: 'hard'" in result.stderr and "'harder'" in result.stderr


def test_help_of_run_and_show_mentions_level_and_several_routines() -> None:
    for command in ("run", "show"):
        result = subprocess.run([sys.executable, "-m", "hiptimer", command, "--help"],
                                capture_output=True, text=True, check=True)
        assert "--level {easier,standard,harder}" in result.stdout
        assert "ROUTINE [ROUTINE ...]" in result.stdout


def test_run_resume_carries_on_at_the_level_the_session_ran_at(
        home: Paths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_routine(home.routines, "squats", SQUATS)
    harder = at_level(load_routine(path).routine, "harder")
    writer = HistoryWriter(open_store(home.history)[0])
    stopped = WorkoutSession(build_plan(harder), clock=FakeClock(),
                             listeners=[HistoryListener(writer, str(path), level="harder")])
    stopped.start()
    stopped.close()  # stopped at once: nothing done
    writer.close()
    handed: list[tuple[Routine, object]] = []
    monkeypatch.setattr(cli, "run_routine", lambda paths, routine, source, args, resume:
                        handed.append((routine, resume)) or 0)
    code, _, err = run(capsys, "run", "squats", "--resume", "--level", "easier")
    assert code == 0
    [(routine, resume)] = handed
    assert routine.level == "harder" and resume.level == "harder"
    assert routine.exercises[0].name == "Single-leg squat"
    assert err == ("hiptimer: run --resume: the session ran at the harder level, and carries "
                   "on at it\n")
