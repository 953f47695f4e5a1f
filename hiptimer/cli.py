"""The ``hiptimer`` command: parses arguments and hands over to the right shell.

Exit codes (hiptimer.interruptions): 0 success or a finished workout, 1 invalid
input, 2 usage error, 130 stopped early, 129 / 143 after SIGHUP / SIGTERM.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from hiptimer.arguments import build_parser
from hiptimer.interruptions import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, EXIT_USAGE
from hiptimer.output import report_failure, safe_streams, silence_stdout
from hiptimer.startup import FirstFrame

# Each command imports what it uses when it runs: a workout's first frame pays
# for no history report, editor or library (see hiptimer.startup).
if TYPE_CHECKING:
    from hiptimer.core.model import Routine
    from hiptimer.history.resume import ResumePoint
    from hiptimer.paths import Paths

SWITCH_INTERVAL = 0.0005
"""Seconds a thread holds the interpreter while another waits for it (CPython's default: 0.005)."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; what it prints is made safe (see ``hiptimer.output``)."""
    with FirstFrame() as first_frame:
        return _main(argv, first_frame)


def _main(argv: Sequence[str] | None, first_frame: FirstFrame) -> int:
    if sys.stdout is None:  # started with standard output closed (`>&-`)
        if sys.stderr is not None:
            print("hiptimer: standard output is closed: nothing could be shown", file=sys.stderr)
        return EXIT_INVALID
    with safe_streams() as out:
        try:
            try:
                code = run_command(argv, first_frame)
            finally:
                if out.failure is None:
                    sys.stdout.flush()  # a full disk shows here, not at exit
        except (OSError, SystemExit):  # SystemExit: argparse's, after --help
            if out.failure is None:
                raise
            report_failure(out.failure)  # nobody else did: it ended the command
            code = EXIT_INVALID
        if out.failure is not None:  # reported above, or by the command that met it
            if out.wraps_process_stdout:
                silence_stdout()
            code = code or EXIT_INVALID
    return code


def run_command(argv: Sequence[str] | None = None,
                first_frame: FirstFrame | None = None) -> int:
    """Run the command ``argv`` names; a workout or the app opens ``first_frame`` when it
    has drawn (or printed) its first frame, every other command at once."""
    from hiptimer.commands import UserError
    from hiptimer.paths import user_paths

    args = build_parser().parse_args(argv)
    for flag in ("mute", "voice"):  # suppressed defaults, see build_parser
        setattr(args, flag, getattr(args, flag, False))
    args.first_frame = first_frame or FirstFrame()
    if args.command in ("list", "show", "check", "history", "doctor"):
        args.first_frame.shown()
    paths = user_paths()
    try:
        if args.command == "list":
            from hiptimer.commands import cmd_list

            return cmd_list(paths)
        if args.command == "show":
            from hiptimer.commands import cmd_show

            return cmd_show(paths, args.routines, args.json, args.level)
        if args.command == "check":
            from hiptimer.commands import cmd_check

            return cmd_check(paths, args.paths)
        if args.command == "run":
            return cmd_run(paths, args)
        if args.command == "hold":
            from hiptimer.commands import hold_routine
            from hiptimer.history import HOLD_SOURCE

            return run_routine(paths, hold_routine(args.seconds, args.sides, args.sets, args.rest),
                               HOLD_SOURCE, args)
        if args.command == "history":
            from hiptimer.assembly import settings_of
            from hiptimer.commands import cmd_history

            settings, notices = settings_of(paths)
            for notice in notices:  # on standard error: --csv and --json stay clean
                print(f"hiptimer: {notice}", file=sys.stderr)
            return cmd_history(paths, settings.weekly_goal, args.format, args.checks)
        if args.command == "doctor":
            from hiptimer.doctor import run_doctor

            return run_doctor(paths, sys.stdout)
        if args.command == "new":
            return cmd_new(paths, args)
        if args.command == "edit":
            return cmd_edit(paths, args)
        return run_tui(paths, args)
    except UserError as error:
        print(f"hiptimer: {error}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def cmd_new(paths: Paths, args: argparse.Namespace) -> int:
    from hiptimer.commands import UserError
    from hiptimer.editing import new_routine

    try:
        path = new_routine(args.name, paths.routines)
    except (ValueError, FileExistsError) as error:
        raise UserError(f"new: {error}") from None
    except OSError as error:  # editing's errors say what and where in one line
        raise UserError(f"new: {error}") from None
    print(path)
    if not sys.stdin.isatty() or not sys.stdout.isatty():
        return EXIT_OK
    return run_tui(paths, args, edit=path, edit_notice=f"Created {path}")


def cmd_edit(paths: Paths, args: argparse.Namespace) -> int:
    from hiptimer.commands import UserError
    from hiptimer.editing import editable_copy
    from hiptimer.external_editor import edit_external
    from hiptimer.library import resolve

    try:
        entry = resolve(args.routine, paths)
        path, notice = editable_copy(entry, paths.routines)
    except LookupError as error:
        raise UserError(str(error)) from None
    except OSError as error:
        raise UserError(f"edit: {error}") from None
    if args.external:
        args.first_frame.shown()
        if notice:
            print(notice, file=sys.stderr)
        return edit_external(path, out=lambda line: print(line, file=sys.stderr))
    return run_tui(paths, args, edit=path, edit_notice=notice)


def cmd_run(paths: Paths, args: argparse.Namespace) -> int:
    """The routines named, at ``--level``; with ``--resume``, at the level the session ran at."""
    from hiptimer.commands import routine_to_run
    from hiptimer.core.compose import at_level

    written, source = routine_to_run(paths, args.routines)
    resume = resume_point(paths, source) if args.resume else None
    level = args.level
    if resume is not None:
        from hiptimer.history.resume import resumed_level

        level = resumed_level(resume)
    if resume is not None and args.level not in ("standard", level):
        print(f"hiptimer: run --resume: the session ran at the {level} level, and carries on "
              "at it", file=sys.stderr)
    return run_routine(paths, at_level(written, level), source, args, resume)


def resume_point(paths: Paths, source: str) -> ResumePoint:
    """The routine's last unfinished session; UserError when there is none."""
    from hiptimer.commands import UserError
    from hiptimer.history.resume import latest_unfinished
    from hiptimer.history.summary import HistoryUnreadable, load_sessions

    try:
        point = latest_unfinished(load_sessions(paths.history), source=source)
    except HistoryUnreadable as error:
        raise UserError(str(error)) from None
    if point is None:
        raise UserError(f"run --resume: nothing to resume: the last session of {source} "
                        "finished, or there is none")
    return point


def run_routine(paths: Paths, routine: Routine, source: str, args: argparse.Namespace,
                resume: ResumePoint | None = None) -> int:
    if not args.plain and not sys.stdout.isatty():
        print("hiptimer: standard output is not a terminal, so the workout runs as --plain",
              file=sys.stderr)
        args.plain = True
    if not args.plain:
        return run_tui(paths, args, routine=routine, source=source, resume=resume)
    from hiptimer.assembly import assemble
    from hiptimer.core.plan import build_plan
    from hiptimer.plain import OutputFailed, run_plain

    parts = assemble(paths, mute=args.mute, voice=args.voice)
    plan, first = build_plan(routine), 0
    if resume is not None:
        from hiptimer.history.resume import resumed_plan

        plan, first = resumed_plan(plan, resume.done)
    parts.player.prepare(plan)  # spoken phrases are rendered before the clock starts
    args.first_frame.shown()  # the workout starts: nothing waits any more
    notices = parts.notices + ([parts.player.notice] if parts.player.notice else [])
    try:
        code = run_plain(plan, out=sys.stdout, stdin=sys.stdin, first=first,
                         listeners=parts.listeners(source, resume, routine.level),
                         notices=notices)
        parts.player.wait()  # let the finish cue ring out
    except OutputFailed as failure:
        code = EXIT_INVALID
        silence_stdout()
        if not isinstance(failure.error, BrokenPipeError):  # `| head -1` is no error to report
            print(f"hiptimer: cannot write the workout's lines: {failure.error.strerror or failure}",
                  file=sys.stderr)
    finally:
        parts.close()
    if parts.history.problem:
        print(f"hiptimer: {parts.history.problem}", file=sys.stderr)
    return code


def run_tui(paths: Paths, args: argparse.Namespace, **screen: Any) -> int:
    """The TUI on the library, a workout (``routine``, ``source``) or the editor (``edit``)."""
    if not sys.stdout.isatty():
        print("hiptimer: the app needs a terminal (standard output is not one); "
              "try `hiptimer list`, or `hiptimer run ROUTINE --plain`", file=sys.stderr)
        return EXIT_USAGE
    # A change reaches the terminal on Textual's next frame: up to 17 ms at its
    # default 60 fps. Frames are drawn only when something changed, so a finer
    # frame clock costs nothing while the screen is still.
    os.environ.setdefault("TEXTUAL_FPS", "240")
    from hiptimer.assembly import assemble
    from hiptimer.core.text import printable
    from hiptimer.tui.app import make_app
    from hiptimer.tui.messages import Notice

    # The bell and the history's late notice go through Textual, which owns the terminal.
    parts = assemble(paths, mute=args.mute, voice=args.voice, bell=lambda: app.bell(),
                     first_frame=args.first_frame,
                     notify=lambda text: app.post_message(Notice(printable(text))))
    app = make_app(paths=paths, player=parts.player, store=parts.history,
                   weekly_goal=parts.settings.weekly_goal, window_title=parts.settings.title,
                   notices=[printable(notice) for notice in parts.notices],
                   desktop=parts.desktop, first_frame=args.first_frame.shown, **screen)
    # A frame goes out from Textual's writer thread, sounds from the player's: each
    # waited for the interpreter up to the 5 ms switch interval while the event loop
    # kept working (the summary's frame 3 ms, behind its own layouts).
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        app.run()
    finally:
        parts.close()
    return app.return_code or EXIT_OK
