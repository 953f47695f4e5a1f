"""``hiptimer edit --external``: the user's own editor, until the routine is valid."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable, Mapping

from hiptimer.format import plural
from hiptimer.library import load_routine

FALLBACK_EDITORS = ("nano", "vi")


class EditorNotFound(Exception):
    """No editor to run; the message says how to choose one."""


def editor_command(environ: Mapping[str, str]) -> list[str]:
    """$VISUAL, else $EDITOR (split like a shell would, never run by one), else nano or vi."""
    for variable in ("VISUAL", "EDITOR"):
        value = environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as error:
                raise EditorNotFound(f"${variable} ({value!r}) can't be read: {error}") from None
            if words:
                return words
    for name in FALLBACK_EDITORS:
        found = shutil.which(name, path=environ.get("PATH", os.defpath))
        if found:
            return [found]
    raise EditorNotFound("no editor found: set $EDITOR (for example `export EDITOR=nano`) "
                         "or use `hiptimer edit` without --external")


def edit_external(path: Path, *, environ: Mapping[str, str] = os.environ,
                  run: Callable[..., Any] = subprocess.run,
                  ask: Callable[[str], str] = input,
                  out: Callable[[str], None] = print) -> int:
    """Edit ``path`` in the user's editor until it is a valid routine or the user gives up.

    Returns 0 when the file is valid, 1 otherwise (the file stays as the user left it).
    """
    try:
        command = editor_command(environ)
    except EditorNotFound as error:
        out(f"hiptimer: {error}")
        return 1
    while True:
        try:
            run([*command, str(path)], check=False)
        except OSError as error:
            out(f"hiptimer: cannot start the editor {command[0]!r}: {error.strerror or error}")
            return 1
        loaded = load_routine(path)
        if loaded.ok:
            out(f"{path}: valid")
            return 0
        count = len(loaded.problems)
        out(f"{path}: {plural(count, 'problem')}:")
        for problem in loaded.problems:
            out(f"  {problem.in_file()}")
        try:
            answer = ask("Reopen the editor? [Y/n] ")
        except (EOFError, KeyboardInterrupt):
            answer = "n"
        if answer.strip().lower() in ("n", "no"):
            out(f"{path} is left as it is; it won't run until it is fixed "
                f"(`hiptimer check {path}` lists the problems).")
            return 1
