"""Where hiptimer keeps user files: ``$HIPTIMER_HOME`` or the platform folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "hiptimer"


@dataclass(frozen=True)
class Paths:
    routines: Path
    """The user's routine folder (shadows the built-ins)."""
    config: Path
    """``config.toml``: settings."""
    data: Path
    """The folder holding history."""

    @property
    def history(self) -> Path:
        return self.data / "history.sqlite3"


def user_paths(environ: dict[str, str] | None = None) -> Paths:
    env = os.environ if environ is None else environ
    home = env.get("HIPTIMER_HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(routines=root / "routines", config=root / "config.toml", data=root)
    import platformdirs  # only here: $HIPTIMER_HOME needs none of it

    config_dir = Path(platformdirs.user_config_dir(APP_NAME))
    return Paths(
        routines=config_dir / "routines",
        config=config_dir / "config.toml",
        data=Path(platformdirs.user_data_dir(APP_NAME)),
    )
