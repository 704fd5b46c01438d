"""Opening the SQLite file and bringing its schema up to date; the migrations both backends share.

The schema is versioned and upgraded by the numbered steps in `MIGRATIONS`, each in one
transaction: a bot started on an older database upgrades it in place, a database written by a
newer bot is refused instead of being misread. Each step is written once per SQL dialect (SQLite,
PostgreSQL) with the same tables, columns and meaning; SQLite keeps the version in its own
`user_version`, PostgreSQL in a `schema_version` table (bot/storage/postgres.py). WAL mode lets
the Discord layer read (`/wissen lücken`) while a worker thread writes, without "database is locked".
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step, the same in both dialects."""

    what: str
    sqlite: str
    postgres: str


#: One step per schema version; append, never edit a shipped one.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        "unanswered questions, feedback counts, reload history",
        sqlite="""
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
        # Discord ids need 64 bits (BIGINT); times stay fixed-width UTC text, as in SQLite.
        postgres="""
        CREATE TABLE unanswered (
            text TEXT NOT NULL,
            channel_id BIGINT NOT NULL DEFAULT 0,
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
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at TEXT NOT NULL,
            moderator TEXT NOT NULL,
            ok INTEGER NOT NULL,
            summary TEXT NOT NULL
        );
        CREATE INDEX reloads_at ON reloads (at);
        """,
    ),
)


class StorageError(Exception):
    """The database cannot be used (unreadable, unreachable, or written by a newer version of the bot)."""


def too_new(current: int) -> StorageError:
    return StorageError(f"database schema version {current} is newer than this bot knows ({len(MIGRATIONS)})")


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection) -> int:
    """Apply every migration the file has not seen yet; return the resulting version."""
    current = schema_version(connection)
    if current > len(MIGRATIONS):
        raise too_new(current)
    for version in range(current + 1, len(MIGRATIONS) + 1):
        script = MIGRATIONS[version - 1].sqlite
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
