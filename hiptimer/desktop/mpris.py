"""Media players on the session bus, through MPRIS (``org.mpris.MediaPlayer2.*``), with jeepney.

Blocking calls with a short timeout: they run on a worker thread only. A
player that answers with an error, or has gone, raises ``PlayerGone``; the
caller leaves that player alone.
"""

from __future__ import annotations

from typing import Any

from jeepney import DBusAddress, DBusErrorResponse, Properties, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import unwrap_msg

NAME_PREFIX = "org.mpris.MediaPlayer2."
OBJECT_PATH = "/org/mpris/MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
CALL_TIMEOUT = 1.0
"""Seconds a player has to answer; a hung one is then skipped."""


class PlayerGone(Exception):
    """The player did not answer (gone, hung, or the property is not there or not writable)."""


class NoSessionBus(Exception):
    """There is no session bus to talk to (no DBUS_SESSION_BUS_ADDRESS, or nothing listening)."""


class MprisBus:
    """One connection to the session bus, for finding and steering media players."""

    def __init__(self, connection: DBusConnection) -> None:
        self._connection = connection

    @classmethod
    def open(cls) -> MprisBus:
        try:
            return cls(open_dbus_connection("SESSION"))
        except KeyError:
            raise NoSessionBus("DBUS_SESSION_BUS_ADDRESS is not set") from None
        except (OSError, ValueError, TimeoutError) as error:
            raise NoSessionBus(str(error)) from None

    def close(self) -> None:
        self._connection.close()

    def players(self) -> list[str]:
        """The bus names of the media players there now, one per player.

        A player may own several names (``...vlc`` and ``...vlc.instance42``):
        only the first is kept, so it is never lowered twice.
        """
        (names,) = self._call(message_bus.ListNames())
        owners: set[str] = set()
        players = []
        for name in sorted(name for name in names if name.startswith(NAME_PREFIX)):
            try:
                (owner,) = self._call(message_bus.GetNameOwner(name))
            except PlayerGone:
                continue
            if owner not in owners:
                owners.add(owner)
                players.append(name)
        return players

    def get(self, player: str, name: str) -> Any:
        (variant,) = self._call(Properties(_player(player)).get(name))
        return variant[1]

    def set(self, player: str, name: str, signature: str, value: Any) -> None:
        self._call(Properties(_player(player)).set(name, signature, value))

    def command(self, player: str, method: str) -> None:
        self._call(new_method_call(_player(player), method))

    def _call(self, message: Any) -> Any:
        try:
            return unwrap_msg(self._connection.send_and_get_reply(message, timeout=CALL_TIMEOUT))
        except (DBusErrorResponse, TimeoutError) as error:
            raise PlayerGone(str(error)) from None


def _player(name: str) -> DBusAddress:
    return DBusAddress(OBJECT_PATH, bus_name=name, interface=PLAYER_INTERFACE)
