"""The commands that read routines and print: list, show and check."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from hiptimer.core.loader import load_routine
from hiptimer.core.text import printable
from hiptimer.interruptions import EXIT_INVALID, EXIT_OK
from hiptimer.format import clock, seconds_text, table, total_text
from hiptimer.library import Entry, discover, resolve
from hiptimer.paths import Paths



class UserError(Exception):
    """A problem to report in one line, with exit code 1."""


def entry_for(paths: Paths, query: str) -> Entry:
    try:
        entry = resolve(query, paths)
    except LookupError as error:
        raise UserError(str(error)) from None
    if entry.routine is None:
        for problem in entry.loaded.problems[1:]:
            print(problem, file=sys.stderr)
        raise UserError(entry.error)
    return entry


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
            problems.append(f"  {entry.stem}: {entry.error}")
            continue
        plan = entry.plan
        rows.append((entry.name, total_text(plan.total_seconds, plan.estimated),
                     str(len(entry.routine.exercises)),
                     ", ".join(entry.routine.all_equipment()) or "-", entry.origin, file))
    print(table(rows, right={1, 2}))
    print(f"\nYour routines folder: {paths.routines}")
    if problems:
        print(f"\n{len(problems)} invalid routine file(s), shown with their first error:")
        print("\n".join(problems))
    return EXIT_OK


def cmd_show(paths: Paths, query: str, as_json: bool) -> int:
    plan = entry_for(paths, query).plan
    assert plan is not None
    if as_json:
        print(json.dumps(plan.to_json(), ensure_ascii=False))
        return EXIT_OK
    routine = plan.routine
    print(f"{printable(routine.name)}: {len(plan.steps)} steps, "
          f"{total_text(plan.total_seconds, plan.estimated)} in all")
    rows = [("#", "AT", "STEP", "EXERCISE", "SIDE", "SET", "REP", "LENGTH")]
    at = 0.0
    for number, step in enumerate(plan.steps, 1):
        length = (f"~{seconds_text(step.estimate)} (self-paced)" if step.self_paced
                  else seconds_text(step.estimate))
        rows.append((str(number), clock(at), step.kind, step.exercise_name or "",
                     step.side or "", _of(step.set), _of(step.rep, step.reps), length))
        at += step.estimate
    print(table(rows, right={0, 1}))
    if plan.estimated:
        print("~ self-paced reps are estimated at [timing].tempo (plus the hold) each.")
    return EXIT_OK


def _of(number: int | None, total: int | None = None) -> str:
    if number is None:
        return ""
    return f"{number}/{total}" if total else str(number)


def cmd_check(files: Sequence[Path]) -> int:
    invalid = 0
    for path in files:
        loaded = load_routine(path)
        if loaded.ok:
            print(f"{path}: ok")
            continue
        invalid += 1
        for problem in loaded.problems:
            print(problem)
    if len(files) > 1:
        print(f"{len(files) - invalid} valid, {invalid} invalid")
    return EXIT_INVALID if invalid else EXIT_OK
