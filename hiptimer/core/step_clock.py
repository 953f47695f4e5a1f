"""The running time of one step: when it began, its pauses and extensions, its cues.

Standard library only. Owned by the engine, one per step it enters.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.core.events import Countdown, Event, Halfway
from hiptimer.core.plan import Step

HALFWAY_MIN_SECONDS = 20.0
"""Hold and work steps at least this long announce their halfway point."""


@dataclass
class StepClock:
    step: Step
    index: int
    start: float
    """The instant the step began (its scheduled instant, not a tick's)."""
    paused_at: float | None = None
    paused_for: float = 0.0
    """Seconds paused within this step, pauses still running excluded."""
    extended: float = 0.0
    reported: float = -1.0
    """Step-elapsed seconds up to which cues have been reported."""

    @property
    def length(self) -> float | None:
        """Planned seconds plus extensions; None for a self-paced rep."""
        return None if self.step.seconds is None else self.step.seconds + self.extended

    @property
    def origin(self) -> float:
        """Where the step's elapsed time counts from, pauses so far folded in."""
        return self.start + self.paused_for

    def elapsed(self, now: float) -> float:
        """Seconds the step has run at ``now``, pauses excluded."""
        until = now if self.paused_at is None else self.paused_at
        return max(until - self.origin, 0.0)

    def paused_total(self, now: float) -> float:
        """Seconds paused in this step up to ``now``, a running pause included."""
        running = 0.0 if self.paused_at is None else now - self.paused_at
        return self.paused_for + running

    def pause(self, at: float) -> None:
        self.paused_at = at

    def resume(self, at: float) -> None:
        if self.paused_at is not None:
            self.paused_for += at - self.paused_at
            self.paused_at = None

    def next_instant(self, countdown: float) -> float | None:
        """When the next cue or the deadline falls; None for a self-paced rep."""
        length = self.length
        if length is None:
            return None
        offsets = [length - remaining for remaining in range(self._pips(countdown), 0, -1)]
        if self._has_halfway():
            offsets.append((self.step.seconds or 0.0) / 2)
        pending = [offset for offset in offsets if self.reported < offset < length]
        return self.origin + min(pending, default=length)

    def in_final_seconds(self, countdown: float, now: float) -> bool:
        """True from the step's first countdown pip to its deadline: the final-seconds look.

        The one rule the screen and the sounds share: no pips (a paced rep, a
        countdown of 0, a step too short to pip after its start), no final look.
        """
        length = self.length
        if length is None or self.paused_at is not None:
            return False
        first_pip = next((length - remaining for remaining in range(self._pips(countdown), 0, -1)
                          if length - remaining > 0), None)
        return first_pip is not None and first_pip <= self.elapsed(now) < length

    def _pips(self, countdown: float) -> int:
        # Paced reps have a tick of their own each rep: pips would blur into it.
        return 0 if self.step.kind == "rep" else int(countdown)

    def _has_halfway(self) -> bool:
        return (self.step.kind in ("hold", "work")
                and (self.step.seconds or 0.0) >= HALFWAY_MIN_SECONDS)

    def due_cues(self, countdown: float, until: float) -> list[Event]:
        """Pips and halfway not yet reported whose instant is at or before ``until``.

        Pips fall on the last ``countdown`` whole seconds before the deadline
        (remaining 3, 2, 1), after the step's start and not in rep steps; after an extension
        they come again before the new deadline. Halfway is of the planned
        seconds, extensions aside.
        """
        length = self.length
        if length is None:
            return []
        origin = self.origin
        due: list[tuple[float, Event]] = []
        for remaining in range(self._pips(countdown), 0, -1):
            offset = length - remaining
            # A pip at the very start would clash with the step's own cue.
            if offset > 0 and offset > self.reported and origin + offset <= until:
                due.append((offset, Countdown(origin + offset, self.index, remaining)))
        if self._has_halfway():
            half = (self.step.seconds or 0.0) / 2
            if half > self.reported and origin + half <= until:
                due.append((half, Halfway(origin + half, self.index)))
        due.sort(key=lambda pair: pair[0])
        self.reported = max([self.reported, until - origin] + [offset for offset, _ in due])
        return [event for _, event in due]
