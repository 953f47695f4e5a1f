"""Routine files are data, never code: no value in a routine runs a command, touches a file
outside hiptimer's folders, or reaches the terminal as control sequences or markup."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from hiptimer import cli
from hiptimer.core.loader import parse_routine
from hiptimer.core.model import Routine
from hiptimer.editing import new_routine
from hiptimer.paths import Paths

from test_reliability_support import fail_fast
from test_tui_support import FakeStore, build, text_of

SENTINEL_NAME = "pwned"
"""A relative path: a command run from any value would create it in the working folder."""

ESCAPE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""Control characters other than tab and newline: none may reach the terminal raw."""


def hostile_strings(sentinel: Path) -> list[str]:
    return [
        f"$(touch {sentinel}) $(touch {SENTINEL_NAME})",
        f"`touch {sentinel}`; touch {SENTINEL_NAME} | touch {SENTINEL_NAME} && touch {sentinel}",
        "../../../../../../etc/passwd",
        f"{{__import__('os').system('touch {sentinel}')}}",
        "{0.__class__.__init__.__globals__} %s %n %x {} {name!r}",
        "\x1b[31mred\x1b[0m \x1b[2J\x1b[H \x1b]0;title\x07 \x1b]8;;file:///etc/passwd\x1b\\link",
        "[/b] [link=file:///etc/passwd]x[/link] [bold] [/]",
        "x" * 4000,
    ]


def hostile_document(sentinel: Path) -> dict[str, Any]:
    """Every text field of a routine holding a hostile value; each exercise has one."""
    strings = hostile_strings(sentinel)
    short = [text for text in strings if len(text) < 1000]
    exercises = [{"name": text, "hold": 0.05, "how": [text, text], "tip": text,
                  "equipment": [text], "targets": [text]} for text in strings]
    return {"name": " ".join(short), "description": " ".join(short), "source": strings[0],
            "tags": short, "equipment": short,
            "timing": {"prepare": 0, "rest": 0, "switch": 0, "set_rest": 0, "countdown": 0},
            "exercise": exercises}


