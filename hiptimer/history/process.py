"""Which process wrote a running session, and whether that process is gone.

A pid alone is not enough: after a reboot, or once pids wrap around, another
process may carry it. Where ``/proc`` exists, a process is identified by its
pid, the boot it belongs to and its start time (in clock ticks since boot);
elsewhere, by its pid only.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path

PROC = Path("/proc")


@dataclass(frozen=True)
class ProcessIdentity:
    host: str
    pid: int
    start: str | None
    """``boot_id:start_ticks``, or None where the system does not tell."""


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of ``/proc/PID/stat`` after the command name, or None."""
    try:
        text = (PROC / str(pid) / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    # The command name is in parentheses and may itself hold spaces or ')'.
    return text[text.rfind(")") + 2:].split()


def _boot_id() -> str | None:
    try:
        return (PROC / "sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return None


def process_start(pid: int) -> str | None:
    fields = _stat_fields(pid)
    boot = _boot_id()
    if fields is None or boot is None or len(fields) < 20:
        return None
    return f"{boot}:{fields[19]}"  # field 22 of stat: start time in ticks since boot


def current_identity() -> ProcessIdentity:
    pid = os.getpid()
    return ProcessIdentity(socket.gethostname(), pid, process_start(pid))


def is_gone(identity: ProcessIdentity) -> bool:
    """True only when the process is certainly not running any more.

    A session from another host (a history folder shared between machines)
    is never declared gone: from here there is no way to tell.
    """
    if identity.host != socket.gethostname():
        return False
    try:
        os.kill(identity.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # it exists, owned by someone else
    except OSError:
        return False
    fields = _stat_fields(identity.pid)
    if fields is not None and fields[0] in ("Z", "X"):
        return True  # killed, not yet reaped by its parent
    if identity.start is None:
        return False
    now = process_start(identity.pid)
    return now is not None and now != identity.start
