"""Fakes and helpers shared by the TUI tests (no tests here)."""

from __future__ import annotations

import shutil
from pathlib import Path
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from textual.app import App
from textual.geometry import Region
from textual.widgets import Static

from hiptimer.core.events import Event
from hiptimer.library import load_routine
from hiptimer.core.model import Routine
from hiptimer.core.plan import Plan
from hiptimer.paths import Paths
from hiptimer.tui.app import HiptimerApp, make_app

T = TypeVar("T")
DATA = Path(__file__).parent / "data" / "tui"
SHORT = DATA / "short.toml"
"""prepare 3, Side plank hold 20 left, switch 3, hold 20 right, rest 5,
Clamshell 3 self-paced reps, rest 5, Leg swings 10."""


class FakePlayer:
    """A ``hiptimer.ports.Player`` that records what it is asked to play; optionally
    carries a notice like a soundless player."""

    def __init__(self, notice: str | None = None) -> None:
        self.muted = False
        self.notice = notice
        self.events: list[Event] = []
        self.ahead: list[Event] = []
        self.prepared = False
        self.begun = 0

    def prepare(self, plan: Plan) -> None:
        self.prepared = True

    def begin(self, plan: Plan) -> None:
        self.begun += 1

    lead = 0.0

    def handle(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def play_ahead(self, events: Sequence[Event]) -> None:
        self.ahead.extend(events)

    def close(self) -> None:
        pass

    def wait(self, timeout: float = 3.0) -> None:
        pass

    def shutdown(self) -> None:
        pass


class FakeStore:
    """A ``hiptimer.ports.HistorySink`` that keeps the events it is given."""

    saving = True
    problem: str | None = None

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.begun: list[str] = []

    def begin(self, plan: Plan, source: str, resume: int | None = None,
              level: str = "standard") -> None:
        self.begun.append(source)

    def handle(self, events: Sequence[Event]) -> None:
        self.events.extend(events)

    def read(self, query: Callable[[Any], T]) -> T:
        raise AssertionError("FakeStore keeps no sessions to read")

    def close(self) -> None:
        pass


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
    """The plain text a widget on the current screen shows (a line-drawn one: as drawn)."""
    widget = app.screen.query_one(selector)
    if isinstance(widget, Static):
        return str(widget.render()).strip()
    region = widget.region
    return "\n".join(strip.text for strip in
                     widget.render_lines(Region(0, 0, region.width, region.height))).strip()


BLOCKS = set("█▀▄")


def drawn_block(app: App, selector: str) -> tuple[int, int, int, int]:
    """Where a widget's big glyphs land on the screen: (top, rows, left margin, right margin).

    Rendered by the widget itself at its region on the current screen.
    """
    widget = app.screen.query_one(selector)
    region = widget.region
    lines = [strip.text for strip in widget.render_lines(Region(0, 0, region.width, region.height))]
    rows = [index for index, line in enumerate(lines) if BLOCKS & set(line)]
    assert rows, f"{selector} draws no big glyphs"
    columns = [column for line in lines for column, char in enumerate(line) if char in BLOCKS]
    left = region.x + min(columns)
    right = app.size.width - (region.x + max(columns) + 1)
    return region.y + rows[0], rows[-1] - rows[0] + 1, left, right
