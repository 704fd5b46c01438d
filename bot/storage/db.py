"""Opening the database file and bringing its schema up to date.

The schema is versioned with SQLite's own `user_version` and upgraded by the numbered scripts in
`MIGRATIONS`, each in one transaction: a bot started on an older file upgrades it in place, a file
written by a newer bot is refused instead of being misread. WAL mode lets the Discord layer read
(`/wissen lücken`) while a worker thread writes, without "database is locked".
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

#: One script per schema version; append, never edit a shipped one.
MIGRATIONS: tuple[str, ...] = (
    # 1: unanswered questions, feedback counts, reload history.
    """
    CREATE TABLE unanswered (
        text TEXT NOT NULL,
        channel_id INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('no_match', 'ambiguous')),
        count INTEGER NOT NULL,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (text, channel_id)
    );
    CREATE INDEX unanswered_last_seen ON unanswered (last_seen);
    CREATE TABLE feedback (
        answer_id TEXT PRIMARY KEY,
        helpful INTEGER NOT NULL DEFAULT 0,
        not_helpful INTEGER NOT NULL DEFAULT 0,
        last_at TEXT NOT NULL
    );
    CREATE TABLE reloads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        moderator TEXT NOT NULL,
        ok INTEGER NOT NULL,
        summary TEXT NOT NULL
    );
    CREATE INDEX reloads_at ON reloads (at);
    """,
)


class StorageError(Exception):
    """The database file cannot be used (unreadable, or written by a newer version of the bot)."""


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> int:
    """Apply every migration the file has not seen yet; return the resulting version."""
    current = schema_version(connection)
    if current > len(MIGRATIONS):
        raise StorageError(
            f"database schema version {current} is newer than this bot knows ({len(MIGRATIONS)})"
        )
    for version in range(current + 1, len(MIGRATIONS) + 1):
        script = MIGRATIONS[version - 1]
        # executescript commits first; BEGIN ... COMMIT makes each step all-or-nothing.
        connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
    return schema_version(connection)


def open_database(path: Path) -> sqlite3.Connection:
    """Open (or create) the file, switch to WAL and migrate. The folder is created if missing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    except (OSError, sqlite3.Error) as error:
        raise StorageError(f"cannot open database '{path}': {error}") from error
    try:
        connection.execute("PRAGMA busy_timeout = 5000")
        mode = connection.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"database '{path}' cannot use WAL mode (got '{mode}')")
        connection.execute("PRAGMA synchronous = NORMAL")
        migrate(connection)
    except sqlite3.Error as error:
        connection.close()
        raise StorageError(f"cannot use database '{path}': {error}") from error
    except StorageError:
        connection.close()
        raise
    return connection
