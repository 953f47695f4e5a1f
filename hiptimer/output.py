"""What the command line prints: safe text only, in any encoding, and a clean end when
standard output fails.

``main`` runs every command inside ``safe_streams``: whatever a command prints
(a routine's name, a file name, an error message) goes through ``printable``,
so no control sequence reaches the terminal; a character the stream's
encoding cannot show (``PYTHONIOENCODING=ascii``, a Latin-1 locale) is
replaced, never an error. A write that fails raises its ``OSError`` as
before, for the command to handle (the plain runner saves the workout as
stopped); the stream keeps it as ``failure``, so ``main`` can tell a failed
output from any other error and end with one line, or silence for a closed
pipe.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from hiptimer.core.text import printable


class SafeText(io.TextIOBase):
    """A text stream over ``stream`` that writes only printable, encodable text."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream
        encoding = getattr(stream, "encoding", None) or "utf-8"
        self._encoding = encoding
        # printable() leaves no lone surrogate: UTF-8 can write everything that is left.
        self._lossless = codecs.lookup(encoding).name == "utf-8"
        self.failure: OSError | None = None
        """The first write or flush that failed."""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding

    @property
    def errors(self) -> str:  # type: ignore[override]
        return "replace"

    def write(self, text: str) -> int:
        shown = printable(text, keep_lines=True)
        if not self._lossless:
            shown = shown.encode(self._encoding, "replace").decode(self._encoding)
        try:
            self._stream.write(shown)
        except OSError as error:
            self.failure = self.failure or error
            raise
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            self.failure = self.failure or error
            raise

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()

    def writable(self) -> bool:
        return True

    @property
    def wraps_process_stdout(self) -> bool:
        return self._stream is sys.__stdout__


@contextmanager
def safe_streams() -> Iterator[SafeText]:
    """``sys.stdout`` and ``sys.stderr`` as ``SafeText`` while the block runs; the first."""
    saved = sys.stdout, sys.stderr
    out = sys.stdout = SafeText(saved[0])
    if saved[1] is not None:
        sys.stderr = SafeText(saved[1])
    try:
        yield out
    finally:
        sys.stdout, sys.stderr = saved


def report_failure(failure: OSError) -> None:
    """One line on standard error, none for a closed pipe (the reader wanted no more)."""
    if failure.errno == errno.EPIPE:
        return
    try:
        print(f"hiptimer: cannot write the output: {failure.strerror or failure}",
              file=sys.stderr, flush=True)
    except (OSError, ValueError):
        pass  # standard error is gone too: the exit code still tells


def silence_stdout() -> None:
    """Point standard output at /dev/null: what is still buffered for it is dropped, and
    Python's last flush at exit cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
