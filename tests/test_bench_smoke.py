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


def test_a_phase_named_in_the_window_title_is_seen_when_its_frame_arrives() -> None:
    # The title (written first) says HOLD too; the screen shows it 6 ms later.
    chunks = [(10.000, b"\x1b]2;0:03 HOLD \xc2\xb7 Plank 1\x07"), (10.006, b"\x1b[3;1HHOLD  ")]
    assert workloads.texts_seen(chunks, [b"HOLD"], on_screen=True) == [10.006]
    assert workloads.texts_seen(chunks, [b"\x1b]2;"]) == [10.000]  # termdown's first screen


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


# -- impossible figures are reported as failed, never as figures ------------------

import checks  # noqa: E402
import run  # noqa: E402
from procwatch import Watched  # noqa: E402

SECONDS = 30
ORIGIN = 1000.0  # the TUI's and the plain runner's engine start (monotonic seconds)


def _child(name: str, chunks: list[tuple[float, bytes]], began: float, lasts: float) -> Watched:
    child = Watched(name, None, -1, began - 0.3)  # type: ignore[arg-type]  # never spawned
    child.chunks = chunks
    child.cpu_samples = [(began + second, second * 0.005) for second in range(int(lasts) + 1)]
    child.max_rss_kib = 30 * 1024
    return child


def _healthy_run(tmp_path: Path) -> tuple[workloads.Schedule, dict[str, Watched], list[float]]:
    """What a run where every program behaves would record: each on time, to its end."""
    schedule = workloads.schedule_of(workloads.write_timing_routine(tmp_path, SECONDS))
    late = 0.004
    plain = [(ORIGIN + at + late, f"0:{at:02.0f} {text}\n".encode()) for at, text in schedule.lines]
    tui = [(ORIGIN + at + late, b"\x1b[2;3H" + label) for at, label in schedule.screens]
    ticks = [(ORIGIN + second + late, f"tick {second}\n".encode()) for second in range(SECONDS + 1)]
    titles = [(ORIGIN + second + late, f"\x1b]2;{SECONDS - second}\x07".encode())
              for second in range(SECONDS)] + [(ORIGIN + SECONDS + late, b"\x1b]2;\x07")]
    children = {
        "plain": _child("plain", plain, ORIGIN, SECONDS),
        "tui": _child("tui", tui, ORIGIN, SECONDS + 1.5),
        "naive": _child("naive", ticks, ORIGIN, SECONDS),
        "textual": _child("textual", [(ORIGIN, b"\x1b[?1049h")] + ticks[1:], ORIGIN, SECONDS),
        "textual-big": _child("textual-big", [(ORIGIN, b"\x1b[?1049h")] + ticks[1:], ORIGIN,
                              SECONDS),
        "termdown": _child("termdown", titles, ORIGIN, SECONDS),
    }
    for name in ("plain", "naive", "textual", "textual-big", "termdown"):
        children[name].closed_at = ORIGIN + SECONDS + 0.1
    (tmp_path / "plain.origin").write_text(repr(ORIGIN))
    (tmp_path / "tui.origin").write_text(repr(ORIGIN))
    bursts = [ORIGIN + at + 0.001 for at in schedule.cues]
    return schedule, children, bursts


def _rows(tmp_path: Path, schedule: workloads.Schedule, children: dict[str, Watched],
          bursts: list[float]) -> list[run.Row]:
    origins = {name: tmp_path / f"{name}.origin" for name in ("plain", "tui")}
    result = figures._timing_result(SECONDS, schedule, list(children.values()), origins, bursts)
    return run.timing_rows(result)


def _row(rows: list[run.Row], figure: str, reference: str) -> run.Row:
    return next(row for row in rows if row.figure == figure and row.reference == reference)


def test_a_run_where_every_program_behaves_fails_nothing(tmp_path: Path) -> None:
    rows = _rows(tmp_path, *_healthy_run(tmp_path))
    assert "failed" not in run.table(rows)
    assert "failed" not in run.summary(rows, "quick", SECONDS, 31.0)
    assert _row(rows, "TUI CPU (s per min)", "termdown").ratio == pytest.approx(1.0)
    assert _row(rows, "TUI CPU (s per min)", "big number").ratio == pytest.approx(1.0)


def test_a_reference_that_exited_early_is_failed_with_its_ratios(tmp_path: Path) -> None:
    schedule, children, bursts = _healthy_run(tmp_path)
    termdown = children["termdown"]
    termdown.chunks, termdown.closed_at = termdown.chunks[:4], ORIGIN + 3.2
    rows = _rows(tmp_path, schedule, children, bursts)
    for figure in ("TUI screen lateness p99 (ms)", "TUI drift at end (ms)", "TUI CPU (s per min)"):
        row = _row(rows, figure, "termdown")
        assert isinstance(row.reference_value, checks.Failed)
        assert row.ratio is None
    assert _row(rows, "TUI CPU (s per min)", "termdown").status == "n/a"
    table = run.table(rows)
    line = next(line for line in table.splitlines() if line.startswith("TUI screen lateness p99"))
    assert "failed" in line and "n/a" in line
    assert "termdown (exited after 3.2 s of 30)" in run.summary(rows, "quick", SECONDS, 31.0)