class Sandbox:
    """A working folder, a fake HOME and a HIPTIMER_HOME holding one hostile routine."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cwd = root / "cwd"
        self.home = root / "fake-home"
        self.hiptimer_home = root / "hiptimer-home"
        self.sentinel = root / "sentinel-created"
        for folder in (self.cwd, self.home, self.hiptimer_home / "routines"):
            folder.mkdir(parents=True)
        text = tomli_w.dumps(hostile_document(self.sentinel))
        self.routine_file = self.hiptimer_home / "routines" / "hostile.toml"
        self.routine_file.write_text(text, encoding="utf-8")
        # A hostile file name too: it is shown, never run.
        (self.hiptimer_home / "routines" / f"$(touch {SENTINEL_NAME});`x`.toml").write_text(
            text, encoding="utf-8")

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "HOME": str(self.home), "HIPTIMER_HOME": str(self.hiptimer_home),
                "PYTHONDONTWRITEBYTECODE": "1", "TERM": "dumb"}

    def files(self) -> set[Path]:
        return {path for path in self.root.rglob("*")}


def run_hiptimer(sandbox: Sandbox, *args: str, trace: Path | None = None
                 ) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "hiptimer", *args]
    if trace is not None:
        command = ["strace", "-f", "-qq", "-o", str(trace), "-e",
                   "trace=execve,execveat,open,openat,creat,rename,renameat,renameat2,"
                   "unlink,unlinkat,mkdir,mkdirat,symlink,symlinkat,link,linkat", *command]
    return subprocess.run(command, cwd=sandbox.cwd, env=sandbox.env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)


COMMANDS = [("check", "ROUTINE_FILE"), ("show", "hostile"), ("show", "hostile", "--json"),
            ("list",), ("run", "hostile", "--plain", "--mute"), ("history",)]


def strace_works() -> bool:
    if shutil.which("strace") is None:
        return False
    return subprocess.run(["strace", "-qq", "-o", os.devnull, "true"],
                          capture_output=True).returncode == 0


def test_no_value_runs_a_command_or_touches_a_file_outside_hiptimer(tmp_path: Path) -> None:
    sandbox = Sandbox(tmp_path)
    before = sandbox.files()
    traced = strace_works()
    for number, command in enumerate(COMMANDS):
        args = [str(sandbox.routine_file) if arg == "ROUTINE_FILE" else arg for arg in command]
        trace = tmp_path / f"trace-{number}.txt" if traced else None
        result = run_hiptimer(sandbox, *args, trace=trace)
        assert result.returncode == 0, (args, result.stderr)
        assert "Traceback" not in result.stderr
        if trace is not None:
            calls = trace.read_text(encoding="utf-8", errors="replace")
            trace.unlink()
            assert_only_hiptimer_files(calls, sandbox)
    assert not sandbox.sentinel.exists()
    created = {path.relative_to(tmp_path) for path in sandbox.files() - before}
    data = sandbox.hiptimer_home.relative_to(tmp_path)
    assert {path for path in created if path.parent != data} == set(), "files made outside"
    assert {path.name for path in created} <= {"history.sqlite3", "history.sqlite3-wal",
                                               "history.sqlite3-shm"}


def assert_only_hiptimer_files(calls: str, sandbox: Sandbox) -> None:
    """The strace log: one execve (python itself); writes only in HIPTIMER_HOME; no hostile path."""
    execs = [line for line in calls.splitlines() if re.match(r"\d+ +execve", line)]
    assert len(execs) == 1 and sys.executable in execs[0], execs
    for line in calls.splitlines():
        assert "passwd" not in line and SENTINEL_NAME not in line.replace("$(touch pwned)", ""), \
            line
        writes = re.search(r'"([^"]*)", [^)]*(O_WRONLY|O_RDWR|O_CREAT)', line)
        changes = re.match(r'\d+ +(unlink|rename|mkdir|creat|symlink|link)\w*\((?:AT_FDCWD, )?"([^"]*)"',
                           line)
        path = writes.group(1) if writes else changes.group(2) if changes else None
        if path is None or "= -1" in line and not writes:
            continue
        if path.startswith("/dev/"):
            continue
        resolved = (sandbox.cwd / path).resolve() if not path.startswith("/") else Path(path)
        assert resolved.is_relative_to(sandbox.hiptimer_home), line


def test_no_value_reaches_a_shell_or_a_subprocess_in_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Every process started (a voice engine, say) gets its argv as a list, never a shell."""
    sandbox = Sandbox(tmp_path)
    monkeypatch.setenv("HIPTIMER_HOME", str(sandbox.hiptimer_home))
    monkeypatch.setenv("HOME", str(sandbox.home))
    monkeypatch.chdir(sandbox.cwd)
    started: list[tuple[Any, dict[str, Any]]] = []
    real_init = subprocess.Popen.__init__

    def recording_init(self: subprocess.Popen[Any], args: Any, *rest: Any, **kwargs: Any) -> None:
        started.append((args, kwargs))
        real_init(self, args, *rest, **kwargs)

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"a shell was asked to run {args!r}")

    monkeypatch.setattr(subprocess.Popen, "__init__", recording_init)
    monkeypatch.setattr(os, "system", refuse)
    monkeypatch.setattr(os, "popen", refuse)
    for args in (["check", str(sandbox.routine_file)], ["show", "hostile"], ["list"],
                 ["run", "hostile", "--plain", "--voice"]):
        assert cli.main(args) == 0, capsys.readouterr()
    for argv, kwargs in started:
        assert not kwargs.get("shell"), argv
        assert isinstance(argv, (list, tuple)), argv
        assert "touch" not in str(argv[0]) and "$(" not in str(argv[0])
    assert not sandbox.sentinel.exists()
    assert not (sandbox.cwd / SENTINEL_NAME).exists()


@pytest.mark.parametrize("name", ["../../../outside", "/etc/passwd", "..", "a/../../b",
                                  "$(touch pwned)", "\x1b[2J"])
def test_a_new_routine_is_always_written_inside_the_routine_folder(tmp_path: Path,
                                                                   name: str) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    try:
        path = new_routine(name, folder)
    except ValueError:
        assert list(folder.iterdir()) == []
        return
    assert path.parent == folder and path.suffix == ".toml"
    assert [item.name for item in tmp_path.rglob("*")] == ["routines", path.name]


