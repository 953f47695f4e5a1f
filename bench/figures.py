"""The measurements: each function runs real processes and returns plain numbers."""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from checks import (Failed, Figure, exit_problem, failed, judged, judged_ticks,
                    rounds_problem, sampled_problem)
from procwatch import Watched, cpu_per_minute, cpu_window, end_now, finish, spawn, watch
from workloads import (CLOCK_LINE, Lateness, Schedule, arrived_lines, cue_lateness, median, naive_ticks,
                       plain_lateness, schedule_of, screen_lateness, sound_onsets,
                       termdown_ticks, texts_seen, write_timing_routine)

BENCH = Path(__file__).resolve().parent
PYTHON = sys.executable
FIRST_SCREEN = {  # texts that, once all arrived in order, make a complete first screen
    "tui": [b"GET READY", b"Quit"],
    "textual": [b"GET READY", b"Quit"],
    "termdown": [b"\x1b]2;", b"\x1b[24d"],  # its title, then curses parking the cursor
}
ALSA_TO_FIFO = ('pcm.!default {{ type file; slave.pcm {{ type null }}; file "{fifo}"; '
                'format "raw"; truncate true }}\n')


def compile_hiptimer(work: Path) -> None:
    """Write the bytecode of the hiptimer the children import, as ``pip install`` does.

    Under PYTHONDONTWRITEBYTECODE (or after an edit, with the cache left stale) each
    child would compile every module it imports: some 30 ms more to its first frame,
    measured, which no installed hiptimer pays. The references' libraries were
    compiled when they were installed.
    """
    import subprocess

    code = ("import compileall, os, hiptimer;"
            "compileall.compile_dir(os.path.dirname(hiptimer.__file__), quiet=2)")
    subprocess.run([PYTHON, "-c", code], env=child_env(work / "home-compile"), check=False,
                   timeout=120)


def tool(name: str) -> str | None:
    """A console script of this virtualenv (or on PATH)."""
    beside = Path(PYTHON).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


