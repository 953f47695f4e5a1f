"""The parts a shell is built from, as the shells see them: typed, so fakes are checked too.

The real parts are ``hiptimer.sound.player.CuePlayer``, ``hiptimer.history.writer.HistoryWriter``
and ``hiptimer.library.Library``; tests pass small fakes that implement the same protocols.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from hiptimer.core.events import Event
from hiptimer.core.plan import Plan

if TYPE_CHECKING:
    from hiptimer.library import Entry

T = TypeVar("T")


class Player(Protocol):
    """Sounds the cues of every workout; one player serves a whole run of the program."""

    muted: bool
    notice: str | None
    """Why sound is off or partly off, in one line; None when all is well."""

    def prepare(self, plan: Plan) -> None:
        """Get ready for ``plan`` ahead of its start; may take a while (a worker thread)."""

    def begin(self, plan: Plan) -> None: ...

    def handle(self, events: Sequence[Event]) -> None: ...

    lead: float
    """Seconds ahead of a cue's instant that ``play_ahead`` should be called (0: not needed)."""

    def play_ahead(self, events: Sequence[Event]) -> None:
        """Sound the cue of ``events``, due ``lead`` seconds from now; ``handle`` then skips them."""

    def close(self) -> None:
        """A workout is over (its finish cue rings out)."""

    def wait(self, timeout: float = 3.0) -> None:
        """Block until the cue playing ends (a command-line exit, never an event loop)."""

    def shutdown(self) -> None: ...


class HistorySink(Protocol):
    """Where sessions are recorded; every call returns at once but ``read``."""

    @property
    def saving(self) -> bool:
        """False when this run's history is not being kept in a file."""

    @property
    def problem(self) -> str | None: ...

    def begin(self, plan: Plan, source: str, resume: int | None = None,
              level: str = "standard") -> None:
        """A session row for a workout of ``plan`` (``resume``: carry on session ``resume``)."""

    def handle(self, events: Sequence[Event]) -> None: ...

    def read(self, query: Callable[[Any], T]) -> T:
        """Run a read-only query after every write so far (from a worker thread)."""

    def close(self) -> None: ...


class RoutineLibrary(Protocol):
    """The routines a person can pick: built-in ones and their own."""

    @property
    def user_folder(self) -> Path: ...

    def entries(self) -> list[Entry]: ...
