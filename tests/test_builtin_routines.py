"""The built-in routines: valid, and as the routines/README table describes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hiptimer.core.loader import load_routine
from hiptimer.core.plan import build_plan
from hiptimer.library import builtin_folder

ROW = re.compile(r"^\| (?P<name>[^|]+) \| `(?P<file>[^`]+)` \|[^|]+\| (?P<total>[^|]+) \| "
                 r"(?P<count>\d+) \| (?P<equipment>[^|]+) \|$")


def readme_rows() -> dict[str, dict[str, str]]:
    text = (builtin_folder() / "README.md").read_text(encoding="utf-8")
    return {m["file"]: m.groupdict() for m in map(ROW.match, text.splitlines()) if m}


def minutes_text(seconds: float, estimated: bool) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return ("~" if estimated else "") + f"{minutes} min" + (f" {secs} s" if secs else "")


@pytest.mark.parametrize("path", sorted(builtin_folder().glob("*.toml")), ids=lambda p: p.stem)
def test_builtin_routine_matches_its_readme_row(path: Path) -> None:
    loaded = load_routine(path)
    assert loaded.ok, [str(problem) for problem in loaded.problems]
    routine = loaded.routine
    assert routine is not None
    plan = build_plan(routine)
    row = readme_rows()[path.name]
    assert row["name"].strip() == routine.name
    assert row["total"].strip() == minutes_text(plan.total_seconds, plan.estimated)
    assert int(row["count"]) == len(routine.exercises)
    assert row["equipment"].strip() == ", ".join(routine.all_equipment())
    # Every instruction a runner reads from the mat is there, and every step has a length.
    assert routine.source and routine.equipment
    assert all(exercise.how for exercise in routine.exercises)
    assert all(step.self_paced or step.seconds > 0 for step in plan.steps)


def test_every_builtin_routine_is_in_the_readme() -> None:
    files = {path.name for path in builtin_folder().glob("*.toml")}
    assert files == set(readme_rows()) and len(files) >= 7
