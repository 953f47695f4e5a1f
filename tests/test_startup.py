"""Start-up does only what the first frame needs (hiptimer.startup): the rule, checked on the
real command, and the parts that wait for that frame losing nothing meanwhile."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import threading
import time
from pathlib import Path

from test_tui_e2e import QUICK_SIDES, Terminal

from hiptimer.core.events import StepStarted
from hiptimer.core.plan import Plan, build_plan
from hiptimer.desktop.worker import Worker
from hiptimer.history.summary import load_sessions
from hiptimer.history.writer import HistoryWriter
from hiptimer.library import load_routine
from hiptimer.sound import SIMPLEAUDIO_LEAD
from hiptimer.sound.deferred import DeferredPlayer
from hiptimer.sound.player import SilentPlayer

# Records the modules loaded when the shell says its first frame is out, then runs the command.
AT_FIRST_FRAME = """
import json, sys
import hiptimer.startup as startup
shown = startup.FirstFrame.shown
def recorded(self):
    if not self._shown.is_set():
        with open(sys.argv[1], "w") as out:
            json.dump(sorted(sys.modules), out)
    shown(self)
startup.FirstFrame.shown = recorded
from hiptimer.cli import main
sys.exit(main(sys.argv[2:]))
"""

NOT_BEFORE_THE_FIRST_FRAME = {
    "sqlite3": "the history file is opened by the writer's thread, after it",
    "hiptimer.history.store": "the same",
    "hiptimer.history.resume": "only `run --resume` needs it",
    "hiptimer.history.report": "the history screen's and command's",
    "wakepy": "the screen is kept awake by the desktop's thread, after it",
    "jeepney": "the same, and music making way",
    "simpleaudio": "the player is built after it: the first cue is a second away",
    "hiptimer.sound.player": "the same",
    "tomli_w": "the editor's",
    "tree_sitter": "the editor's",
    "hiptimer.tui.editor_screen": "opened from the library only",
    "hiptimer.tui.library_screen": "the same",
    "hiptimer.tui.history_screen": "the same",
    "hiptimer.tui.summary_screen": "shown at the workout's end",
    "pyfiglet": "the big glyphs are read from their table (scripts/make_glyph_table.py)",
}


def loaded_at_first_frame(tmp_path: Path, *args: str) -> set[str]:
    """The modules loaded when `hiptimer ARGS` in a real terminal (tmux) drew its first frame."""
    record = tmp_path / "modules.json"
    command = " ".join(shlex.quote(part) for part in
                       [sys.executable, "-c", AT_FIRST_FRAME, str(record), *args])
    env = {**os.environ, "HIPTIMER_HOME": str(tmp_path / "home"), "TERM": "xterm-256color"}
    terminal = Terminal(command + "; sleep 30", env)
    try:
        deadline = time.monotonic() + 15
        while not record.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.2)  # written whole
        return set(json.loads(record.read_text()))
    finally:
        terminal.kill()


def quick_plan() -> Plan:
    routine = load_routine(QUICK_SIDES).routine
    assert routine is not None
    return build_plan(routine)


def offenders(modules: set[str], rules: dict[str, str]) -> dict[str, str]:
    return {name: why for name, why in rules.items()
            if any(loaded == name or loaded.startswith(name + ".") for loaded in modules)}


def test_a_workouts_first_frame_loads_only_what_it_shows(tmp_path: Path) -> None:
    modules = loaded_at_first_frame(tmp_path, "--mute", "run", str(QUICK_SIDES))
    assert "hiptimer.tui.workout_screen" in modules  # recorded at the workout's frame
    assert offenders(modules, NOT_BEFORE_THE_FIRST_FRAME) == {}


def test_the_plain_runner_starts_without_a_terminal_library_or_the_desktop(
        tmp_path: Path) -> None:
    record = tmp_path / "modules.json"
    process = subprocess.Popen(
        [sys.executable, "-c", AT_FIRST_FRAME, str(record), "--mute", "run", str(QUICK_SIDES),
         "--plain"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "HIPTIMER_HOME": str(tmp_path / "home")})
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(2)]  # its title, then 0:00 ...
    finally:
        process.kill()  # the workout under way is what was asked of it, not its 6 s of steps
        _, err = process.communicate(timeout=30)
    assert lines[1].startswith("0:00 "), (lines, err)
    rules = {**{name: why for name, why in NOT_BEFORE_THE_FIRST_FRAME.items()
                if not name.startswith(("sqlite3", "hiptimer.history.store", "simpleaudio",
                                        "hiptimer.sound"))},
             "textual": "the TUI's", "rich": "the TUI's"}
    assert offenders(set(json.loads(record.read_text())), rules) == {}


def test_what_a_workout_sends_before_the_history_is_open_is_saved(tmp_path: Path) -> None:
    plan = quick_plan()
    first_frame, notices = threading.Event(), []
    writer = HistoryWriter.opening(tmp_path / "history.sqlite3", after=first_frame.wait,
                                   notify=notices.append)
    writer.begin(plan, str(QUICK_SIDES))  # the workout starts before its first frame
    assert not (tmp_path / "history.sqlite3").exists()  # nothing opened yet
    first_frame.set()
    writer.close()
    sessions = load_sessions(tmp_path / "history.sqlite3")
    assert [session.source for session in sessions] == [str(QUICK_SIDES)]
    assert notices == []


def test_a_history_that_cannot_be_opened_says_so_once_it_is_tried(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    notices: list[str] = []
    writer = HistoryWriter.opening(blocked / "history.sqlite3", after=lambda: None,
                                   notify=notices.append)
    assert writer.saving is False
    writer.close()
    assert len(notices) == 1 and notices[0].startswith("history is not being saved: ")


def test_a_desktop_worker_runs_nothing_before_the_first_frame(tmp_path: Path) -> None:
    first_frame, ran = threading.Event(), []
    worker = Worker("test", after=first_frame.wait)
    worker.submit(lambda: ran.append("hold"))
    assert not worker.flush(0.2) and ran == []
    first_frame.set()
    assert worker.flush(2.0) and ran == ["hold"]
    worker.stop(1.0)


def deferred(built: list[SilentPlayer], first_frame: threading.Event,
             mute: bool = False) -> DeferredPlayer:
    def build() -> SilentPlayer:
        built.append(SilentPlayer())
        return built[-1]

    return DeferredPlayer(build, mute=mute, after=first_frame.wait)


def test_the_tuis_player_is_built_after_the_first_frame_as_it_was_asked() -> None:
    plan = quick_plan()
    built: list[SilentPlayer] = []
    first_frame = threading.Event()
    player = deferred(built, first_frame, mute=True)
    observed: list[float] = []
    player.cue_observers.append(observed.append)  # the desktop's music, before the build
    player.begin(plan)
    player.handle([StepStarted(0.0, 0, plan.steps[0])])  # get ready: no cue, nothing built
    assert built == [] and player.muted
    assert player.lead == SIMPLEAUDIO_LEAD  # the first cue's head start is scheduled at once
    preparing = threading.Thread(target=player.prepare, args=(plan,))
    preparing.start()
    time.sleep(0.05)
    assert built == []  # waits for the frame
    first_frame.set()
    preparing.join(2.0)
    assert len(built) == 1 and built[0].muted and player.lead == built[0].lead == 0.0
    assert built[0].cue_observers is player.cue_observers
    player.muted = False
    player.handle([StepStarted(2.0, 1, plan.steps[1])])
    assert built[0].played == ["go"]


def test_a_cue_before_the_first_frame_builds_the_player_and_sounds() -> None:
    plan = quick_plan()
    built: list[SilentPlayer] = []
    player = deferred(built, threading.Event())
    player.begin(plan)
    player.handle([StepStarted(0.0, 1, plan.steps[1])])  # no get-ready step: go at once
    assert len(built) == 1 and built[0].played == ["go"]


def test_without_a_session_bus_no_desktop_library_loads() -> None:
    code = ("import sys; from hiptimer.desktop.inhibit import WakepyInhibitor;"
            "from hiptimer.desktop.music import MusicMakesWay;"
            "music = MusicMakesWay('duck'); music.begin(None); music.cue_started(0.01);"
            "music.shutdown();"
            "print(WakepyInhibitor().hold(), 'wakepy' in sys.modules, 'jeepney' in sys.modules)")
    env = {name: value for name, value in os.environ.items()
           if name != "DBUS_SESSION_BUS_ADDRESS"}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, timeout=30, check=True)
    assert result.stdout.split() == ["None", "False", "False"]


# Ends a workout at once and quits from its summary (the summary's q, as the bench does),
# then says whether the editor's module was loaded on the way out.
QUIT_FROM_SUMMARY = """
import asyncio, sys
sys.path.insert(0, sys.argv[1])
from test_tui_support import build, short_routine
from hiptimer.paths import user_paths

async def main():
    app = build(user_paths({"HIPTIMER_HOME": sys.argv[2]}), lambda: 0.0, routine=short_routine())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q", "y")  # stop the workout: its summary shows
        shown = type(app.screen).__name__
        await pilot.press("q")
    print(shown, "hiptimer.tui.editor_screen" in sys.modules)
asyncio.run(main())
"""


def test_quitting_a_workouts_summary_loads_nothing_of_the_editor(tmp_path: Path) -> None:
    """The editor's module (tree-sitter, documents: 1.3 MiB) once made quitting the TUI's
    peak of memory."""
    done = subprocess.run([sys.executable, "-c", QUIT_FROM_SUMMARY, str(Path(__file__).parent),
                           str(tmp_path / "home")], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["SummaryScreen", "False"]