def child_env(home: Path, **extra: str) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    # The caller's PYTHONPATH is kept (after bench/): it can point the children
    # at another checkout, to compare two versions on one install.
    path = os.pathsep.join(filter(None, [str(BENCH), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ, TERM="xterm-256color", HIPTIMER_HOME=str(home), LINES="24",
               COLUMNS="80", PYTHONPATH=path)
    env.update(extra)
    return env


# -- timing, CPU and memory: one concurrent real-time run -----------------------

@dataclass
class TimingResult:
    seconds: int
    lateness: dict[str, Lateness | Failed | None] = field(default_factory=dict)
    """plain, tui (screen), sound (tui cues), termdown, naive."""
    cpu_per_min: dict[str, Figure] = field(default_factory=dict)
    peak_rss_mib: dict[str, Figure] = field(default_factory=dict)
    sounds_heard: int = 0


def timing_run(seconds: int, work: Path) -> TimingResult:
    """Run the plain runner, the TUI, termdown, a naive loop and minimal Textual side by side."""
    routine = write_timing_routine(work, seconds)
    schedule = schedule_of(routine)
    total = schedule.screens[-1][0]
    sink = work / "alsa"
    sink.mkdir(exist_ok=True)
    fifo = sink / "cue.fifo"
    if not fifo.exists():
        os.mkfifo(fifo)
    (sink / ".asoundrc").write_text(ALSA_TO_FIFO.format(fifo=fifo), encoding="utf-8")
    sink_fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)  # read-write: never sees end of file
    bursts: list[float] = []
    origins = {name: work / f"{name}.origin" for name in ("plain", "tui")}
    hooked = [PYTHON, str(BENCH / "hooked.py")]
    children = [
        spawn("plain", hooked + ["--mute", "run", str(routine), "--plain"],
              child_env(work / "home-plain", HIPTIMER_BENCH_ORIGIN=str(origins["plain"])),
              tty=False),
        spawn("tui", hooked + ["run", str(routine)],
              child_env(work / "home-tui", HIPTIMER_BENCH_ORIGIN=str(origins["tui"]),
                        HOME=str(sink)), tty=True),
        spawn("naive", [PYTHON, str(BENCH / "naive_loop.py"), str(seconds)],
              child_env(work / "home-naive"), tty=False),
        spawn("textual", [PYTHON, str(BENCH / "minimal_textual.py"), str(seconds)],
              child_env(work / "home-textual"), tty=True),
        spawn("textual-big", [PYTHON, str(BENCH / "minimal_textual.py"), str(seconds), "--big"],
              child_env(work / "home-textual-big"), tty=True),
    ]
    termdown = tool("termdown")
    if termdown:
        children.append(spawn("termdown", [termdown, str(seconds)],
                              child_env(work / "home-termdown"), tty=True))
    tui = children[1]
    tui_ends = tui.spawned_at + 10.0 + total  # refined once its engine has started
    tui_started = False

    def tui_done(child: Watched) -> bool:
        nonlocal tui_ends, tui_started
        if child is not tui:
            return False
        if not tui_started and origins["tui"].exists() and origins["tui"].stat().st_size:
            tui_started, tui_ends = True, float(origins["tui"].read_text()) + total + 1.5
        return time.monotonic() > tui_ends

    try:
        watch(children, tui_done, timeout=total + 30.0,
              extra={sink_fd: lambda stamp, data: bursts.append(stamp)})
        tui.send(b"q")  # the summary screen's quit key
        for child in children:
            finish(child)
    finally:
        os.close(sink_fd)
    return _timing_result(seconds, schedule, children, origins, bursts)


def _timing_result(seconds: int, schedule: Schedule, children: list[Watched],
                   origins: dict[str, Path], bursts: list[float]) -> TimingResult:
    """Every figure of the run, each one judged: an impossible one is `Failed`."""
    result = TimingResult(seconds)
    total = schedule.screens[-1][0]
    by_name = {child.name: child for child in children}
    origin = {name: float(path.read_text()) if path.exists() and path.stat().st_size else None
              for name, path in origins.items()}
    began: dict[str, float] = {}  # when each program's own count began
    for name, child in by_name.items():
        first_output = child.chunks[0][0] if child.chunks else None
        began_at = origin.get(name) or first_output
        if began_at is None:
            gone = failed(name, "no engine start noted" if name in origin else "no output")
            result.cpu_per_min[name] = result.peak_rss_mib[name] = gone
            result.lateness[name] = gone
            continue
        lasts = total if name in origin else seconds
        problem = exit_problem(child.closed_at, began_at, lasts)
        if problem is not None:
            result.cpu_per_min[name] = result.peak_rss_mib[name] = failed(name, problem)
            result.lateness[name] = failed(name, problem)
            continue
        began[name] = began_at
        # From 1.5 s in (start-up left out), sampled once a second to the end.
        result.cpu_per_min[name] = _cpu_figure(name, child, began_at + 1.5, int(lasts - 1.5))
        result.peak_rss_mib[name] = (child.max_rss_kib / 1024 if child.max_rss_kib
                                     else failed(name, "no peak RSS: not reaped"))
    if "tui" not in began:  # its sound cannot have been measured either
        result.lateness["sound"] = result.lateness.get("tui")
    clocked = sum(1 for at, _ in schedule.lines if at > 0)
    if "plain" in began:
        result.lateness["plain"] = judged("plain", plain_lateness(
            by_name["plain"].chunks, began["plain"], schedule), clocked, "clocked lines")
    if "tui" in began:
        result.lateness["tui"] = judged("tui", screen_lateness(
            by_name["tui"].chunks, began["tui"], schedule), len(schedule.screens) - 1,
            "boundaries")
        onsets = sound_onsets(bursts)
        result.sounds_heard = len(onsets)
        result.lateness["sound"] = judged("sound", cue_lateness(onsets, began["tui"], schedule),
                                          schedule.sounds, "cues")
    if "naive" in began:
        result.lateness["naive"] = judged_ticks("naive", naive_ticks(by_name["naive"].chunks),
                                                seconds + 1, "ticks")
    if "termdown" in began:
        # Its first title is its start-up draw and its last is "": one a second between.
        result.lateness["termdown"] = judged_ticks(
            "termdown", termdown_ticks(by_name["termdown"].chunks), seconds - 1, "titles")
    return result


def _cpu_figure(name: str, child: Watched, since: float, expected: int) -> Figure:
    window = cpu_window(child, since)
    problem = sampled_problem(len(window), expected)
    if problem is not None:
        return failed(name, problem)
    return cpu_per_minute(window)


# -- start-up -------------------------------------------------------------------

def first_screen(child: Watched, markers: list[bytes]) -> float | None:
    seen = texts_seen(child.chunks, markers)
    return seen[-1] - child.spawned_at if len(seen) == len(markers) else None


def first_line(child: Watched) -> float | None:
    lines = [stamp for stamp, line in arrived_lines(child.chunks) if CLOCK_LINE.match(line)]
    return lines[0] - child.spawned_at if lines else None


def startup_once(name: str, argv: list[str], env: dict[str, str]) -> float | None:
    """Seconds from spawning to the first complete screen (or first clocked line)."""
    markers = FIRST_SCREEN.get(name)
    child = spawn(name, argv, env, tty=markers is not None)

    def measured(child: Watched) -> float | None:
        return first_screen(child, markers) if markers else first_line(child)

    watch([child], lambda child: measured(child) is not None, timeout=15.0)
    value = measured(child)
    end_now(child)
    return value


def startup(runs: int, work: Path) -> dict[str, Figure]:
    """Median seconds to the first screen (or line), over paired rounds.

    Each round starts every program once, in turn.
    """
    routine = write_timing_routine(work, 30)
    hiptimer = tool("hiptimer") or "hiptimer"
    commands = {
        "tui": [hiptimer, "--mute", "run", str(routine)],
        "textual": [PYTHON, str(BENCH / "minimal_textual.py"), "30"],
        "plain": [hiptimer, "--mute", "run", str(routine), "--plain"],
    }
    termdown = tool("termdown")
    if termdown:
        commands["termdown"] = [termdown, "30"]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            value = startup_once(name, argv, child_env(work / f"home-start-{name}"))
            if value is not None:
                times[name].append(value)
    return {name: median_of_rounds(name, values, runs, "first screen")
            for name, values in times.items()}


def median_of_rounds(name: str, values: list[float], rounds: int, what: str) -> Figure:
    """The median of every round's value; a round that saw nothing fails the figure."""
    problem = rounds_problem(len(values), rounds, what)
    return failed(name, problem) if problem is not None else median(values)
