"""Engine events folded into exercise blocks: what the history keeps per exercise.

A block is one exercise's steps on one side in one set (for
``sides = "alternate"`` the left reps and the right reps of a set are two
blocks). A block has ended once the workout moves to a step after its last
one, or finishes; a block the workout never reached has no record.

Status: ``done`` when every step of the block was done, ``skipped`` when none
was, ``partial`` in between (a skipped rep, a set cut short by a stop). Pure:
no I/O, no clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from hiptimer.core.events import Event, Finished, Skipped, StepEnded, StepStarted
from hiptimer.core.model import Side
from hiptimer.core.plan import Plan
from hiptimer.core.summary import EXERCISE_KINDS, Status, status_of

BlockStatus = Status


@dataclass(frozen=True)
class BlockKey:
    exercise: int
    set: int
    side: Side | None


@dataclass(frozen=True)
class BlockRecord:
    key: BlockKey
    exercise_name: str
    position: int
    """Index of the block's first step: blocks sort in workout order."""
    planned_seconds: float
    actual_seconds: float
    reps_done: int | None
    reps_target: int | None
    status: BlockStatus
    part: int = 0
    """The part of a routine made of parts the block belongs to (``Step.part``)."""


@dataclass
class _Block:
    key: BlockKey
    name: str
    steps: list[int]
    planned_seconds: float
    reps_target: int | None
    part: int = 0


def block_keys(plan: Plan) -> dict[int, BlockKey]:
    """Step index -> its block, for the steps that are exercise work."""
    keys: dict[int, BlockKey] = {}
    for index, step in enumerate(plan.steps):
        if step.kind in EXERCISE_KINDS and step.exercise is not None:
            keys[index] = BlockKey(step.exercise, step.set or 1, step.side)
    return keys


def count_blocks(plan: Plan) -> int:
    return len(set(block_keys(plan).values()))


class BlockTracker:
    """Feed it engine events; it returns the blocks each event ended."""

    def __init__(self, plan: Plan) -> None:
        self._plan = plan
        self._key_of = block_keys(plan)
        self._blocks: dict[BlockKey, _Block] = {}
        for index, key in self._key_of.items():
            step = plan.steps[index]
            block = self._blocks.get(key)
            if block is None:
                block = self._blocks[key] = _Block(key, step.exercise_name or "", [], 0.0,
                                                   step.reps if step.kind == "rep" else None,
                                                   step.part)
            block.steps.append(index)
            block.planned_seconds += step.estimate
        self._done: dict[int, bool] = {}
        self._reps: dict[int, int] = {}
        self._actual: dict[BlockKey, float] = {}
        self._open: dict[BlockKey, None] = {}  # touched since last reported, in order
        self._position = -1  # the step running now

    def feed(self, events: Iterable[Event]) -> list[BlockRecord]:
        ended: list[BlockRecord] = []
        for event in events:
            ended += self._feed_one(event)
        return ended

    def unfinished(self) -> list[BlockRecord]:
        """Blocks touched but not yet ended (the workout stopped without ``Finished``)."""
        return self._report(list(self._open))

    def _feed_one(self, event: Event) -> list[BlockRecord]:
        if isinstance(event, StepEnded):
            key = self._key_of.get(event.index)
            if key is not None:
                self._done[event.index] = event.done
                if event.reps_counted is not None:
                    self._reps[event.index] = event.reps_counted
                self._actual[key] = self._actual.get(key, 0.0) + max(event.actual, 0.0)
                self._touch(key)
        elif isinstance(event, Skipped):
            for index in range(event.index + 1, event.to):  # passed over, never started
                key = self._key_of.get(index)
                if key is not None:
                    self._done[index] = False
                    self._touch(key)
        elif isinstance(event, StepStarted):
            self._position = event.index
        elif isinstance(event, Finished):
            return self._report(list(self._open))
        # Skipped comes after the StepStarted it leads to: check on both.
        return self._report([key for key in self._open
                             if self._blocks[key].steps[-1] < self._position])

    def _touch(self, key: BlockKey) -> None:
        self._open.pop(key, None)
        self._open[key] = None

    def _report(self, keys: list[BlockKey]) -> list[BlockRecord]:
        records = []
        for key in sorted(keys, key=lambda key: self._blocks[key].steps[0]):
            del self._open[key]
            records.append(self._record(self._blocks[key]))
        return records

    def _record(self, block: _Block) -> BlockRecord:
        status = status_of((self._done.get(index, False) for index in block.steps),
                           self._actual.get(block.key, 0.0))
        reps = None
        if block.reps_target is not None:
            reps = sum(self._reps.get(index, 1 if self._done.get(index) else 0)
                       for index in block.steps)
        return BlockRecord(block.key, block.name, block.steps[0], block.planned_seconds,
                           self._actual.get(block.key, 0.0), reps, block.reps_target, status,
                           block.part)
