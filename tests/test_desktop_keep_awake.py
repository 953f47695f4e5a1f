"""The screen kept awake during a workout: the listener on a real private bus, with test screensavers."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from desktop_bus import Desktop, wait_for
from desktop_support import FINISHED, PAUSED, RESUMED, ManualTimers, a_plan
from hiptimer.desktop.inhibit import CaffeinateInhibitor, WakepyInhibitor
from hiptimer.desktop.keep_awake import PAUSE_LIMIT, KeepAwake


@pytest.fixture
def on_bus(desktop: Desktop, monkeypatch: pytest.MonkeyPatch) -> Desktop:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.address)
    return desktop


def keep_awake(timers: ManualTimers | None = None) -> KeepAwake:
    return KeepAwake(WakepyInhibitor(), later=timers or ManualTimers())


def settle(listener: KeepAwake) -> None:
    """Wait for the listener's bus calls so far (they run on its own thread)."""
    assert listener._worker is not None and listener._worker.flush(3)


def test_held_from_the_start_and_released_when_the_workout_finishes(on_bus: Desktop) -> None:
    screensaver = on_bus.screensaver()
    listener = keep_awake()
    listener.begin(a_plan())
    settle(listener)
    assert len(screensaver.held) == 1
    assert listener.method == "org.freedesktop.ScreenSaver"
    listener.handle([FINISHED])
    settle(listener)
    assert screensaver.held == []
    assert [i.released_by for i in screensaver.inhibitions] == ["UnInhibit"]
    listener.close()  # the session closes its listeners after the end
    listener.shutdown()
    assert len(screensaver.inhibitions) == 1  # nothing held again, nothing released twice


def test_gnome_session_manager_is_asked_for_an_idle_inhibition(on_bus: Desktop) -> None:
    session = on_bus.screensaver("org.gnome.SessionManager")
    listener = keep_awake()
    listener.begin(a_plan())
    settle(listener)
    (inhibition,) = session.held
    assert inhibition.args[3] == 8  # GNOME's "inhibit the session being marked as idle"
    listener.shutdown()
    assert [i.released_by for i in session.inhibitions] == ["UnInhibit"]


def test_leaving_a_workout_releases_and_the_next_workout_holds_again(on_bus: Desktop) -> None:
    screensaver = on_bus.screensaver()
    listener = keep_awake()
    listener.begin(a_plan())
    began = time.perf_counter()
    listener.close()
    assert time.perf_counter() - began < 0.02  # on the event loop: it does not wait for the bus
    settle(listener)
    assert [i.released_by for i in screensaver.inhibitions] == ["UnInhibit"]
    listener.begin(a_plan())  # one part serves every workout of the app's run
    settle(listener)
    assert len(screensaver.held) == 1 and len(screensaver.inhibitions) == 2
    listener.shutdown()
    assert screensaver.held == []


def test_quitting_the_program_mid_workout_releases_before_it_exits(on_bus: Desktop) -> None:
    screensaver = on_bus.screensaver()
    listener = keep_awake()
    listener.begin(a_plan())
    listener.shutdown()  # waits (a bounded time) for the release to reach the bus
    assert [i.released_by for i in screensaver.inhibitions] == ["UnInhibit"]


def test_a_long_pause_releases_and_resuming_holds_again(on_bus: Desktop) -> None:
    screensaver, timers = on_bus.screensaver(), ManualTimers()
    listener = keep_awake(timers)
    listener.begin(a_plan())
    listener.handle([PAUSED])
    settle(listener)
    assert timers.delays == [PAUSE_LIMIT] and PAUSE_LIMIT == 300
    assert len(screensaver.held) == 1  # a short pause keeps the screen on
    timers.fire()
    settle(listener)
    assert screensaver.held == [] and listener.method is None
    listener.handle([RESUMED])
    settle(listener)
    assert len(screensaver.held) == 1 and len(screensaver.inhibitions) == 2
    listener.shutdown()
    assert screensaver.held == []


def test_resuming_before_the_limit_keeps_the_same_inhibition(on_bus: Desktop) -> None:
    screensaver, timers = on_bus.screensaver(), ManualTimers()
    listener = keep_awake(timers)
    listener.begin(a_plan())
    listener.handle([PAUSED])
    listener.handle([RESUMED])
    settle(listener)
    assert timers.pending == []  # the pause's release was cancelled
    assert len(screensaver.inhibitions) == 1 and len(screensaver.held) == 1
    listener.shutdown()


def test_a_release_that_fires_after_a_resume_does_nothing(on_bus: Desktop) -> None:
    screensaver, timers = on_bus.screensaver(), ManualTimers()
    listener = keep_awake(timers)
    listener.begin(a_plan())
    listener.handle([PAUSED])
    _, late_release = timers.pending[0]
    listener.handle([RESUMED])
    late_release()  # a timer that was already going off as the user resumed
    settle(listener)
    assert len(screensaver.held) == 1
    listener.shutdown()


def test_a_slow_screensaver_never_holds_up_the_workout(on_bus: Desktop) -> None:
    screensaver = on_bus.screensaver()
    screensaver.delay = 0.5
    listener = keep_awake()
    began = time.perf_counter()
    listener.begin(a_plan())
    listener.handle([PAUSED])
    listener.handle([RESUMED])
    assert time.perf_counter() - began < 0.05
    assert wait_for(lambda: screensaver.held, timeout=3)
    listener.shutdown()


def test_no_bus_or_no_screensaver_is_a_quiet_no_op(quiet_bus: str,
                                                   capfd: pytest.CaptureFixture[str]) -> None:
    listener = keep_awake()
    listener.begin(a_plan())
    settle(listener)
    assert listener.method is None
    listener.handle([PAUSED])
    listener.handle([RESUMED, FINISHED])
    listener.shutdown()
    assert capfd.readouterr() == ("", "")


def test_on_macos_caffeinate_holds_the_display_until_this_process_ends(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path
    record = folder / "args"
    fake = folder / "caffeinate"
    fake.write_text(f'#!/bin/sh\necho "$@" > {record}\nexec sleep 30\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    inhibitor = CaffeinateInhibitor()
    assert inhibitor.hold() == "caffeinate"
    assert wait_for(record.exists)
    assert record.read_text().split() == ["-d", "-w", str(os.getpid())]
    process = inhibitor._process
    inhibitor.release()
    assert process is not None and process.returncode is not None