# ---------------------------------------------------------------- raw control sequences

ANSI_NAME = "Hips \x1b[2J\x1b[31mred\x1b]0;pwned\x07"
ANSI_ROUTINE = tomli_w.dumps({
    "name": ANSI_NAME, "timing": {"prepare": 0, "rest": 0, "countdown": 0},
    "exercise": [{"name": f"Bridge {ANSI_NAME}", "hold": 0.05}]})


@pytest.mark.parametrize("args", [
    ["list"],
    ["show", "ansi"],
    ["show", "ansi", "--json"],
    ["run", "ansi", "--plain", "--mute"],
    ["check", "ROUTINE_FILE"],
    ["history"],
], ids=["list", "show", "show-json", "run-plain", "check", "history"])
def test_control_characters_in_a_name_never_reach_the_terminal_raw(
        home: Paths, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    path = home.routines / "ansi.toml"
    path.write_text(ANSI_ROUTINE, encoding="utf-8")
    if args[0] == "history":  # a session of the routine in the history first
        assert cli.main(["run", "ansi", "--plain", "--mute"]) == 0
        capsys.readouterr()
    assert cli.main([str(path) if arg == "ROUTINE_FILE" else arg for arg in args]) == 0
    out, err = capsys.readouterr()
    assert not ESCAPE.search(out + err), repr(out + err)
    if args[0] != "check":
        assert "Hips" in out  # the name is still shown, its escapes made visible or dropped


# ---------------------------------------------------------------- markup in the TUI

MARKUP = "[/b] [link=file:///etc/passwd]x[/link] [bold"

def markup_routine_text(field: str) -> str:
    """A small valid routine with MARKUP in one field (exercise name by default)."""
    exercise = {"name": "Bridge", "hold": 1, "how": ["Lift."], "tip": "Breathe.",
                "equipment": ["mat"]}
    document: dict[str, Any] = {"name": "Plain name", "description": "d",
                                "timing": {"prepare": 1, "rest": 0}, "exercise": [exercise]}
    if field in ("name", "description"):
        document[field] = f"Routine {MARKUP}"
    elif field == "exercise":
        exercise["name"] = f"Bridge {MARKUP}"
    elif field in ("how", "equipment"):
        exercise[field] = [f"{field} {MARKUP}"]
    else:
        exercise[field] = f"{field} {MARKUP}"
    return tomli_w.dumps(document)


def markup_routine(field: str) -> Routine:
    loaded = parse_routine(markup_routine_text(field), "markup.toml")
    assert loaded.routine is not None, loaded.problems
    return loaded.routine


@pytest.mark.parametrize("field", ["name", "description", "exercise", "how", "tip", "equipment"])
async def test_markup_in_a_routine_is_shown_literally_in_the_library_and_preview(
        home: Paths, fake_clock: Any, field: str) -> None:
    (home.routines / "markup.toml").write_text(markup_routine_text(field), encoding="utf-8")
    app = fail_fast(build(home, fake_clock))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        for row, entry in enumerate(screen.shown):
            if entry.stem == "markup":
                screen.query_one("#routines").move_cursor(row=row)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "PreviewScreen"
        assert Path(app.screen.source).stem == "markup"
        if field == "name":
            assert MARKUP in text_of(app, "#preview-title")
        app.save_screenshot(str(home.data / "preview.svg"))
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "LibraryScreen"


@pytest.mark.parametrize("field", ["name", "exercise", "how", "tip", "equipment"])
async def test_markup_in_a_routine_is_shown_literally_in_the_workout_and_summary(
        home: Paths, fake_clock: Any, field: str) -> None:
    app = fail_fast(build(home, fake_clock, routine=markup_routine(field), store=FakeStore()))
    async with app.run_test(size=(100, 30)) as pilot:
        if field == "exercise":
            assert MARKUP in text_of(app, "#exercise-name")  # "Next up: Bridge [/b] ..."
        for _ in range(3):
            fake_clock.advance(1.1)
            if type(app.screen).__name__ == "WorkoutScreen":
                app.screen.tick()
            await pilot.pause()
        assert type(app.screen).__name__ == "SummaryScreen"
        app.save_screenshot(str(home.data / "summary.svg"))
        await pilot.press("enter")
