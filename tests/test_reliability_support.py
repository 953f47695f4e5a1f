"""Helpers shared by the reliability tests (no tests here)."""

from __future__ import annotations

from textual.app import App


def fail_fast(app: App) -> App:
    """A crash in ``app`` still fails the test, fast: no pretty traceback, no animations.

    Rendering a traceback with its locals takes seconds; the exception itself
    is still re-raised by ``run_test`` exactly as before.
    """
    app._fatal_error = app._close_messages_no_wait  # type: ignore[method-assign]
    # Each key waits for running animations (the progress bar's) in real time.
    app.animation_level = "none"
    return app


# ---------------------------------------------------------------- key-mashing

import asyncio  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from typing import Any  # noqa: E402

from textual import events  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from hiptimer.tui.workout_screen import WorkoutScreen  # noqa: E402

WORKOUT_KEYS = ["space", "n", "right", "N", "b", "left", "plus", "r", "enter", "m"]
NAVIGATION_KEYS = ["up", "down", "enter", "escape", "backspace", "tab", "shift+tab", "pageup",
                   "pagedown", "home", "end", "slash", "e", "h", "y", "c", "d", "s", "ctrl+s",
                   "ctrl+r", "a", "t", "i", "1", "equals_sign", "quotation_mark",
                   "left_square_bracket", "ctrl+z"]
RARE_KEYS = ["q", "ctrl+p", "ctrl+q"]
"""Keys that end the run of the app or open the (slow) palette: seldom, so a run goes deep."""


def random_key(rng: random.Random, app: Any) -> str:
    """Half the time a key bound on the screen showing (so the mashing goes deep), else any."""
    roll = rng.random()
    if roll < 0.012:
        return rng.choice(RARE_KEYS)
    if roll < 0.5:
        bound = [key for key in app.active_bindings if key not in RARE_KEYS]
        if bound:
            return rng.choice(sorted(bound))
    if roll < 0.75:
        return rng.choice(WORKOUT_KEYS)
    return rng.choice(NAVIGATION_KEYS)


async def press_quickly(pilot: Pilot, key: str) -> None:
    """``pilot.press`` without its idle waits (two sleeps of 20 ms or more per key).

    The key goes through the driver as a real one does; this waits until the
    app and the screen have handled every message queued so far, twice over
    (the key, then what its action posted).
    """
    app = pilot.app
    character = key if len(key) == 1 else KEY_CHARACTERS.get(key)
    app._driver.send_message(events.Key(key, character))
    for _ in range(2):
        await asyncio.sleep(0)
        await pilot._wait_for_screen()


KEY_CHARACTERS = {"space": " ", "plus": "+", "slash": "/", "equals_sign": "=",
                  "quotation_mark": '"', "left_square_bracket": "[", "enter": "\r",
                  "tab": "\t", "backspace": "\x7f", "escape": "\x1b"}


def workouts(app: Any) -> list[WorkoutScreen]:
    return [screen for screen in app.screen_stack if isinstance(screen, WorkoutScreen)]


def check_engine(screen: WorkoutScreen, now: float, context: Callable[[], str]) -> None:
    """The engine's invariants, as the workout screen's engine sees them at ``now``."""
    session, steps = screen.session, screen.plan.steps
    state = session.state()
    assert 0.0 <= state.fraction_done <= 1.0, context()
    assert state.time_left >= 0.0, context()
    assert state.remaining is None or state.remaining >= 0.0, context()
    assert 0 <= state.index <= len(steps), context()
    outcomes = set(session.outcomes)
    if session.finished:
        assert outcomes == set(range(len(steps))), context()
        assert state.fraction_done == 1.0, context()
    else:
        assert outcomes == set(range(state.index)), context()  # only steps left behind
        assert state.step == steps[state.index], context()
        assert state.waiting == (state.remaining is None), context()
        assert state.elapsed >= 0.0, context()


async def mash(pilot: Pilot, clock: Any, rng: random.Random, count: int,
               history: list[str], visited: set[str] | None = None) -> int:
    """Press up to ``count`` random keys, moving the clock, ticking and resizing between them.

    Returns how many keys were pressed (fewer when a key ended the app).
    """
    app = pilot.app

    def context() -> str:
        return f"after keys ...{history[-25:]} on {type(app.screen).__name__}"

    for pressed in range(count):
        if rng.random() < 0.04:
            size = (rng.randint(40, 120), rng.randint(12, 40))
            history.append(f"resize{size}")
            await pilot.resize_terminal(*size)
        key = random_key(rng, app)
        history.append(key)
        await press_quickly(pilot, key)
        if not app.is_running:
            return pressed + 1
        if visited is not None:
            visited.add(type(app.screen).__name__)
        clock.advance(rng.choice([0.0, rng.uniform(0, 1.5), rng.uniform(0, 3)])
                      if rng.random() < 0.95 else rng.uniform(0, 60))
        for screen in workouts(app):
            if not screen.is_mounted:
                continue  # its alarm, which these ticks stand for, is set on mount
            screen.tick()
            check_engine(screen, clock(), context)
        if rng.random() < 0.1:
            await pilot.pause()
    return count


def assert_responds(app: Any) -> None:
    """The app is alive: still running, a screen on top, and it renders."""
    assert app.is_running
    assert app.screen.is_current
    assert "<svg" in app.export_screenshot()


def seeds(count: int, base: int) -> Sequence[int]:
    """``count`` seeds from ``base``; HIPTIMER_MASH_SEEDS=N asks for N instead (a long hunt)."""
    count = int(os.environ.get("HIPTIMER_MASH_SEEDS", count))
    return [base + number for number in range(count)]
