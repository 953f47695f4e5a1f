"""The benchmark still runs: its command line, its schedule and one cheap real measurement."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import figures  # noqa: E402
import workloads  # noqa: E402


def test_help_names_the_quick_mode() -> None:
    done = subprocess.run([sys.executable, str(BENCH / "run.py"), "--help"],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert "--quick" in done.stdout


def test_timing_routine_has_a_boundary_every_few_seconds(tmp_path: Path) -> None:
    schedule = workloads.schedule_of(workloads.write_timing_routine(tmp_path, 30))
    instants = [at for at, _ in schedule.screens]
    assert instants[0] == 0.0 and instants[-1] == 30.0
    assert all(later - earlier in (2.0, 3.0) for earlier, later in zip(instants, instants[1:]))
    assert [label for _, label in schedule.screens[:3]] == [b"GET READY", b"HOLD", b"REST"]


def test_a_naive_loop_shows_its_drift_and_a_steady_one_none() -> None:
    steady = workloads.tick_lateness([100.0 + second for second in range(10)])
    drifting = workloads.tick_lateness([100.0 + second * 1.002 for second in range(10)])
    assert steady is not None and drifting is not None
    assert steady.drift == pytest.approx(0.0, abs=1e-6)
    assert drifting.drift == pytest.approx(18.0, abs=0.01)  # 9 ticks, 2 ms late each


def test_plain_runner_start_up_is_measured(tmp_path: Path) -> None:
    routine = workloads.write_timing_routine(tmp_path, 5)
    hiptimer = figures.tool("hiptimer")
    assert hiptimer is not None
    seconds = figures.startup_once("plain", [hiptimer, "--mute", "run", str(routine), "--plain"],
                                   figures.child_env(tmp_path / "home"))
    assert seconds is not None and 0.0 < seconds < 5.0
