"""Writing routine files: the starter routine, a copy of a built-in one, atomic saves,
and editing in the user's own editor. No Textual here: the command line uses it too."""

from __future__ import annotations

import importlib.resources
import os
import re
import shlex
import shutil
import stat
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Any, Callable, Mapping

import tomli_w

from hiptimer.core.loader import load_routine
from hiptimer.format import plural
from hiptimer.library import ROUTINE_SUFFIX, Entry

BACKUP_SUFFIX = ".toml.bak"
NAME_PLACEHOLDER = "__NAME__"
FALLBACK_EDITORS = ("nano", "vi")


def slugify(name: str) -> str:
    """``"Morning Hips #2"`` -> ``"morning-hips-2"``: lowercase ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def starter_text(name: str) -> str:
    """The commented starter routine, named ``name``."""
    template = (importlib.resources.files("hiptimer") / "starter.toml").read_text("utf-8")
    name_value = tomli_w.dumps({"name": name}).partition("=")[2].strip()  # TOML-quoted
    return template.replace(NAME_PLACEHOLDER, name_value, 1)


def new_routine(name: str, folder: Path) -> Path:
    """Write the starter routine to ``folder/<slug>.toml``; never overwrites a file.

    Raises ValueError when ``name`` has no letter or digit to make a file name
    from, FileExistsError when the file exists, OSError when it can't be written.
    """
    slug = slugify(name)
    if not slug:
        raise ValueError(f"{name!r} has no letters or digits to make a file name from; "
                         "try a name like \"Morning hips\"")
    path = folder / f"{slug}{ROUTINE_SUFFIX}"
    _create_atomic(path, starter_text(name.strip() or slug).encode("utf-8"))
    return path


def editable_copy(entry: Entry, folder: Path) -> tuple[Path, str | None]:
    """The file to edit for ``entry``, and a line for the user when it is not the entry's own.

    A built-in routine is copied byte for byte into ``folder`` first; the copy,
    having the same file name, replaces the built-in one in the library.
    """
    if not entry.builtin:
        if not entry.path.is_file():  # deleted or moved since it was listed
            raise FileNotFoundError(f"no such file: {entry.path} (deleted or moved?)")
        return entry.path, None
    target = folder / entry.path.name
    if target.exists():
        return target, (f"editing your own {target}, which already replaces the built-in "
                        "routine")
    try:
        data = entry.path.read_bytes()
    except OSError as error:
        raise OSError(f"cannot read the built-in routine {entry.path}: "
                      f"{error.strerror or error}") from error
    _create_atomic(target, data)
    return target, f"copied the built-in routine to {target}; your copy now replaces it"


def save_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step, keeping the previous version as ``.bak``.

    On any failure the file is left as it was and no temporary file remains;
    the OSError raised says what happened in one line.
    """
    target = Path(os.path.realpath(path))  # save through a symlink, not over it
    temp: str | None = None
    try:
        try:
            old_mode: int | None = stat.S_IMODE(target.stat().st_mode)
        except FileNotFoundError:
            old_mode = None
        temp = _write_temp(target, text.encode("utf-8"), old_mode)
        if old_mode is not None:
            _backup(target)
        os.replace(temp, target)
        temp = None
        _fsync_folder(target.parent)
    except OSError as error:
        raise _save_error(path, error) from error
    finally:
        if temp is not None:
            _remove_quietly(temp)


def backup_path(path: Path) -> Path:
    return path.with_suffix(BACKUP_SUFFIX)


def _backup(target: Path) -> None:
    """Copy the current file to its .bak through a temporary file: the old .bak stays
    whole until the new one is complete, and the file itself is never touched."""
    temp = _write_temp(backup_path(target), target.read_bytes(),
                       stat.S_IMODE(target.stat().st_mode))
    try:
        os.replace(temp, backup_path(target))
    except BaseException:
        _remove_quietly(temp)
        raise


def _write_temp(beside: Path, data: bytes, mode: int | None) -> str:
    """A fully written, fsynced temporary file in ``beside``'s folder; its path."""
    handle, temp = tempfile.mkstemp(prefix=f".{beside.name}.", suffix=".tmp", dir=beside.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temp, mode if mode is not None else 0o666 & ~_umask())
    except BaseException:
        _remove_quietly(temp)
        raise
    return temp


def _create_atomic(path: Path, data: bytes) -> None:
    """Write a new file in one step; FileExistsError if ``path`` exists (never overwritten)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OSError(f"cannot create the folder {path.parent}: "
                      f"{error.strerror or error}") from error
    if path.exists():
        raise _exists(path)
    temp: str | None = None
    try:
        temp = _write_temp(path, data, None)
        try:
            os.link(temp, path)  # unlike a rename, a link never replaces an existing file
        except FileExistsError:
            raise _exists(path) from None
        except OSError:  # a file system without hard links: the check above must do
            if path.exists():
                raise _exists(path) from None
            os.replace(temp, path)
            temp = None
        _fsync_folder(path.parent)
    except FileExistsError:
        raise
    except OSError as error:
        raise _save_error(path, error) from error
    finally:
        if temp is not None:
            _remove_quietly(temp)


def _exists(path: Path) -> FileExistsError:
    return FileExistsError(f"{path} exists already; hiptimer never overwrites a routine file")


def _save_error(path: Path, error: OSError) -> OSError:
    reason = error.strerror or str(error)
    saved = OSError(f"cannot save {path}: {reason}")
    saved.errno = error.errno
    return saved


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; some systems can't open a folder: best effort there."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# ---------------------------------------------------------------- external editor

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
