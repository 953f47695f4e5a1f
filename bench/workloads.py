"""What the bench runs and how it reads the results: routines, schedules, lateness.

The schedule of a routine comes from hiptimer's own engine driven by a fake
clock (the core is pure), so the bench and the app agree on every instant.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hiptimer.core.engine import Engine
from hiptimer.core.events import Countdown, Finished, Halfway, StepStarted
from hiptimer.library import load_routine
from hiptimer.core.plan import build_plan
from hiptimer.plain import event_line
from hiptimer.sound.cues import pick_cue

STEP_SECONDS = 5  # one hold of 3 s and one rest of 2 s
SCREEN_LABELS = {"prepare": b"GET READY", "hold": b"HOLD", "rest": b"REST"}
FINISHED_LABEL = b"Workout complete"
TITLE = re.compile(rb"\x1b\]2;([^\x07]*)\x07")  # a terminal-title escape (termdown's)
CLOCK_LINE = re.compile(rb"^\d+:\d\d ")


def write_timing_routine(folder: Path, seconds: int) -> Path:
    """A routine of whole-second steps lasting ``seconds`` (a multiple of 5).

    prepare 2 s, then holds of 3 s with rests of 2 s between them: every step
    boundary changes the phase label on screen, and pips fall every second.
    """
    holds = max(seconds // STEP_SECONDS, 1)
    lines = [f'name = "Bench {seconds} s"', "", "[timing]", "prepare = 2", "rest = 2",
             "countdown = 3", ""]
    for number in range(1, holds + 1):
        lines += ["[[exercise]]", f'name = "Plank {number}"', "hold = 3", ""]
    path = folder / f"bench-{seconds}s.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_steps_routine(folder: Path, steps: int) -> Path:
    """A valid routine of at least ``steps`` plan steps (one exercise of short paced reps).

    Each set is 1,000 reps on each side: 2,002 steps with its switch and set rest.
    """
    sets = max(1, math.ceil(steps / 2002))
    text = "\n".join([f'name = "Bench {steps} steps"', "", "[timing]", "prepare = 2",
                      "switch = 1", "set_rest = 1", "tempo = 0.5", "", "[[exercise]]",
                      'name = "Quick reps"', "reps = 1000", f"sets = {sets}",
                      'sides = "each"', ""])
    path = folder / f"bench-{steps}-steps.toml"
    path.write_text(text, encoding="utf-8")
    return path


@dataclass(frozen=True)
class Schedule:
    """The instants (seconds after the engine's start) of what a routine will do."""

    lines: list[tuple[float, str]]
    """Every line the plain runner prints with a clock, in order."""
    screens: list[tuple[float, bytes]]
    """Every step start (and the finish) with the text that shows it on screen."""
    cues: list[float]
    """Every instant a sound may be due: step starts, pips, halfway, finish."""
    sounds: int
    """How many of those instants sound a cue (the player plays one per batch of events)."""


def schedule_of(routine_file: Path) -> Schedule:
    loaded = load_routine(routine_file)
    assert loaded.routine is not None, loaded.problems
    plan = build_plan(loaded.routine)
    engine = Engine(plan)
    batches = [engine.start(0.0)]
    while not engine.finished:
        due = engine.next_due()
        assert due is not None, "a timing routine has no self-paced steps"
        batches.append(engine.advance(due))
    events = [event for batch in batches for event in batch]
    sounds = sum(1 for batch in batches if pick_cue(batch, plan) is not None)
    lines, screens, cues = [], [], []
    for event in events:
        text = event_line(event, plan)
        if text is not None:
            lines.append((event.at, text))
        if isinstance(event, StepStarted):
            screens.append((event.at, SCREEN_LABELS[event.step.kind]))
        elif isinstance(event, Finished):
            screens.append((event.at, FINISHED_LABEL))
        if isinstance(event, (StepStarted, Countdown, Halfway, Finished)):
            cues.append(event.at)
    return Schedule(lines, screens, sorted(set(cues)), sounds)


# -- reading what arrived ------------------------------------------------------

Chunks = Sequence[tuple[float, bytes]]


class _Stamps:
    """Arrival instants of the bytes of the joined output, looked up by position."""

    def __init__(self, chunks: Chunks) -> None:
        self.ends = list(itertools.accumulate(len(data) for _, data in chunks))
        self.stamps = [stamp for stamp, _ in chunks]

    def at(self, position: int) -> float:
        return self.stamps[bisect.bisect_right(self.ends, position)]


def arrived_lines(chunks: Chunks) -> list[tuple[float, bytes]]:
    """Each complete line with the instant its newline arrived."""
    lines, pending = [], b""
    for stamp, data in chunks:
        pending += data
        *complete, pending = pending.split(b"\n")
        lines += [(stamp, line.rstrip(b"\r")) for line in complete]
    return lines


def texts_seen(chunks: Chunks, texts: Sequence[bytes], *,
               on_screen: bool = False) -> list[float]:
    """When each text (in order, each after the previous) had fully arrived.

    ``on_screen``: only on the screen, not in a terminal title. hiptimer's title
    says the phase too (``0:03 HOLD · Plank 1``) and is written a few
    milliseconds before the frame that shows it.
    """
    joined, stamps = b"".join(data for _, data in chunks), _Stamps(chunks)
    if on_screen:
        joined = TITLE.sub(lambda title: b"\0" * len(title.group()), joined)
    seen, position = [], 0
    for text in texts:
        found = joined.find(text, position)
        if found < 0:
            break
        position = found + len(text)
        seen.append(stamps.at(position - 1))
    return seen


def titles(chunks: Chunks) -> list[tuple[float, bytes]]:
    """Each terminal title set, with the instant it had fully arrived."""
    joined, stamps = b"".join(data for _, data in chunks), _Stamps(chunks)
    return [(stamps.at(match.end() - 1), match.group(1))
            for match in TITLE.finditer(joined)]


# -- figures -------------------------------------------------------------------

@dataclass(frozen=True)
class Lateness:
    """Milliseconds after the scheduled instant, over every observed instant."""

    p50: float
    p99: float
    max: float
    drift: float
    """The last instant's error minus the first's."""
    count: int
    min: float

    @classmethod
    def of(cls, observed: Sequence[float], scheduled: Sequence[float]) -> Lateness | None:
        errors = [(seen - due) * 1000 for seen, due in zip(observed, scheduled)]
        if len(errors) < 2:
            return None
        return cls(percentile(errors, 50), percentile(errors, 99), max(errors),
                   errors[-1] - errors[0], len(errors), min(errors))


def percentile(values: Sequence[float], percent: float) -> float:
    """Nearest-rank percentile: a value that was actually observed."""
    ordered = sorted(values)
    rank = max(math.ceil(percent / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def plain_lateness(chunks: Chunks, origin: float, schedule: Schedule) -> Lateness | None:
    """Every clocked line of ``--plain`` after the start, against the engine's schedule."""
    arrivals = [stamp for stamp, line in arrived_lines(chunks) if CLOCK_LINE.match(line)]
    pairs = [(seen, origin + at) for seen, (at, _) in zip(arrivals, schedule.lines) if at > 0]
    return Lateness.of([seen for seen, _ in pairs], [due for _, due in pairs])


def screen_lateness(chunks: Chunks, origin: float, schedule: Schedule) -> Lateness | None:
    """Each step's phase label (and the summary) reaching the terminal, against its start.

    The first screen is left out: it is start-up, not a boundary.
    """
    seen = texts_seen(chunks, [label for _, label in schedule.screens], on_screen=True)
    return Lateness.of(seen[1:], [origin + at for at, _ in schedule.screens[1:len(seen)]])


def tick_lateness(arrivals: Sequence[float]) -> Lateness | None:
    """A once-a-second redraw, against the whole-second grid that fits it best.

    A reference does not say when it meant to draw, so its grid is anchored on
    the earliest arrival (in grid terms): every lateness is then >= 0, a lower
    bound of the truth; the drift (last minus first) does not depend on it.
    """
    if not arrivals:
        return None
    anchor = min(stamp - second for second, stamp in enumerate(arrivals))
    return Lateness.of(arrivals, [anchor + second for second in range(len(arrivals))])


def termdown_ticks(chunks: Chunks) -> list[float]:
    # The first title is the start-up draw, off termdown's own second grid; the last is "".
    return [stamp for stamp, text in titles(chunks)[1:] if text]


def naive_ticks(chunks: Chunks) -> list[float]:
    return [stamp for stamp, line in arrived_lines(chunks) if line.startswith(b"tick ")]


def sound_onsets(bursts: Sequence[float], gap: float = 0.15) -> list[float]:
    """The first arrival of each separate playback in the sound sink."""
    onsets: list[float] = []
    last = -math.inf
    for stamp in bursts:
        if stamp - last > gap:
            onsets.append(stamp)
        last = stamp
    return onsets


def cue_lateness(onsets: Sequence[float], origin: float, schedule: Schedule) -> Lateness | None:
    """Each sound's onset against the latest cue instant before it (50 ms early allowed)."""
    observed, scheduled = [], []
    for onset in onsets:
        due = [origin + at for at in schedule.cues if origin + at <= onset + 0.05]
        if due:
            observed.append(onset)
            scheduled.append(due[-1])
    return Lateness.of(observed, scheduled)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
