"""Run programs in pseudo-terminals or pipes and record what they print, and when.

Standard library only. Every chunk read is stamped with ``time.monotonic()``,
which is CLOCK_MONOTONIC, the same clock hiptimer's engine reads in the child.
CPU time comes from ``/proc/PID/stat`` sampled while the child lives; peak RSS
from ``os.wait4`` when it is reaped.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
ROWS, COLUMNS = 24, 80


@dataclass
class Watched:
    """One child process and everything observed of it."""

    name: str
    popen: subprocess.Popen[bytes]
    fd: int
    """Our end: the pty master, or the read end of the stdout pipe."""
    spawned_at: float
    chunks: list[tuple[float, bytes]] = field(default_factory=list)
    cpu_samples: list[tuple[float, float]] = field(default_factory=list)
    """(instant, CPU seconds used so far), user plus system, all threads."""
    max_rss_kib: int = 0
    exit_status: int | None = None
    open: bool = True
    closed_at: float | None = None
    """When its output reached its end (the program exited, or closed it)."""

    @property
    def pid(self) -> int:
        return self.popen.pid

    def output(self) -> bytes:
        return b"".join(data for _, data in self.chunks)

    def send(self, keys: bytes) -> None:
        try:
            os.write(self.fd, keys)
        except OSError:
            pass  # it has gone already

    def sample_cpu(self, now: float) -> None:
        seconds = cpu_seconds(self.pid)
        if seconds is not None:
            self.cpu_samples.append((now, seconds))


def cpu_seconds(pid: int) -> float | None:
    """utime + stime of a live process (all its threads), or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
    except OSError:
        return None
    if fields[0] == b"Z":
        return None  # a zombie's times are no longer its own to read reliably
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def spawn(name: str, argv: Sequence[str], env: dict[str, str], *, tty: bool) -> Watched:
    """Start ``argv`` on an 80x24 pseudo-terminal (tty) or with stdout on a pipe."""
    if tty:
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        started = time.monotonic()
        popen = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env,
                                 start_new_session=True, preexec_fn=_take_terminal)
        os.close(slave)
        return Watched(name, popen, master, started)
    started = time.monotonic()
    popen = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env)
    assert popen.stdout is not None
    return Watched(name, popen, popen.stdout.fileno(), started)


def _take_terminal() -> None:
    # Make the pty the child's controlling terminal, as a real terminal would be.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def watch(children: Sequence[Watched], done: Callable[[Watched], bool], *,
          timeout: float, cpu_every: float = 1.0,
          extra: dict[int, Callable[[float, bytes], None]] | None = None) -> None:
    """Read every child's output until each is ``done`` (or closed) or ``timeout`` passes.

    ``extra`` maps other file descriptors to handlers of what they deliver
    (the sound sink). CPU is sampled every ``cpu_every`` seconds.
    """
    extra = extra or {}
    deadline = time.monotonic() + timeout
    next_sample = time.monotonic()
    while True:
        now = time.monotonic()
        active = [child for child in children if child.open and not done(child)]
        if not active or now >= deadline:
            return
        if now >= next_sample:
            for child in active:
                child.sample_cpu(now)
            next_sample = now + cpu_every
        fds = [child.fd for child in active] + list(extra)
        ready, _, _ = select.select(fds, [], [], min(0.2, max(next_sample - now, 0.0)))
        stamp = time.monotonic()
        for fd in ready:
            try:
                data = os.read(fd, 65536)
            except OSError:  # EIO: the pty's other side has closed
                data = b""
            if fd in extra:
                extra[fd](stamp, data)
                continue
            child = next(child for child in active if child.fd == fd)
            if data:
                child.chunks.append((stamp, data))
            else:
                child.open, child.closed_at = False, stamp


def finish(child: Watched, *, grace: float = 3.0) -> None:
    """Reap the child (ending it if it has not ended within ``grace``) and note its rusage."""
    deadline = time.monotonic() + grace
    while True:
        reaped = _reap(child.pid)
        if reaped is None and time.monotonic() >= deadline:
            reaped = _end(child.pid)
        if reaped is not None:
            break
        _drain(child)
        time.sleep(0.02)
    status, usage = reaped
    child.popen.returncode = os.waitstatus_to_exitcode(status)  # Popen must not reap again
    child.exit_status = child.popen.returncode
    child.max_rss_kib = usage.ru_maxrss
    try:
        os.close(child.fd)
    except OSError:
        pass


def _reap(pid: int, flags: int = os.WNOHANG) -> tuple[int, Any] | None:
    found, status, usage = os.wait4(pid, flags)
    return (status, usage) if found else None


def _drain(child: Watched) -> None:
    # A child blocked writing to a full pty would never exit.
    while child.open and select.select([child.fd], [], [], 0)[0]:
        try:
            data = os.read(child.fd, 65536)
        except OSError:
            data = b""
        if not data:
            child.open, child.closed_at = False, time.monotonic()


def _end(pid: int) -> tuple[int, Any]:
    """Terminate, then kill if need be, and reap."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        os.kill(pid, sig)  # not reaped yet, so the pid is still ours
        for _ in range(50):
            reaped = _reap(pid)
            if reaped is not None:
                return reaped
            time.sleep(0.02)
    reaped = _reap(pid, 0)  # SIGKILL cannot be refused: this returns
    assert reaped is not None
    return reaped


def end_now(child: Watched) -> None:
    """Stop a child we no longer need (a start-up run) and reap it."""
    finish(child, grace=0.0)


def cpu_window(child: Watched, since: float) -> list[tuple[float, float]]:
    """The CPU samples taken at or after ``since``."""
    return [sample for sample in child.cpu_samples if sample[0] >= since]


def cpu_per_minute(window: Sequence[tuple[float, float]]) -> float | None:
    """CPU seconds per minute between the first sample of ``window`` and the last."""
    if len(window) < 2 or window[-1][0] - window[0][0] < 1.0:
        return None
    (t0, c0), (t1, c1) = window[0], window[-1]
    return (c1 - c0) / (t1 - t0) * 60.0
