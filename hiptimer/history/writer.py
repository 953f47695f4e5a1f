"""The history behind a queue: one thread writes, in order, off the timing path.

A history file locked by another program for ten seconds must not delay a
line, a frame or a cue: shells hand their events to ``HistoryWriter``, which
returns at once; its thread waits for the lock and writes what was queued
when the lock goes. Reads go through the same queue, so a read sees every
write queued before it (call ``read`` from a worker thread, never the event loop).
The TUI has the thread open the file too (``opening``), once its first frame is
out: what the workout sent meanwhile waits in the queue.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from hiptimer.core.events import Event
from hiptimer.core.plan import Plan
from hiptimer.ports import HistorySink

if TYPE_CHECKING:
    from hiptimer.history.store import HistoryStore

T = TypeVar("T")
CLOSE_PATIENCE_SECONDS = 30.0
"""How long leaving waits for writes still queued (a history locked by another program)."""


class HistoryWriter:
    """The store's writes on a thread of their own; every method returns at once but ``read``."""

    def __init__(self, store: HistoryStore | None = None, *,
                 open_store: Callable[[], HistoryStore] | None = None) -> None:
        """Writes to ``store``, or to the store that ``open_store`` opens on the thread."""
        assert (store is None) != (open_store is None), "a store, or a way to open one"
        self._store: HistoryStore = store  # type: ignore[assignment]  # set by _work first
        self._opened = threading.Event()
        if store is not None:
            self._opened.set()
        self._open = open_store
        self._jobs: queue.SimpleQueue[Callable[[], None] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name="history-writer", daemon=True)
        self._thread.start()
        self._closed = False

    @classmethod
    def opening(cls, path: Path, *, after: Callable[[], None],
                notify: Callable[[str], None]) -> HistoryWriter:
        """A writer whose thread opens the history at ``path`` once ``after`` returns, and
        gives ``notify`` the one-line notice, if any, that ``open_store`` gives."""
        def open_store() -> HistoryStore:
            after()
            from hiptimer.history.opening import in_memory, open_store

            try:
                store, notice = open_store(path)
            except Exception as error:  # it handles what it knows; anything else, here
                store, notice = in_memory(f"cannot use {path} ({error})")
            if notice:
                notify(notice)
            return store

        return cls(open_store=open_store)

    @property
    def saving(self) -> bool:
        """False when history lives in memory only (the file could not be used)."""
        return self._opened_store().saving

    @property
    def problem(self) -> str | None:
        """What went wrong with the last write, in one line (the workout goes on)."""
        return self._opened_store().problem

    def begin(self, plan: Plan, source: str, resume: int | None = None,
              level: str = "standard") -> None:
        self._put(lambda: self._store.begin(plan, source, resume, level))

    def handle(self, events: Sequence[Event]) -> None:
        batch = tuple(events)
        self._put(lambda: self._store.handle(batch))

    def read(self, query: Callable[[object], T]) -> T:
        """Run ``query`` on the store's connection after every write queued so far."""
        from concurrent.futures import Future

        result: Future[T] = Future()

        def job() -> None:
            try:
                result.set_result(self._store.read(query))  # type: ignore[arg-type]
            except BaseException as error:
                result.set_exception(error)

        if self._closed:
            return self._opened_store().read(query)  # type: ignore[arg-type]
        self._jobs.put(job)
        return result.result()

    def close(self, patience: float = CLOSE_PATIENCE_SECONDS) -> None:
        """Write what is queued (waiting at most ``patience`` seconds), then close the file."""
        if self._closed:
            return
        self._closed = True
        self._jobs.put(lambda: self._store.close())
        self._jobs.put(None)
        self._thread.join(patience)

    def _opened_store(self) -> HistoryStore:
        """The store; the first frame's few milliseconds are waited for if it is still opening."""
        self._opened.wait()
        return self._store

    def _put(self, job: Callable[[], None]) -> None:
        if not self._closed:
            self._jobs.put(job)

    def _work(self) -> None:
        if self._open is not None:
            try:
                self._store = self._open()
            finally:  # should it raise after all, nothing waits forever
                self._opened.set()
        while (job := self._jobs.get()) is not None:
            try:
                job()
            except Exception as error:  # the store catches its own; this is a last guard
                self._store.problem = f"history could not be saved: {error}"


@dataclass
class HistoryListener:
    """One workout's link to the history: its session row carries ``source`` (the file)."""

    writer: HistorySink
    source: str
    resume: int | None = None
    """The unfinished session this workout carries on, if it is a resumed one."""
    level: str = "standard"

    def begin(self, plan: Plan) -> None:
        self.writer.begin(plan, self.source, self.resume, self.level)

    def handle(self, events: Sequence[Event]) -> None:
        self.writer.handle(events)

    def close(self) -> None:
        """Nothing to do: the session's last events ended its row."""
