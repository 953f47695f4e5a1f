"""The commands that read routines or the history and print: list, show, check, history."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from hiptimer.core.compose import at_level, compose
from hiptimer.core.model import Exercise, Level, Routine, Timing
from hiptimer.core.plan import Plan, build_plan
from hiptimer.core.text import printable
from hiptimer.core.values import MAX_SECONDS
from hiptimer.core.times import parse_time
from hiptimer.history.training import SOURCE_SEPARATOR
from hiptimer.interruptions import EXIT_INVALID, EXIT_OK
from hiptimer.format import clock, routine_title, seconds_text, table, total_text
from hiptimer.library import Entry, discover, load_with_parts, resolve
from hiptimer.paths import Paths

LIST_LIMITS = {0: 40, 3: 40}
"""Most cells of ``list``'s name and equipment columns: one routine, one line."""


class UserError(Exception):
    """A problem to report in one line, with exit code 1."""


def entry_for(paths: Paths, query: str) -> Entry:
    try:
        entry = resolve(query, paths)
    except LookupError as error:
        raise UserError(str(error)) from None
    if entry.routine is None:  # every problem, the first one first
        raise UserError("\n".join(str(problem) for problem in entry.loaded.problems))
    return entry


def routine_to_run(paths: Paths, names: Sequence[str], level: Level = "standard"
                   ) -> tuple[Routine, str]:
    """The routine the command line names, at ``level``, and its source for the history
    (several names: see ``routine_of``)."""
    routine, source = _named_routine(paths, names)
    return at_level(routine, level), source


def _named_routine(paths: Paths, names: Sequence[str]) -> tuple[Routine, str]:
    return routine_of([entry_for(paths, name) for name in names])


def routine_of(entries: Sequence[Entry]) -> tuple[Routine, str]:
    """The routine of valid ``entries`` run back to back (as written), and its source.

    One entry is its own routine; several make one whose parts they are, with the
    default timing, as a file with ``parts = [...]`` would.
    """
    routines = [entry.routine for entry in entries if entry.routine is not None]
    if len(routines) == 1:
        return routines[0], str(entries[0].path)
    whole = Routine(name=SOURCE_SEPARATOR.join(routine.name for routine in routines),
                    exercises=())
    parts = [(routine, str(entry.path)) for routine, entry in zip(routines, entries)]
    return compose(whole, parts), SOURCE_SEPARATOR.join(str(entry.path) for entry in entries)


def hold_routine(hold_text: str, sides: bool, sets: int, rest_text: str) -> Routine:
    """``hiptimer hold SECONDS [--sides] [--sets N] [--rest S]`` as a routine of one hold."""
    seconds = _hold_time("SECONDS", hold_text, positive=True)
    rest = _hold_time("--rest", rest_text, positive=False)
    if not 1 <= sets <= 1000:
        raise UserError("hold: --sets must be a whole number from 1 to 1000")
    shape = "each" if sides else "none"
    shown = clock(seconds) if seconds >= 60 else seconds_text(seconds)
    title = f"Hold {shown}" + (" each side" if sides else "")
    if sets > 1:
        title += f", {sets} sets"
    exercise = Exercise(name="Hold", hold=seconds, sides=shape, sets=sets, set_rest=rest)
    return Routine(name=title, exercises=(exercise,), timing=Timing())


def _hold_time(label: str, text: str, positive: bool) -> float:
    """A time given to ``hold``, under the limits of a time in a routine file."""
    try:
        seconds = parse_time(text)
    except ValueError as error:
        raise UserError(f"hold: {label}: {error}") from None
    if positive and seconds <= 0:
        raise UserError(f"hold: {label} must be more than 0 s, got {printable(text)}")
    if seconds < 0:
        raise UserError(f"hold: {label} must be 0 s or more, got {printable(text)}")
    if seconds > MAX_SECONDS:
        raise UserError(f"hold: {label} must be at most 1 hour (3600 s), got {printable(text)}")
    return seconds


