"""Session history: a SQLite store fed by engine events, and the ``hiptimer history`` report.

``opening.open_store`` opens the file (never raising at the workout);
``report.history_command`` prints it. Nothing is opened at import, and this
package imports nothing else: a workout's first frame needs only what is here.
"""

from datetime import datetime

HOLD_SOURCE = "hold"
"""The source of a quick ``hiptimer hold`` session: recorded, but counted toward no goal."""


def local_now() -> datetime:
    """The wall clock, in the local time zone: the history's instants."""
    return datetime.now().astimezone()
