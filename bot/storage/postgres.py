"""The same insights in PostgreSQL (DATABASE_URL), shared by every process of the bot, and the
reload signal between them (LISTEN/NOTIFY).

psycopg 3 serves both sides with one driver: the blocking connection the storage interface
needs (called through `asyncio.to_thread`, like SQLite, and directly by `python -m bot gaps`) and
an asyncio connection that waits for notifications without polling. The schema comes from the
same numbered `MIGRATIONS` as SQLite; an advisory lock makes two processes that start at once
migrate one after the other instead of both at the same time.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict

from bot.storage.db import MIGRATIONS, StorageError, too_new
from bot.storage.insights import InsightRecords

log = logging.getLogger(__name__)

#: The NOTIFY channel a successful reload is announced on.
RELOAD_CHANNEL = "nachrichtenlage_reload"
#: Any constant: the advisory lock that serialises migrations of concurrent starts.
MIGRATION_LOCK = 7_150_421_311
#: Seconds between attempts when the listening connection was lost.
RECONNECT_PAUSE = 5.0


def describe(url: str) -> str:
    """host:port/database of a URL, never its password."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "DATABASE_URL (unreadable)"
    return f"{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '?')}"


def connect(url: str) -> psycopg.Connection:
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise StorageError(f"cannot connect to PostgreSQL at {describe(url)}: {first}") from error


def schema_version(connection: psycopg.Connection) -> int:
    connection.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = connection.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(connection: psycopg.Connection) -> int:
    """Apply every migration the database has not seen yet, each in one transaction."""
    with connection.transaction():
        connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
        current = schema_version(connection)
    if current > len(MIGRATIONS):
        raise too_new(current)
    for version in range(current + 1, len(MIGRATIONS) + 1):
        with connection.transaction():
            connection.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            if schema_version(connection) >= version:  # another process got there first
                continue
            connection.execute(MIGRATIONS[version - 1].postgres)
            connection.execute("INSERT INTO schema_version (version) VALUES (%s)", (version,))
    return schema_version(connection)


class PostgresInsightStore(InsightRecords):
    """One connection shared by threads behind a lock; reconnects once when the server went away."""

    LEAST = "LEAST"
    GREATEST = "GREATEST"
    TOTAL = "COALESCE(SUM({}), 0)"

    def __init__(self, url: str, *, retention_days: int = 30):
        self.url = url
        self.retention_days = retention_days
        self._lock = threading.Lock()
        self._connection = connect(url)
        try:
            migrate(self._connection)
        except psycopg.Error as error:
            self._connection.close()
            raise StorageError(f"cannot use PostgreSQL at {describe(url)}: {error}") from error
        except StorageError:
            self._connection.close()
            raise

    def __repr__(self) -> str:
        return f"PostgresInsightStore({describe(self.url)})"

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def _run(self, sql: str, parameters: tuple) -> psycopg.Cursor:
        query = sql.replace("?", "%s")
        if self._connection.broken:
            log.warning("PostgreSQL connection lost; reconnecting to %s", describe(self.url))
            self._connection = connect(self.url)
        return self._connection.execute(query, parameters)

    def _write(self, sql: str, parameters: tuple = ()) -> int:
        with self._lock:
            return self._run(sql, parameters).rowcount

    def _read(self, sql: str, parameters: tuple = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._run(sql, parameters).fetchall()

    def notify_reload(self, payload: str) -> None:
        """Tell every listening process that the knowledge was reloaded (delivered on commit)."""
        self._write("SELECT pg_notify(?, ?)", (RELOAD_CHANNEL, payload))


async def listen_reloads(
    url: str,
    on_notice: Callable[[str], Awaitable[None]],
    *,
    listening: asyncio.Event | None = None,
) -> None:
    """Call `on_notice(payload)` for every reload notification until cancelled; reconnect when lost.

    `listening` is set once LISTEN is in force, so a caller knows no notification can be missed.
    """
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(url, autocommit=True) as connection:
                await connection.execute(f"LISTEN {RELOAD_CHANNEL}")
                log.info("Listening for reloads of other processes on %s", describe(url))
                if listening is not None:
                    listening.set()
                async for notice in connection.notifies():
                    try:
                        await on_notice(notice.payload)
                    except Exception:
                        log.exception("Handling a reload notification failed")
        except psycopg.Error as error:
            log.warning("Lost the reload notifications from %s (%s); retrying", describe(url), error)
            await asyncio.sleep(RECONNECT_PAUSE)
