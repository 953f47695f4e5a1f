"""Reading the files hiptimer is given: routines, settings, custom sounds.

The file's type and size are checked with ``os.stat`` before it is opened, and
again on the open descriptor: a FIFO, a device, a socket or a folder is refused
without being opened (nothing blocks, nothing reads ``/dev/zero``), and a file
over its limit without being read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_TEXT_BYTES = 1024 * 1024
"""Routine and settings files are small text files."""


class FileRefused(Exception):
    """A file that is not read; the message is one line, without the file's name."""


def _size_text(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MiB" if limit >= 1024 * 1024 else f"{limit} bytes"


def check_file(status: os.stat_result, max_bytes: int | None, what: str) -> None:
    """Raise FileRefused unless ``status`` is an ordinary file of at most ``max_bytes``."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        raise FileRefused(f"this is a folder, not a {what}")
    if not stat.S_ISREG(mode):
        kind = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
                "a socket" if stat.S_ISSOCK(mode) else "not an ordinary file")
        raise FileRefused(f"this is {kind}, not a {what}: only ordinary files are read")
    if max_bytes is not None and status.st_size > max_bytes:
        raise FileRefused(f"file is over {_size_text(max_bytes)}: a {what} is a small file")


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, PermissionError):
        return "permission denied: cannot read this file"
    return f"cannot read this file ({error.strerror or error})"


def refuse_special(path: Path | str, what: str) -> None:
    """FileRefused when ``path`` is there but is not an ordinary file (a FIFO, a device,
    a folder); a missing or unreachable path is left for the caller to find out."""
    try:
        status = os.stat(Path(path).expanduser())
    except (OSError, ValueError):
        return
    check_file(status, None, what)


def stat_file(path: Path | str, max_bytes: int | None, what: str) -> os.stat_result:
    """The status of an ordinary, small enough file at ``path``; FileRefused otherwise."""
    try:
        status = os.stat(Path(path).expanduser())
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the name
        raise FileRefused(_reason(error) if isinstance(error, OSError)
                          else "this is not a file name") from None
    check_file(status, max_bytes, what)
    return status


def read_small_file(path: Path | str, max_bytes: int = MAX_TEXT_BYTES,
                    what: str = "routine file") -> bytes:
    """The bytes of an ordinary file of at most ``max_bytes``; FileRefused (one line) otherwise."""
    stat_file(path, max_bytes, what)
    try:
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, the
        # open does not wait for a writer; the fstat below then refuses it.
        handle = os.open(Path(path).expanduser(), os.O_RDONLY | os.O_NONBLOCK)
    except OSError as error:
        raise FileRefused(_reason(error)) from None
    with os.fdopen(handle, "rb") as file:
        check_file(os.fstat(handle), max_bytes, what)
        try:
            data = file.read(max_bytes + 1)
        except OSError as error:
            raise FileRefused(_reason(error)) from None
    if len(data) > max_bytes:  # grew since the check
        raise FileRefused(f"file is over {_size_text(max_bytes)}: a {what} is a small file")
    return data


def decode_text(data: bytes) -> str:
    """UTF-8 bytes (a BOM is dropped) to text; FileRefused naming the first bad byte."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise FileRefused(f"not a UTF-8 text file (byte 0x{data[error.start]:02x} on line "
                          f"{line} is not UTF-8); save it as UTF-8") from None


def read_text_file(path: Path | str, max_bytes: int = MAX_TEXT_BYTES,
                   what: str = "routine file") -> str:
    """An ordinary UTF-8 file of at most ``max_bytes`` as text; FileRefused otherwise."""
    return decode_text(read_small_file(path, max_bytes, what))
