"""Writing routine files: the starter routine, a copy of a built-in one, atomic saves
that refuse what the loader would refuse. No Textual here: the command line uses it too."""

from __future__ import annotations

import importlib.resources
import os
import re
import stat
import unicodedata
from pathlib import Path

import tomli_w

from hiptimer.core.text import printable
from hiptimer.library import MAX_ROUTINE_BYTES, ROUTINE_SUFFIX, Entry

BACKUP_SUFFIX = ".toml.bak"
NAME_PLACEHOLDER = "__NAME__"


MAX_SLUG_BYTES = 200
"""Most file systems allow 255 bytes in a file name; this leaves room for ``.toml.bak``."""


def _folded(char: str) -> str:
    """An accented Latin letter without its accent (``é`` -> ``e``); any other as it is."""
    base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return base if base.isalnum() else char


def slugify(name: str) -> str:
    """``"Morning Hips #2"`` -> ``"morning-hips-2"``: lowercase words joined by hyphens.

    Latin letters lose their accents; letters and digits of other scripts are
    kept (``"日本語"`` -> ``"日本語"``).
    """
    text = "".join(_folded(char) for char in unicodedata.normalize("NFKC", name).lower())
    return re.sub(r"[\W_]+", "-", text).strip("-")


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
        raise ValueError(f"'{printable(name)}' has no letters or digits to make a file name "
                         "from; try a name like \"Morning hips\"")
    if len(slug.encode("utf-8")) > MAX_SLUG_BYTES:
        raise ValueError(f"the name is too long to make a file name from ({len(name)} "
                         "characters); try a shorter one")
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


def save_refusal(text: str) -> str | None:
    """Why ``text`` must not be saved as a routine file (the loader would refuse the
    file), or None: what the editor saves always loads."""
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return "the text holds characters that cannot be written as UTF-8"
    if size > MAX_ROUTINE_BYTES:
        return (f"the text is {size / (1024 * 1024):.1f} MiB; a routine file is at most "
                "1 MiB")
    return None


DiskState = tuple[int, int, int]
"""(modification time in ns, size, inode): a file that changed shows a different one."""


def disk_state(path: Path) -> DiskState | None:
    """The file's ``DiskState``, or None when there is no file (or it can't be seen)."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size, status.st_ino)


def read_only(path: Path) -> bool:
    """True when the file is there but may not be written (saving would replace it)."""
    return path.exists() and not os.access(path, os.W_OK)


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


def temp_path(beside: Path) -> Path:
    """The one temporary file a save of ``beside`` writes: ``.NAME.tmp`` in its folder."""
    return beside.with_name(f".{beside.name}.tmp")


def _write_temp(beside: Path, data: bytes, mode: int | None) -> str:
    """A fully written, fsynced temporary file in ``beside``'s folder; its path.

    Always the same name, so the one left by a save that was interrupted (a
    kill, a power cut) is removed here rather than piling up; removed first and
    created anew (``O_EXCL``), so a link planted there is never written through.
    """
    temp = str(temp_path(beside))
    _remove_quietly(temp)
    handle = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
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
