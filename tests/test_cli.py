"""The commands a user types: list, show, check, and the usage rules."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_routine

from hiptimer.cli import main
from hiptimer.library import builtin_folder
from hiptimer.paths import Paths

STRETCH = """\
name = "Evening Stretch"
[timing]
prepare = 3
[[exercise]]
name = "Pigeon"
hold = "1m"
sides = "each"
"""

BROKEN = """\
name = "Broken"
[[exercise]]
name = "Clamshell"
reps = 0
hodl = 5
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_valid_file_exits_0(home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_routine(home.routines, "stretch", STRETCH)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 0
    assert f"{path}: ok" in out


def test_check_reports_every_problem_and_exits_1(home: Paths,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    good = write_routine(home.routines, "stretch", STRETCH)
    bad = write_routine(home.routines, "broken", BROKEN)
    code, out, _ = run(capsys, "check", str(good), str(bad))
    assert code == 1
    problems = [line for line in out.splitlines() if line.startswith(f"{bad}:")]
    assert len(problems) == 2
    assert any('exercise 1 "Clamshell"' in line and "reps" in line for line in problems)
    assert any("hodl" in line and "'hold'" in line for line in problems)
    assert "1 valid, 1 invalid" in out


def test_check_a_missing_file_is_one_line_not_a_traceback(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "check", str(home.routines / "nope.toml"))
    assert code == 1
    assert len(out.strip().splitlines()) == 1 and "nope.toml" in out
    assert "Traceback" not in out + err


def test_usage_errors_exit_2() -> None:
    for argv in (["check"], ["bogus"], ["hold"], ["show"]):
        result = subprocess.run([sys.executable, "-m", "hiptimer", *argv],
                                capture_output=True, text=True)
        assert result.returncode == 2, argv
        assert "usage:" in result.stderr


def test_show_json_follows_the_contract(home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "stretch", STRETCH)
    code, out, _ = run(capsys, "show", "stretch", "--json")
    assert code == 0
    plan = json.loads(out)
    assert plan == {
        "name": "Evening Stretch", "total_seconds": 128.0, "estimated": False,
        "steps": [
            {"kind": "prepare", "exercise": None, "side": None, "set": None, "rep": None,
             "seconds": 3.0, "part": 0},
            {"kind": "hold", "exercise": "Pigeon", "side": "left", "set": 1, "rep": None,
             "seconds": 60.0, "part": 0},
            {"kind": "switch", "exercise": "Pigeon", "side": "right", "set": 1, "rep": None,
             "seconds": 5.0, "part": 0},
            {"kind": "hold", "exercise": "Pigeon", "side": "right", "set": 1, "rep": None,
             "seconds": 60.0, "part": 0},
        ]}


def test_show_finds_a_routine_by_path_stem_or_name(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_routine(home.routines, "stretch", STRETCH)
    outputs = {query: run(capsys, "show", query) for query in
               (str(path), "stretch", "evening stretch", "EVENING STRETCH")}
    assert {code for code, _, _ in outputs.values()} == {0}
    assert len({out for _, out, _ in outputs.values()}) == 1
    out = outputs["stretch"][1]
    assert "Evening Stretch: 4 steps, 2:08 in all" in out
    assert "switch" in out and "Pigeon" in out


def test_show_unknown_routine_is_one_line_with_exit_1(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show", "no-such-routine")
    assert code == 1
    assert err.count("\n") == 1 and "no routine called 'no-such-routine'" in err


def test_show_invalid_routine_lists_its_problems(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "broken", BROKEN)
    code, out, err = run(capsys, "show", "broken")
    assert code == 1
    assert "hodl" in err and "reps" in err and "Traceback" not in err


def test_list_shows_builtins_user_routines_and_invalid_files(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    write_routine(home.routines, "stretch", STRETCH)
    write_routine(home.routines, "broken", BROKEN)
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    mine = next(line for line in lines if line.startswith("Evening Stretch"))
    assert "2:08" in mine and "user" in mine
    assert any(line.strip().startswith("broken: ") and "exercise 1 \"Clamshell\"" in line
               for line in lines)
    builtins = sorted(builtin_folder().glob("*.toml"))
    assert sum(" built-in " in line for line in lines) == len(builtins)


def test_a_user_routine_shadows_the_builtin_of_the_same_stem(
        home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    builtin = sorted(builtin_folder().glob("*.toml"))[0]
    write_routine(home.routines, builtin.stem, STRETCH)
    _, out, _ = run(capsys, "show", builtin.stem, "--json")
    assert json.loads(out)["name"] == "Evening Stretch"
    _, listing, _ = run(capsys, "list")
    rows = [line for line in listing.splitlines() if line.endswith(builtin.name)]
    assert len(rows) == 1 and " user " in rows[0]  # the built-in is hidden behind the user's


def test_every_builtin_routine_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(builtin_folder().glob("*.toml"))
    assert len(files) >= 7
    code, out, _ = run(capsys, "check", *map(str, files))
    assert code == 0, out


def test_version_and_help_mention_every_command() -> None:
    result = subprocess.run([sys.executable, "-m", "hiptimer", "--help"],
                            capture_output=True, text=True, check=True)
    for command in ("run", "hold", "list", "show", "check"):
        assert command in result.stdout
    version = subprocess.run([sys.executable, "-m", "hiptimer", "--version"],
                             capture_output=True, text=True, check=True)
    assert version.stdout.startswith("hiptimer ")


def test_readme_test_command_is_what_ci_runs() -> None:
    root = Path(__file__).parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    command = "scripts/install test && .venv/bin/python -m pytest"
    assert command in readme and command in ci
