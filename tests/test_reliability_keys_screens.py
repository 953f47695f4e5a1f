"""Key-mashing every screen from the library: preview, filter, new-routine dialog, editor,
history, workout, quit question and summary, with random resizes and a moving fake clock.

No exception, the engine's invariants hold after every key, nothing is written
outside HIPTIMER_HOME, and the app still answers. Seeded, so a failure names its seed.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from hiptimer.core.events import Finished, StepStarted
from hiptimer.history.store import HistoryStore
from hiptimer.history.opening import open_store
from hiptimer.paths import Paths
from hiptimer.tui.app import make_app

from test_reliability_support import assert_responds, fail_fast, mash, seeds
from test_tui_support import DATA, FakePlayer, install_short

KEYS_PER_SEED = 300


def recording_store(path: Path) -> tuple[HistoryStore, list[Any]]:
    """The real history store, also remembering every event it is given."""
    store, _ = open_store(path)
    seen: list[Any] = []
    handle = store.handle

    def recording(events: list[Any]) -> None:
        seen.extend(events)
        handle(events)

    store.handle = recording  # type: ignore[method-assign]
    return store, seen


@pytest.mark.parametrize("seed", seeds(2, base=7200))
async def test_mashing_keys_on_every_screen(home: Paths, fake_clock: Any, seed: int,
                                            tmp_path: Path) -> None:
    install_short(home)
    shutil.copy(DATA / "quick-sides.toml", home.routines)
    shutil.copy(DATA / "broken.toml", home.routines)
    outside_before = sorted(path for path in tmp_path.rglob("*") if home.data not in path.parents)
    rng = random.Random(seed)
    history: list[str] = [f"seed {seed}"]
    left, runs = KEYS_PER_SEED, 0
    visited: set[str] = set()  # the screens reached, for a reader debugging a seed
    while left > 0:
        store, seen = recording_store(home.history)
        app = fail_fast(make_app(paths=home, player=FakePlayer(), clock=fake_clock,
                                 tick_interval=None, store=store, edit_debounce=0))
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                left -= await mash(pilot, fake_clock, rng, left, history, visited)
                if app.is_running:
                    assert_responds(app)
                    app.exit()
        finally:
            store.close()
        runs += 1
        assert app.return_code in (None, 0, 130), history[-25:]
        # Every workout the run started ended with Finished: nothing comes after the last one,
        # and each Finished closes a workout (the next event, if any, starts a new one).
        assert not seen or isinstance(seen[-1], Finished), history[-25:]
        after_finish = [later for earlier, later in zip(seen, seen[1:])
                        if isinstance(earlier, Finished)]
        assert all(isinstance(event, StepStarted) and event.index == 0
                   for event in after_finish), history[-25:]
    outside_after = sorted(path for path in tmp_path.rglob("*") if home.data not in path.parents)
    assert outside_after == outside_before
