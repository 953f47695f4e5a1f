"""Shared fixtures: a private HIPTIMER_HOME, a fake clock and a private session bus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_bus import Desktop
from hiptimer.paths import Paths, user_paths


class FakeClock:
    """A clock that only moves when told to; ``sleep`` moves it."""

    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """HIPTIMER_HOME in a temporary folder, with an empty routines folder."""
    root = tmp_path / "home"
    (root / "routines").mkdir(parents=True)
    monkeypatch.setenv("HIPTIMER_HOME", str(root))
    return user_paths({"HIPTIMER_HOME": str(root)})


def write_routine(folder: Path, stem: str, text: str) -> Path:
    path = folder / f"{stem}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def desktop() -> Iterator[Desktop]:
    """A private session bus (a real dbus-daemon) to put test services on; stopped after."""
    bus = Desktop()
    try:
        yield bus
    finally:
        bus.close()


@pytest.fixture(params=["none", "empty"])
def quiet_bus(request: pytest.FixtureRequest, desktop: Desktop,
              monkeypatch: pytest.MonkeyPatch) -> str:
    """No session bus at all, or one with neither a screensaver nor a player on it."""
    if request.param == "none":
        monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    else:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", desktop.address)
    return request.param