def test_a_redraw_seconds_late_is_no_lateness_figure(tmp_path: Path) -> None:
    """The quick run that printed termdown's lateness as 6,000 ms and its ratios as 0.00x."""
    schedule, children, bursts = _healthy_run(tmp_path)
    titles = children["termdown"].chunks
    children["termdown"].chunks = titles[:15] + [(stamp + 6.0, data) for stamp, data in titles[15:]]
    rows = _rows(tmp_path, schedule, children, bursts)
    row = _row(rows, "TUI screen lateness max (ms)", "termdown")
    assert row.reference_value == checks.Failed("termdown", "titles 7.0 s apart")
    assert "6000" not in run.table(rows) and "0.00x" not in run.table(rows)
    assert "failed: termdown (titles 7.0 s apart)" in run.summary(rows, "quick", SECONDS, 31.0)


def test_a_naive_loop_seconds_behind_by_its_end_is_a_figure(tmp_path: Path) -> None:
    """The reference that drifts by design: 70 ms a tick adds up to 2 s, and is shown."""
    schedule, children, bursts = _healthy_run(tmp_path)
    children["naive"].chunks = [(ORIGIN + second * 1.07, f"tick {second}\n".encode())
                                for second in range(SECONDS + 1)]
    children["naive"].closed_at = ORIGIN + SECONDS * 1.07 + 0.1
    rows = _rows(tmp_path, schedule, children, bursts)
    assert _row(rows, "plain drift at end (ms)", "naive loop").reference_value == \
        pytest.approx(2100.0)


def test_a_plain_line_over_a_second_late_is_no_figure(tmp_path: Path) -> None:
    schedule, children, bursts = _healthy_run(tmp_path)
    plain = children["plain"]
    plain.chunks = plain.chunks[:5] + [(stamp + 1.5, data) for stamp, data in plain.chunks[5:]]
    rows = _rows(tmp_path, schedule, children, bursts)
    value = _row(rows, "plain line lateness p99 (ms)", "naive loop").value
    assert value == checks.Failed("plain runner", "lateness 1,504 ms, over a second")


def test_a_series_with_too_few_instants_or_none_is_failed(tmp_path: Path) -> None:
    schedule, children, bursts = _healthy_run(tmp_path)
    children["naive"].chunks = children["naive"].chunks[:1] + [(ORIGIN + 40.0, b"other\n")]
    children["tui"].chunks = children["tui"].chunks[:1]  # only the first screen arrived
    rows = _rows(tmp_path, schedule, children, bursts[:5])
    naive = _row(rows, "plain drift at end (ms)", "naive loop").reference_value
    assert isinstance(naive, checks.Failed) and naive.reason.endswith("ticks seen")
    tui = _row(rows, "TUI screen lateness p99 (ms)", "termdown")
    assert tui.value == checks.Failed("TUI", "no boundaries seen") and tui.status == "n/a"
    sound = _row(rows, "sound cue onset p50 (ms)", "-").value
    assert isinstance(sound, checks.Failed) and "cues seen" in sound.reason
    assert "TUI (no boundaries seen)" in run.summary(rows, "quick", SECONDS, 31.0)


def test_too_few_cpu_samples_make_no_cpu_figure(tmp_path: Path) -> None:
    schedule, children, bursts = _healthy_run(tmp_path)
    children["textual"].cpu_samples = children["textual"].cpu_samples[:5]
    rows = _rows(tmp_path, schedule, children, bursts)
    row = _row(rows, "TUI CPU (s per min)", "minimal Textual")
    assert isinstance(row.reference_value, checks.Failed) and row.status == "n/a"
    assert _row(rows, "TUI CPU (s per min)", "termdown").status in ("PASS", "MISS")


def test_a_big_number_reference_that_exited_early_fails_both_its_rows(tmp_path: Path) -> None:
    schedule, children, bursts = _healthy_run(tmp_path)
    big = children["textual-big"]
    big.chunks, big.closed_at = big.chunks[:2], ORIGIN + 1.2
    rows = _rows(tmp_path, schedule, children, bursts)
    share = _row(rows, "TUI CPU (s per min)", "big number")
    alone = _row(rows, "big number CPU (s per min)", "minimal Textual")
    assert isinstance(share.reference_value, checks.Failed) and share.ratio is None
    assert isinstance(alone.value, checks.Failed) and alone.ratio is None
    assert _row(rows, "TUI CPU (s per min)", "minimal Textual").ratio == pytest.approx(1.0)
    assert "minimal Textual, big number (exited after" in run.summary(rows, "quick", SECONDS, 31.0)


def test_a_start_up_round_that_saw_nothing_fails_the_figure() -> None:
    rows = run.startup_rows({"tui": 0.3, "textual": figures.median_of_rounds(
        "textual", [0.2, 0.21], 5, "first screen")})
    row = _row(rows, "TUI first screen (ms)", "minimal Textual")
    assert row.reference_value == checks.Failed("minimal Textual", "first screen seen in 2 of 5 rounds")
    assert row.status == "n/a" and row.ratio is None
