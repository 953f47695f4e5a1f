"""The command-line figures: the library, checking a long routine, and plans of many steps."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from checks import Failed, Figure
from figures import child_env, median_of_rounds, startup_once, tool
from workloads import median, write_steps_routine, write_timing_routine

COMMAND_TIMEOUT = 60.0
"""A command still running after this long makes no figure (every target is far below)."""


# -- library and plan scale --------------------------------------------------------

ROUTINE_TEMPLATE = """name = "Generated {number}"
tags = ["bench"]
equipment = ["mat"]

[[exercise]]
name = "Bridge {number}"
reps = 10
hold = 2

[[exercise]]
name = "Clamshell {number}"
reps = 12
sides = "each"

[[exercise]]
name = "Hip flexor stretch {number}"
hold = "1m"
sides = "each"
"""


def timed_command(label: str, argv: list[str], env: dict[str, str], runs: int) -> Figure:
    """Median wall seconds of a command; one that fails makes no figure."""
    times = []
    for _ in range(runs):
        started = time.monotonic()
        try:
            done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, check=False, timeout=COMMAND_TIMEOUT)
        except subprocess.TimeoutExpired:
            return Failed(label, f"still running after {COMMAND_TIMEOUT:g} s")
        if done.returncode != 0:
            return Failed(label, f"exited with status {done.returncode}")
        times.append(time.monotonic() - started)
    return median(times)


def write_library(home: Path, count: int) -> Path:
    """``count`` generated routines in ``home``'s routine folder; ``home``."""
    (home / "routines").mkdir(parents=True, exist_ok=True)
    for number in range(count):
        (home / "routines" / f"generated-{number:05d}.toml").write_text(
            ROUTINE_TEMPLATE.format(number=number), encoding="utf-8")
    return home


def library_scale(work: Path, runs: int) -> dict[str, Figure]:
    """``list`` over 1,000 user routines and ``check`` of a 500-exercise routine, with baselines."""
    hiptimer = tool("hiptimer") or "hiptimer"
    big, empty = write_library(work / "home-library", 1000), work / "home-empty"
    long_routine, short_routine = work / "long.toml", work / "short.toml"
    exercises = "".join(f'\n[[exercise]]\nname = "Move {number}"\nhold = 5\n'
                        for number in range(500))
    long_routine.write_text('name = "Long"\n' + exercises, encoding="utf-8")
    short_routine.write_text('name = "Short"\n\n[[exercise]]\nname = "Move"\nhold = 5\n',
                             encoding="utf-8")
    return {
        "list": timed_command("list", [hiptimer, "list"], child_env(big), runs),
        "list_empty": timed_command("list, none", [hiptimer, "list"], child_env(empty), runs),
        "check": timed_command("check", [hiptimer, "check", str(long_routine)],
                               child_env(empty), runs),
        "check_short": timed_command("check, 1", [hiptimer, "check", str(short_routine)],
                                     child_env(empty), runs),
    }


def plan_scale(work: Path, runs: int) -> dict[str, Figure]:
    """Long plans and a large library: the first ``--plain`` line of 60,000 steps, ``show``
    of 200,000 steps and ``list`` of 10,000 routines, each with a small baseline."""
    hiptimer = tool("hiptimer") or "hiptimer"
    env = child_env(work / "home-scale")
    long_routine = write_steps_routine(work, 60_000)
    short_routine = write_timing_routine(work, 30)
    longest = write_steps_routine(work, 200_000)

    def first_line_of(label: str, routine: Path) -> Figure:
        values = [startup_once("plain", [hiptimer, "--mute", "run", str(routine), "--plain"],
                               env) for _ in range(runs)]
        measured = [value for value in values if value is not None]
        return median_of_rounds(label, measured, runs, "first line within 15 s")

    return {
        "plain_60k": first_line_of("plain runner, 60,000 steps", long_routine),
        "plain_short": first_line_of("plain runner, 30 s routine", short_routine),
        "show_200k": timed_command("show, 200,000 steps", [hiptimer, "show", str(longest)],
                                   env, runs),
        "show_short": timed_command("show, 30 s routine", [hiptimer, "show", str(short_routine)],
                                    env, runs),
        "list_10k": timed_command("list, 10,000 routines", [hiptimer, "list"],
                                  child_env(write_library(work / "home-10k", 10_000)), runs),
        "list_empty": timed_command("list, none", [hiptimer, "list"], child_env(work / "home-none"),
                                    runs),
    }
