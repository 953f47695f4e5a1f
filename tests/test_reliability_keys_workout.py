"""Key-mashing the workout: random keys, a fake clock moving between them, random resizes.

No exception, the engine's books and times stay consistent after every key, and
the app still answers at the end. Seeded, so a failure names its seed.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from hiptimer.core.events import Finished
from hiptimer.library import load_routine
from hiptimer.core.model import Routine
from hiptimer.library import builtin_folder
from hiptimer.paths import Paths

from test_reliability_support import assert_responds, fail_fast, mash, seeds
from test_tui_support import DATA, FakePlayer, FakeStore, build

KEYS_PER_SEED = 300
ROUTINES = [DATA / "short.toml", DATA / "quick-sides.toml",
            builtin_folder() / "strong-hips-5.toml", builtin_folder() / "glute-activation.toml"]


def routine_at(number: int) -> Routine:
    loaded = load_routine(ROUTINES[number % len(ROUTINES)])
    assert loaded.routine is not None, loaded.problems
    return loaded.routine


@pytest.mark.parametrize("seed", seeds(2, base=7100))
async def test_mashing_keys_in_a_workout(home: Paths, fake_clock: Any, seed: int) -> None:
    rng = random.Random(seed)
    history: list[str] = [f"seed {seed}"]
    left, runs = KEYS_PER_SEED, 0
    while left > 0:
        store = FakeStore()
        app = fail_fast(build(home, fake_clock, routine=routine_at(seed + runs),
                              player=FakePlayer(), store=store))
        async with app.run_test(size=(80, 24)) as pilot:
            left -= await mash(pilot, fake_clock, rng, left, history)
            if app.is_running:
                assert_responds(app)
                app.exit()
        runs += 1
        assert app.return_code in (None, 0, 130), history[-25:]
        # A session that ended says so exactly once, last.
        finishes = [event for event in store.events if isinstance(event, Finished)]
        assert len(finishes) <= 1 and (not finishes or store.events[-1] is finishes[0])
