"""The built-in routines: valid, and as the routines/README table describes them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hiptimer.core.compose import at_level
from hiptimer.core.model import LEVELS, Routine
from hiptimer.core.plan import build_plan
from hiptimer.library import builtin_folder, load_with_parts
from hiptimer.paths import Paths, user_paths

ROW = re.compile(r"^\| (?P<name>[^|]+) \| `(?P<file>[^`]+)` \|[^|]+\| (?P<total>[^|]+) \| "
                 r"(?P<count>\d+) \| (?P<equipment>[^|]+) \|$")
BUILTINS = sorted(builtin_folder().glob("*.toml"))
PER_WEEK = {"hip-strength-7": 2, "strong-hips-5": 2, "strength-6": 2, "glute-activation": 3,
            "run-day-warmup": 3, "stretch-8": 7, "full-session": 2}
"""How often the articles say (the files' comments quote them)."""


@pytest.fixture
def no_user_routines(tmp_path: Path) -> Paths:
    """A home without routines of its own, so every part is the built-in one."""
    return user_paths({"HIPTIMER_HOME": str(tmp_path)})


def readme_rows() -> dict[str, dict[str, str]]:
    text = (builtin_folder() / "README.md").read_text(encoding="utf-8")
    return {m["file"]: m.groupdict() for m in map(ROW.match, text.splitlines()) if m}


def minutes_text(seconds: float, estimated: bool) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return ("~" if estimated else "") + f"{minutes} min" + (f" {secs} s" if secs else "")


def builtin(stem: str, home: Paths) -> Routine:
    loaded = load_with_parts(builtin_folder() / f"{stem}.toml", home)
    assert loaded.ok and loaded.routine is not None, [str(p) for p in loaded.problems]
    return loaded.routine


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_builtin_routine_matches_its_readme_row(path: Path, no_user_routines: Paths) -> None:
    routine = builtin(path.stem, no_user_routines)
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


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.stem)
def test_builtin_routine_has_its_caution_its_per_week_and_levels_that_run(
        path: Path, no_user_routines: Paths) -> None:
    routine = builtin(path.stem, no_user_routines)
    assert len(routine.caution) > 40 and "\n" not in routine.caution
    assert routine.per_week == PER_WEEK.get(path.stem)
    for level in LEVELS:
        at = at_level(routine, level)
        assert all(exercise.how for exercise in at.exercises)
        assert all(step.self_paced or step.seconds > 0 for step in build_plan(at).steps)


def test_the_articles_regressions_and_progressions_are_levels(no_user_routines: Paths) -> None:
    levels = {path.stem: builtin(path.stem, no_user_routines).levels for path in BUILTINS}
    assert levels["hip-self-test"] == levels["cooldown-stretches"] == ("standard",)
    assert levels["strong-hips-5"] == ("standard", "harder")  # the article has no easier forms
    assert sum(level == ("easier", "standard", "harder") for level in levels.values()) >= 6
    strong = at_level(builtin("strong-hips-5", no_user_routines), "harder")
    assert [e.name for e in strong.exercises][:1] == ["Single-leg squat"]
    assert at_level(builtin("strength-6", no_user_routines), "easier").exercises[0].sets == 1


def test_the_two_self_tests_ask_the_articles_pass_questions(no_user_routines: Paths) -> None:
    squat, bridge = builtin("hip-self-test", no_user_routines).exercises
    assert "heels" in squat.check and "backwards" in squat.check and squat.sides == "none"
    assert "level" in bridge.check and bridge.sides == "each"  # asked once per side
    assert bridge.check.endswith("?") and squat.check.endswith("?")


def test_at_least_two_builtin_routines_are_made_of_parts(no_user_routines: Paths) -> None:
    warm_up = builtin("run-day-warmup", no_user_routines)
    full = builtin("full-session", no_user_routines)
    assert [p.name for p in warm_up.parts] == ["Hip mobility warm-up", "Pre-run glute activation"]
    assert [p.name for p in full.parts] == ["Hip mobility warm-up", "Six-move hip strength",
                                            "Hip cool-down stretches"]
    assert all(Path(part.source).parent == builtin_folder() for part in full.parts)


def test_every_builtin_routine_is_in_the_readme() -> None:
    files = {path.name for path in BUILTINS}
    assert files == set(readme_rows()) and len(files) >= 9
