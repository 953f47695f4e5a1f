"""The ``hiptimer`` command line: every command, flag and help text, in one parser."""

from __future__ import annotations

import argparse
from pathlib import Path

from hiptimer import __version__
from hiptimer.core.model import LEVELS


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: a subcommand must not reset a flag given before it (`hiptimer --mute run x`).
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--mute", action="store_true", help="no sound at all")
    common.add_argument("--voice", action="store_true",
                        help="spoken cues too (needs espeak-ng)")

    parser = argparse.ArgumentParser(
        prog="hiptimer", parents=[common],
        description="A guided timer for hip strength and mobility routines. "
                    "With no command, opens the routine library.",
        epilog="Routines are TOML files; see docs/routines.md. "
               "HIPTIMER_HOME=DIR keeps routines, settings and history under DIR.")
    parser.add_argument("--version", action="version", version=f"hiptimer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    level = argparse.ArgumentParser(add_help=False)
    level.add_argument("--level", choices=LEVELS, default="standard",
                       help="the exercises' easier or harder versions, where a routine has them "
                            "(default: standard, as written)")

    run = commands.add_parser("run", parents=[common, level], help="run a routine",
                              description="Run a routine, in the TUI or with --plain. Several "
                                          "routines run back to back as one session.")
    run.add_argument("routines", metavar="ROUTINE", nargs="+",
                     help="a path, a file stem or a routine name")
    run.add_argument("--plain", action="store_true",
                     help="no TUI: one line per event on stdout (screen readers, pipes)")
    run.add_argument("--resume", action="store_true",
                     help="carry on the routine's last unfinished session, from its first "
                          "block not done")

    hold = commands.add_parser("hold", parents=[common], help="a quick timed hold",
                               description="A quick timed hold, e.g. `hiptimer hold 60 --sides`.")
    hold.add_argument("seconds", metavar="SECONDS", help="hold time: 60, 45s, 1m30s ...")
    hold.add_argument("--sides", action="store_true", help="hold on the left, then the right")
    hold.add_argument("--sets", type=int, default=1, metavar="N", help="how many sets (default 1)")
    hold.add_argument("--rest", default="20", metavar="S",
                      help="rest between sets (default 20 s)")
    hold.add_argument("--plain", action="store_true", help="no TUI: one line per event")

    commands.add_parser("list", help="the routine library",
                        description="Every routine: built-in and yours, valid or not.")

    show = commands.add_parser("show", parents=[level], help="a routine's plan, step by step",
                               description="Every step of a routine's plan and its total time; "
                                           "several routines are shown as one, back to back.")
    show.add_argument("routines", metavar="ROUTINE", nargs="+")
    show.add_argument("--json", action="store_true", help="the plan as JSON")

    check = commands.add_parser("check", help="validate routine files",
                                description="Report every problem; exit 0 when all are valid.")
    check.add_argument("paths", metavar="PATH", nargs="+", type=Path)

    new = commands.add_parser("new", parents=[common], help="start a routine of your own",
                              description="Write a commented starter routine into your "
                                          "routine folder and open it in the editor.")
    new.add_argument("name", metavar="NAME", help="the routine's name, e.g. 'Morning hips'")

    edit = commands.add_parser("edit", parents=[common], help="edit a routine",
                               description="Edit a routine in the TUI editor (a built-in one "
                                           "is copied to your routine folder first).")
    edit.add_argument("routine", metavar="ROUTINE")
    edit.add_argument("--external", action="store_true",
                      help="use $VISUAL or $EDITOR instead, and check the file when it closes")

    history = commands.add_parser("history",
                                  help="past sessions, the weekly goals, the next level",
                                  description="Recent sessions, this week against the weekly "
                                              "goal and each routine's per_week, the streak "
                                              "of weeks that met the goal, and when a "
                                              "routine's next level is worth a try; "
                                              "--checks: the self-test answers per side.")
    formats = history.add_mutually_exclusive_group()
    formats.add_argument("--csv", dest="format", action="store_const", const="csv",
                         help="every session as CSV, with a header row")
    formats.add_argument("--json", dest="format", action="store_const", const="json",
                         help="every session as JSON")
    history.add_argument("--checks", action="store_true",
                         help="the self-test answers instead: per question, each side's "
                              "answer per session, newest first (with --csv or --json: "
                              "every answer)")
    history.set_defaults(format="text")

    commands.add_parser("doctor", help="what works here: sound, voice, desktop, folders, history",
                        description="One line per part a workout uses; exit 0 when nothing "
                                    "a workout needs is missing, 1 otherwise.")
    return parser
