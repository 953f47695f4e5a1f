"""libasound (ALSA) through ctypes: keep its error lines off the terminal, probe the device.

libasound prints its own errors ("ALSA lib pcm.c:...: Unknown PCM default")
straight to file descriptor 2, which would tear through the TUI. Installing an
error handler that drops them is process-wide and lasts as long as the
callback object does, so the callback is kept at module level. Nothing here
runs at import; on a system without libasound every function is a no-op.
"""

from __future__ import annotations

import ctypes
from typing import Any

_ERROR_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
"""void (*)(const char *file, int line, const char *function, int err, const char *fmt, ...)"""

SND_PCM_STREAM_PLAYBACK = 0
SND_PCM_NONBLOCK = 1

_PLAIN_REASONS = {
    2: "no sound card found",  # ENOENT
    19: "no sound card found",  # ENODEV
    22: "the configuration names no usable device",  # EINVAL
    13: "permission denied (is this user in the audio group?)",  # EACCES
}

_library: Any = None
_silencer: Any = None
"""The installed callback: must outlive every libasound call, so it is never freed."""


def _ignore_error(file: bytes | None, line: int, function: bytes | None, err: int,
                  fmt: bytes | None) -> None:
    return None


def libasound() -> Any:
    """The shared libasound, or None where there is none (macOS, Windows, no ALSA)."""
    global _library
    if _library is None:
        try:  # by soname: ctypes.util.find_library would run /sbin/ldconfig
            _library = ctypes.CDLL("libasound.so.2")
        except OSError:
            _library = False
    return _library or None


def silence_alsa_errors() -> bool:
    """Drop libasound's error messages for the rest of the process; True if installed."""
    global _silencer
    if _silencer is not None:
        return True
    library = libasound()
    if library is None:
        return False
    handler = _ERROR_HANDLER_TYPE(_ignore_error)
    try:
        library.snd_lib_error_set_handler(handler)
    except AttributeError:
        return False
    _silencer = handler
    return True


def default_device_problem() -> str | None:
    """Why the default playback device cannot be opened, or None if it can (or ALSA is absent).

    Opens and closes the device without writing to it, so nothing is heard.
    Non-blocking, so a device busy elsewhere does not hang the caller.
    """
    library = libasound()
    if library is None:
        return None
    handle = ctypes.c_void_p()
    try:
        code = library.snd_pcm_open(ctypes.byref(handle), b"default", SND_PCM_STREAM_PLAYBACK,
                                    SND_PCM_NONBLOCK)
    except AttributeError:
        return None
    if code == 0:
        library.snd_pcm_close(handle)
        return None
    if code == -16:  # EBUSY: the device exists; simpleaudio will wait for it.
        return None
    if -code in _PLAIN_REASONS:
        return f"ALSA: {_PLAIN_REASONS[-code]}"
    library.snd_strerror.restype = ctypes.c_char_p
    reason = library.snd_strerror(code) or b"unknown error"
    return f"ALSA: {reason.decode(errors='replace')}"
