"""A private session bus (a real dbus-daemon) and small test services that record what they get.

The services speak D-Bus through jeepney on their own connection and thread,
like the real ones: a screensaver (freedesktop's or GNOME's interface) that
hands out cookies and, like the real services, drops an inhibition when its
caller's connection goes (NameOwnerChanged); and an MPRIS media player with a
PlaybackStatus, a Volume (writable or not) and Pause / Play.
"""

from __future__ import annotations

import select
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jeepney import HeaderFields, MatchRule, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.low_level import Message

BUS_START_TIMEOUT = 5.0
CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
"""A session bus with no service folders: nothing on the machine can be started on it."""


def wait_for(condition: Callable[[], object], timeout: float = 3.0) -> bool:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
    return True


class PrivateBus:
    """``dbus-daemon`` on a socket in a temporary folder, stopped by ``stop``."""

    def __init__(self) -> None:
        executable = shutil.which("dbus-daemon")
        if executable is None:
            raise RuntimeError("dbus-daemon is not installed (scripts/install test installs dbus)")
        # Not under pytest's tmp_path: a unix socket path must stay under 108 bytes.
        self.folder = Path(tempfile.mkdtemp(prefix="hiptimer-bus-"))
        config = self.folder / "bus.conf"
        config.write_text(CONFIG.format(folder=self.folder))
        self.process = subprocess.Popen(
            [executable, f"--config-file={config}", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
        assert self.process.stdout is not None
        ready, _, _ = select.select([self.process.stdout], [], [], BUS_START_TIMEOUT)
        if not ready:
            self.stop()
            raise RuntimeError(f"dbus-daemon printed no address in {BUS_START_TIMEOUT} s")
        self.address = self.process.stdout.readline().decode().strip()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(BUS_START_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


class Service:
    """A D-Bus service on its own connection, answering calls on a thread until ``stop``."""

    def __init__(self, address: str, name: str, watch: MatchRule | None = None) -> None:
        self.name = name
        self.connection: DBusConnection = open_dbus_connection(address)
        self.connection.send_and_get_reply(message_bus.RequestName(name), timeout=2)
        if watch is not None:
            self.connection.send_and_get_reply(message_bus.AddMatch(watch), timeout=2)
        self.delay = 0.0
        """Seconds to wait before each answer (a slow service)."""
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Leave the bus: the name goes, as when the real program quits."""
        self._stopping.set()
        self._thread.join(2)
        self.connection.close()

    def answer(self, message: Message) -> Message:
        raise NotImplementedError

    def on_signal(self, message: Message) -> None:
        pass

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                message = self.connection.receive(timeout=0.02)
            except TimeoutError:
                continue
            except OSError:
                return
            kind = message.header.message_type
            if kind is MessageType.signal:
                self.on_signal(message)
            elif kind is MessageType.method_call:
                if self.delay:
                    time.sleep(self.delay)
                try:
                    self.connection.send(self.answer(message))
                except OSError:
                    return


def member(message: Message) -> str:
    return str(message.header.fields.get(HeaderFields.member))


def sender(message: Message) -> str:
    return str(message.header.fields.get(HeaderFields.sender))


def interface(message: Message) -> str:
    return str(message.header.fields.get(HeaderFields.interface))


def unknown(message: Message) -> Message:
    return new_error(message, "org.freedesktop.DBus.Error.UnknownMethod", "s",
                     (f"no {interface(message)}.{member(message)} here",))


SCREENSAVERS = {
    # service name: (object path, Inhibit signature, UnInhibit's member name)
    "org.freedesktop.ScreenSaver": ("/org/freedesktop/ScreenSaver", "ss", "UnInhibit"),
    "org.gnome.SessionManager": ("/org/gnome/SessionManager", "susu", "Uninhibit"),
}


@dataclass
class Inhibition:
    cookie: int
    sender: str
    args: tuple[Any, ...]
    released_by: str | None = None
    """"UnInhibit" (asked), "bus" (the caller's connection went), or None while held."""


class ScreenSaver(Service):
    """A screensaver that records every inhibition, and lets it go as the real ones do."""

    def __init__(self, address: str, name: str = "org.freedesktop.ScreenSaver") -> None:
        self.path, self.signature, self.uninhibit = SCREENSAVERS[name]
        self.inhibitions: list[Inhibition] = []
        self._lock = threading.Lock()
        super().__init__(address, name, MatchRule(
            type="signal", sender="org.freedesktop.DBus", interface="org.freedesktop.DBus",
            member="NameOwnerChanged"))

    @property
    def held(self) -> list[Inhibition]:
        with self._lock:
            return [inhibition for inhibition in self.inhibitions if inhibition.released_by is None]

    def answer(self, message: Message) -> Message:
        with self._lock:
            if interface(message) == self.name and member(message) == "Inhibit":
                cookie = len(self.inhibitions) + 1
                self.inhibitions.append(Inhibition(cookie, sender(message), tuple(message.body)))
                return new_method_return(message, "u", (cookie,))
            if interface(message) == self.name and member(message) == self.uninhibit:
                (cookie,) = message.body
                for inhibition in self.inhibitions:
                    if inhibition.cookie == cookie and inhibition.released_by is None:
                        inhibition.released_by = "UnInhibit"
                return new_method_return(message)
        return unknown(message)

    def on_signal(self, message: Message) -> None:
        if member(message) != "NameOwnerChanged":
            return
        name, _old, new = message.body
        if new:
            return
        with self._lock:
            for inhibition in self.inhibitions:
                if inhibition.sender == name and inhibition.released_by is None:
                    inhibition.released_by = "bus"


@dataclass
class PlayerState:
    status: str = "Playing"
    volume: float = 0.8
    volume_writable: bool = True
    calls: list[tuple[str, Any]] = field(default_factory=list)
    """("Volume", value) for each volume set, ("Pause", None), ("Play", None)."""


class MediaPlayer(Service):
    """An MPRIS player: org.mpris.MediaPlayer2.Player's PlaybackStatus, Volume, Pause and Play."""

    def __init__(self, address: str, name: str, **state: Any) -> None:
        self.state = PlayerState(**state)
        super().__init__(address, f"org.mpris.MediaPlayer2.{name}")

    @property
    def calls(self) -> list[tuple[str, Any]]:
        return list(self.state.calls)

    def answer(self, message: Message) -> Message:
        state = self.state
        name, body = member(message), tuple(message.body)
        if interface(message) == "org.freedesktop.DBus.Properties":
            if name == "Get" and body == ("org.mpris.MediaPlayer2.Player", "PlaybackStatus"):
                return new_method_return(message, "v", (("s", state.status),))
            if name == "Get" and body == ("org.mpris.MediaPlayer2.Player", "Volume"):
                return new_method_return(message, "v", (("d", state.volume),))
            if name == "Set" and body[:2] == ("org.mpris.MediaPlayer2.Player", "Volume"):
                if not state.volume_writable:
                    return new_error(message, "org.freedesktop.DBus.Error.PropertyReadOnly")
                state.volume = body[2][1]
                state.calls.append(("Volume", state.volume))
                return new_method_return(message)
        if interface(message) == "org.mpris.MediaPlayer2.Player" and name in ("Pause", "Play"):
            state.calls.append((name, None))
            state.status = "Paused" if name == "Pause" else "Playing"
            return new_method_return(message)
        return unknown(message)


class Desktop:
    """A private bus and the services a test puts on it; ``close`` stops them all."""

    def __init__(self) -> None:
        self.bus = PrivateBus()
        self.address = self.bus.address
        self._services: list[Service] = []

    def screensaver(self, name: str = "org.freedesktop.ScreenSaver") -> ScreenSaver:
        return self._add(ScreenSaver(self.address, name))

    def player(self, name: str, **state: Any) -> MediaPlayer:
        return self._add(MediaPlayer(self.address, name, **state))

    def close(self) -> None:
        for service in self._services:
            service.stop()
        self.bus.stop()

    def _add(self, service: Any) -> Any:
        self._services.append(service)
        return service