def cmd_list(paths: Paths) -> int:
    entries = discover(paths)
    if not entries:
        print(f"No routines found. Your routines folder: {paths.routines}")
        return EXIT_OK
    rows = [("NAME", "TIME", "EX", "EQUIPMENT", "FROM", "FILE")]
    problems = []
    for entry in entries:
        file = entry.path.name if entry.builtin else str(entry.path)
        if entry.routine is None or entry.plan is None:
            rows.append((entry.name, "-", "-", "-", entry.origin, file))
            problems.append(f"  {entry.name}: {entry.error}")
            continue
        plan = entry.plan
        rows.append((entry.name, total_text(plan.total_seconds, plan.estimated),
                     str(len(entry.routine.exercises)),
                     ", ".join(entry.routine.all_equipment()) or "-", entry.origin, file))
    print(table(rows, right={1, 2}, limits=LIST_LIMITS))
    print(f"\nYour routines folder: {paths.routines}")
    if problems:
        print(f"\n{len(problems)} invalid routine file(s), shown with their first error:")
        print("\n".join(problems))
    return EXIT_OK


def cmd_show(paths: Paths, names: Sequence[str], as_json: bool, level: Level = "standard"
             ) -> int:
    written, _ = _named_routine(paths, names)
    routine = at_level(written, level)
    plan = build_plan(routine)
    if as_json:
        import json

        print(json.dumps(plan.to_json(), ensure_ascii=False))
        return EXIT_OK
    if routine.caution:
        print(f"caution: {printable(routine.caution)}")
    print(f"{routine_title(routine)}: {len(plan.steps)} steps, "
          f"{total_text(plan.total_seconds, plan.estimated)} in all")
    if level not in written.levels:
        print(f"No exercise changes at the {level} level: this is the routine as written.")
    print(_steps_table(plan))
    if plan.estimated:
        print("~ self-paced reps are estimated at [timing].tempo (plus the hold) each.")
    return EXIT_OK


def _steps_table(plan: Plan) -> str:
    """One row per step; a PART column (from 1) for a routine made of parts."""
    parts = plan.routine.parts
    rows = [("#", "AT", *(("PART",) if parts else ()), "STEP", "EXERCISE", "SIDE", "SET", "REP",
             "LENGTH")]
    at = 0.0
    for number, step in enumerate(plan.steps, 1):
        length = (f"~{seconds_text(step.estimate)} (self-paced)" if step.self_paced
                  else seconds_text(step.estimate))
        part = (str(step.part + 1),) if parts else ()
        rows.append((str(number), clock(at), *part, step.kind, step.exercise_name or "",
                     step.side or "", _of(step.set), _of(step.rep, step.reps), length))
        at += step.estimate
    listing = table(rows, right={0, 1, 2} if parts else {0, 1})
    if not parts:
        return listing
    names = [f"  {number}. {printable(part.name)}" for number, part in enumerate(parts, 1)]
    return "\n".join(["Parts:", *names, "", listing])


def _of(number: int | None, total: int | None = None) -> str:
    if number is None:
        return ""
    return f"{number}/{total}" if total else str(number)


def cmd_check(paths: Paths, files: Sequence[Path]) -> int:
    invalid = 0
    for path in files:
        loaded = load_with_parts(path, paths)
        if loaded.ok:
            print(f"{path}: ok")
            continue
        invalid += 1
        for problem in loaded.problems:
            print(problem)
    if len(files) > 1:
        print(f"{len(files) - invalid} valid, {invalid} invalid")
    return EXIT_INVALID if invalid else EXIT_OK


def cmd_history(paths: Paths, weekly_goal: int, fmt: Literal["text", "csv", "json"],
                checks: bool) -> int:
    from hiptimer.history.report import history_command

    # Only the text report shows each routine's per_week and next level.
    wanted = fmt == "text" and not checks
    routines = [(entry.routine, str(entry.path)) for entry in (discover(paths) if wanted else [])
                if entry.routine is not None]
    return history_command(paths.history, weekly_goal, fmt, sys.stdout, checks=checks,
                           routines=routines)
