"""The history database's schema and its migrations, applied in order.

``PRAGMA user_version`` holds the version a file is at. A migration is never
edited once released: a change to the schema is a new entry at the end of
``MIGRATIONS``, so a file of any earlier version is brought up to date step by
step.
"""

from __future__ import annotations

import sqlite3

SESSIONS_V1 = """
CREATE TABLE sessions (
    id              INTEGER PRIMARY KEY,
    routine         TEXT NOT NULL,
    source          TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    ended_at        TEXT,
    planned_seconds REAL NOT NULL,
    planned_blocks  INTEGER NOT NULL,
    status          TEXT NOT NULL
        CHECK (status IN ('running', 'completed', 'stopped', 'interrupted')),
    host            TEXT NOT NULL,
    pid             INTEGER NOT NULL,
    process_start   TEXT
)"""

BLOCKS_V1 = """
CREATE TABLE blocks (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    position        INTEGER NOT NULL,
    exercise        TEXT NOT NULL,
    exercise_index  INTEGER NOT NULL,
    set_number      INTEGER NOT NULL,
    side            TEXT,
    planned_seconds REAL NOT NULL,
    actual_seconds  REAL NOT NULL,
    reps_done       INTEGER,
    status          TEXT NOT NULL CHECK (status IN ('done', 'partial', 'skipped')),
    ended_at        TEXT NOT NULL
)"""

STRETCHES_V3 = """
CREATE TABLE stretches (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    started_at      TEXT NOT NULL,
    ended_at        TEXT
)"""

CHECKS_V3 = """
CREATE TABLE checks (
    id              INTEGER PRIMARY KEY,
    session_id      INTEGER NOT NULL REFERENCES sessions(id),
    exercise_index  INTEGER NOT NULL,
    exercise        TEXT NOT NULL,
    side            TEXT,
    question        TEXT NOT NULL,
    answer          TEXT CHECK (answer IN ('yes', 'no')),
    asked_at        TEXT NOT NULL
)"""

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # version 1: sessions and their exercise blocks
    (SESSIONS_V1, BLOCKS_V1,
     "CREATE INDEX blocks_by_session ON blocks (session_id, position)",
     "CREATE INDEX sessions_by_status ON sessions (status)"),
    # version 2: the rep target of a block, to show "8 of 10 reps"
    ("ALTER TABLE blocks ADD COLUMN reps_target INTEGER",),
    # version 3: training over weeks. A session resumed later has one stretch of
    # time per run; its level; the part of a routine made of parts each block
    # belongs to; the answers to an exercise's self-test, per side.
    (STRETCHES_V3,
     "CREATE INDEX stretches_by_session ON stretches (session_id)",
     "INSERT INTO stretches (session_id, started_at, ended_at)"
     " SELECT id, started_at, ended_at FROM sessions",
     "ALTER TABLE sessions ADD COLUMN level TEXT NOT NULL DEFAULT 'standard'",
     "ALTER TABLE blocks ADD COLUMN part INTEGER NOT NULL DEFAULT 0",
     CHECKS_V3,
     "CREATE INDEX checks_by_session ON checks (session_id)"),
)
LATEST_VERSION = len(MIGRATIONS)


class NewerSchema(Exception):
    """The file was written by a newer hiptimer; it is left untouched."""


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, target: int = LATEST_VERSION) -> int:
    """Bring the file up to ``target``; the caller holds a write transaction.

    Returns the version the file was at. Always writes ``user_version``, so a
    file that cannot be written fails here, at open, not in mid-workout.
    """
    version = schema_version(connection)
    if version > LATEST_VERSION:
        raise NewerSchema(f"its schema is version {version}, this hiptimer knows up to "
                          f"{LATEST_VERSION}")
    for statements in MIGRATIONS[version:target]:
        for statement in statements:
            connection.execute(statement)
    connection.execute(f"PRAGMA user_version = {max(version, target)}")
    return version
