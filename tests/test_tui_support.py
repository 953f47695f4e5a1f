"""Fakes and helpers shared by the TUI tests (no tests here)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from textual.app import App
from textual.widgets import Static

from hiptimer.core.events import Event
from hiptimer.core.loader import load_routine
from hiptimer.core.model import Routine
from hiptimer.paths import Paths
from hiptimer.tui.app import HiptimerApp, make_app

DATA = Path(__file__).parent / "data" / "tui"
SHORT = DATA / "short.toml"
"""prepare 3, Side plank hold 20 left, switch 3, hold 20 right, rest 5,
Clamshell 3 self-paced reps, rest 5, Leg swings 10."""


class FakePlayer:
    """Records what it is asked to play; optionally carries a notice like a soundless player."""

    def __init__(self, notice: str | None = None) -> None:
        self.muted = False
        self.notice = notice
        self.events: list[Event] = []
        self.prepared = False

    def handle(self, events: list[Event]) -> None:
        self.events.extend(events)

    def prepare(self, plan: Any) -> None:
        self.prepared = True

    def close(self) -> None:
        pass


class FakeStore:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self.begun: list[str] = []

    def begin(self, plan: object, source: str) -> None:
        self.begun.append(source)

    def handle(self, events: list[Event]) -> None:
        self.events.extend(events)


def short_routine() -> Routine:
    loaded = load_routine(SHORT)
    assert loaded.routine is not None, loaded.problems
    return loaded.routine


def install_short(paths: Paths) -> None:
    paths.routines.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHORT, paths.routines / "tui-short.toml")


def build(paths: Paths, clock: Any, *, routine: Routine | None = None,
          player: FakePlayer | None = None, store: FakeStore | None = None) -> HiptimerApp:
    return make_app(paths=paths, player=player or FakePlayer(), clock=clock, routine=routine,
                    tick_interval=None, store=store)


def text_of(app: App, selector: str) -> str:
    """The plain text a widget on the current screen shows."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.render()).strip()
